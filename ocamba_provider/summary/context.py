"""Which commit, which workflow run and what time a comment describes: its last line.

A pull-request comment is edited in place on every push, so without this line a reader cannot
tell whether it describes the commit in front of them. Read from the variables GitHub Actions
sets; each value is checked against its documented shape and left out when it does not match,
because the line is live Markdown (a link) and must not carry anything else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

COMMIT_VARIABLE: Final = "OCAMBA_SUMMARY_COMMIT"
"""Overrides GITHUB_SHA: a pull request's head, where GITHUB_SHA is the test merge commit."""

_SHA: Final = re.compile(r"[0-9a-f]{7,64}")
_SERVER: Final = re.compile(r"https://[A-Za-z0-9.-]+(?::\d+)?")
_REPOSITORY: Final = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
_NUMBER: Final = re.compile(r"\d{1,20}")


@dataclass(frozen=True)
class RunContext:
    """Where and when a comment was made: every part optional but the time."""

    at: datetime
    commit: str = ""
    run_url: str = ""
    run_label: str = ""

    def line(self) -> str:
        """`_Commit `abc1234` · [run 42](https://...) · 2026-11-26 13:00:05 GMT_`."""
        parts = []
        if self.commit:
            parts.append(f"Commit `{self.commit[:12]}`")
        if self.run_url:
            parts.append(f"[{self.run_label}]({self.run_url})")
        parts.append(self.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S GMT"))
        return "_" + " · ".join(parts) + "_"


def _valid(pattern: re.Pattern[str], value: str | None) -> str:
    return value if value and pattern.fullmatch(value) else ""


def from_environment(env: Mapping[str, str], now: datetime) -> RunContext | None:
    """The context of a GitHub Actions run, or None outside one (a workstation)."""
    if env.get("GITHUB_ACTIONS") != "true":
        return None
    commit = _valid(_SHA, env.get(COMMIT_VARIABLE)) or _valid(_SHA, env.get("GITHUB_SHA"))
    server = _valid(_SERVER, env.get("GITHUB_SERVER_URL"))
    repository = _valid(_REPOSITORY, env.get("GITHUB_REPOSITORY"))
    run_id = _valid(_NUMBER, env.get("GITHUB_RUN_ID"))
    attempt = _valid(_NUMBER, env.get("GITHUB_RUN_ATTEMPT"))
    if not (server and repository and run_id):
        return RunContext(at=now, commit=commit)
    url = f"{server}/{repository}/actions/runs/{run_id}"
    label = f"run {run_id}"
    if attempt and attempt != "1":
        url += f"/attempts/{attempt}"
        label += f", attempt {attempt}"
    return RunContext(at=now, commit=commit, run_url=url, run_label=label)
