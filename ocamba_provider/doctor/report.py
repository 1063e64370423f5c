"""What the doctor found and how it reads: one `Check` per assumption, the `Diagnosis` of all.

The checks (checks_listing.py, checks_errors.py) decide outcomes; this module only holds them
and turns them into the lines the command prints and its exit status.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Outcome = Literal["ok", "DIFFERS", "unknown"]


@dataclass(frozen=True)
class Check:
    """One assumption: held or not, what was seen, what the client does about it."""

    name: str
    outcome: Outcome
    observed: str
    client: str
    fatal: bool = False

    def line(self) -> str:
        """The report line: `ok|DIFFERS|unknown  name: observed; what the client does`."""
        return f"{self.outcome:<8} {self.name}: {self.observed}; {self.client}"


@dataclass
class Diagnosis:
    """Everything the doctor found: the checks, or the reason it had to stop."""

    checks: list[Check] = field(default_factory=list)
    failure: str | None = None
    requests: int = 0

    @property
    def client_can_work(self) -> bool:
        """No fatal finding and no reason to stop."""
        return self.failure is None and not any(check.fatal for check in self.checks)

    def report(self, where: str) -> str:
        """The text the command prints."""
        lines = [f"doctor: read-only checks against {where}"]
        lines += [check.line() for check in self.checks]
        counts = {
            outcome: sum(check.outcome == outcome for check in self.checks)
            for outcome in ("ok", "DIFFERS", "unknown")
        }
        differ = counts["DIFFERS"]
        summary = (
            f"{len(self.checks)} assumptions: {counts['ok']} ok, {differ} differ, "
            f"{counts['unknown']} unknown"
        )
        done = f"{self.requests} GET requests, no writes"
        if self.failure is not None:
            lines.append(f"doctor: FAILED ({done}): {self.failure}")
        elif not self.client_can_work:
            fatal = "; ".join(check.name for check in self.checks if check.fatal)
            lines.append(f"doctor: FAILED ({summary}; {done}): the client cannot work with {fatal}")
        elif differ:
            lines.append(f"doctor: {summary}; the client copes with each ({done})")
        else:
            lines.append(f"doctor: {summary}; nothing differs ({done})")
        return "\n".join(lines) + "\n"
