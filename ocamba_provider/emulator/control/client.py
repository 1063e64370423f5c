"""`EmulatorControl`: a small HTTP client for the emulator's `/_emulator/` control surface.

Works against an emulator in this process (`Emulator.control`) or another one
(`python -m ocamba_provider.emulator`), since it only speaks HTTP. The emulator only listens on
loopback, so requests go straight to it: no proxy from the environment, no redirect followed.
"""

from __future__ import annotations

from typing import Any

import requests

from ..behaviour.variants import variant_settings

TIMEOUT_S = 30.0  # seeding 20,000 campaigns takes a fraction of this


class EmulatorControlError(RuntimeError):
    """The control surface refused a request; the message is the emulator's."""


class EmulatorControl:
    """Seed, inspect and perturb a running emulator."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")

    def reset(self) -> None:
        """Back to a fresh emulator: no campaigns, ledger, stats or faults; start-up settings."""
        self._call("POST", "/reset")

    def seed(self, campaigns: list[dict[str, Any]]) -> int:
        """Replace every campaign with `campaigns` (missing fields get defaults); the count."""
        return int(self._call("PUT", "/campaigns", {"campaigns": campaigns})["count"])

    def generate(self, count: int, status: str = "paused", first_id: int = 1000000) -> int:
        """Replace every campaign with `count` generated ones, ids from `first_id`; the count."""
        spec = {"count": count, "status": status, "first_id": first_id}
        return int(self._call("PUT", "/campaigns", {"generate": spec})["count"])

    def info(self) -> dict[str, Any]:
        """`{"emulator": "ocamba-hood", "version"}`: what only the emulator answers."""
        return self._object("GET", "/info")

    def campaign(self, campaign_id: str) -> dict[str, Any]:
        """The campaign as the emulator stores it: every field, no status lag, no variant."""
        return self._object("GET", f"/campaigns/{campaign_id}")

    def set_status(self, campaign_id: str, status: str) -> None:
        """Change a campaign's status out of band (not an API action: no ledger entry)."""
        self._call("POST", f"/campaigns/{campaign_id}/status", {"status": status})

    def set_labels(self, campaign_id: str, labels: list[str]) -> None:
        """Replace a campaign's labels out of band (no ledger entry)."""
        self._call("PUT", f"/campaigns/{campaign_id}/labels", {"labels": labels})

    def schedule(self, campaign_id: str, scheduled_time: str) -> None:
        """Make a campaign `scheduled` for `scheduled_time` (GMT `YYYY-MM-DD HH:MM:SS`, ahead of
        the emulator's clock) out of band (no ledger entry)."""
        self._call("PUT", f"/campaigns/{campaign_id}/schedule", {"scheduled_time": scheduled_time})

    def clock(self) -> dict[str, Any]:
        """`{"now": "YYYY-MM-DD HH:MM:SS" (GMT), "offset_s": float, "frozen": bool}`."""
        return self._object("GET", "/clock")

    def set_clock(
        self,
        now: str | None = None,
        offset_s: float | None = None,
        advance_s: float | None = None,
        real: bool = False,
    ) -> dict[str, Any]:
        """Move the emulator's clock; give exactly one of: `now` (freeze at that GMT time),
        `offset_s` (real time plus this), `advance_s` (move by this), `real=True`. Returns the
        clock as `clock()` shows it.

        Raises:
            ValueError: not exactly one of them.
        """
        given = {
            key: value
            for key, value in (("now", now), ("offset_s", offset_s), ("advance_s", advance_s))
            if value is not None
        }
        if real:
            given["real"] = True
        if len(given) != 1:
            raise ValueError("give exactly one of now, offset_s, advance_s or real=True")
        return self._object("PUT", "/clock", given)

    def events(self) -> list[dict[str, Any]]:
        """System transitions, in order: `{"campaign_id", "event": "started"|"finished", "at"}`."""
        events: list[dict[str, Any]] = self._call("GET", "/events")["events"]
        return events

    def ledger(self) -> list[dict[str, Any]]:
        """Every applied action, in order: `{"campaign_id", "action", "body", "at"}`."""
        actions: list[dict[str, Any]] = self._call("GET", "/ledger")["actions"]
        return actions

    def stats(self) -> dict[str, Any]:
        """Request counts per route and status, and the peak 1 s / 1 min request counts."""
        return self._object("GET", "/stats")

    def reset_stats(self) -> None:
        """Count from zero."""
        self._call("POST", "/stats/reset")

    def set_faults(self, rules: list[dict[str, Any]], seed: int = 0) -> dict[str, Any]:
        """Replace every fault rule (`[]` clears them); the resulting report."""
        return self._object("PUT", "/faults", {"seed": seed, "rules": rules})

    def fault_counts(self) -> list[int]:
        """How many times each current rule has fired, in rule order."""
        return [int(rule["fired"]) for rule in self._call("GET", "/faults")["rules"]]

    def settings(self, **changes: Any) -> dict[str, Any]:
        """Change the given settings (any key `GET /_emulator/settings` shows) and return them
        all; with no arguments just read them."""
        if not changes:
            return self._object("GET", "/settings")
        return self._object("PUT", "/settings", changes)

    def variant(self, *names: str) -> dict[str, Any]:
        """Switch on the named API variants (behaviour/variants.py), merged in order, on top of
        the current settings; returns them all.

        Raises:
            ValueError: an unknown variant name.
        """
        return self.settings(**variant_settings(names))

    def _object(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        answer = self._call(method, path, body)
        if not isinstance(answer, dict):
            raise EmulatorControlError(f"{method} /_emulator{path}: expected a JSON object")
        return answer

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        with requests.Session() as session:
            session.trust_env = False  # never through a proxy the environment names
            response = session.request(
                method,
                f"{self.url}/_emulator{path}",
                json=body,
                timeout=TIMEOUT_S,
                allow_redirects=False,
            )
        if not 200 <= response.status_code < 300:
            try:
                message = response.json().get("message", response.text)
            except ValueError:
                message = response.text
            raise EmulatorControlError(f"{method} /_emulator{path}: {message}")
        return response.json() if response.content else None
