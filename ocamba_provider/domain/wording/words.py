"""The words every surface uses: campaign titles, times in GMT, actions, the status column.

One vocabulary for the preview, the log lines, the errors and the PR comment.
"""

from __future__ import annotations

import re
from typing import Final

from ocamba_provider.domain.problems import Problem
from ocamba_provider.domain.times import parse_api_time
from ocamba_provider.domain.zones import is_gmt, to_local

_WHOLE_MINUTE: Final = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:00")

OBSERVED_STATUS_LABEL: Final = "observed status"
"""The PR comment's column, and the words every problem's sentence uses for the status."""

RERUN: Final = (
    "Nothing was sent twice; run `pulumi up` again: it reads the status first "
    "and only sends what is still needed."
)
CHECK_TOKEN: Final = (
    "Check the token in `ocamba:apiToken` or OCAMBA_API_TOKEN and its access to this workspace."  # noqa: S105 (advice, not a token)
)
REFUSED: Final = (
    "The API refused it, so it was not applied, and nothing was resent. Check "
    "the campaign in Hood and the declaration, then run `pulumi up` again."
)


def resume_words(scheduled_time: str | None, zone_name: str | None = None) -> str:
    """`resume now`, or `resume at 2026-12-01 09:00 GMT` (with the entry's zone first)."""
    return f"resume at {when(scheduled_time, zone_name)}" if scheduled_time else "resume now"


def reschedule_words(
    from_time: str | None, to_time: str, zone_name: str | None = None, reason: str | None = None
) -> str:
    """`reschedule 2030-06-01 09:00 -> 2031-01-01 09:00 GMT` (with the entry's zone first);
    `pause, then resume at ...` for a campaign running before its time, with the pause's
    reason when the calendar gives one (`pause (window closed at ...), then resume at ...`)."""
    if from_time is None:
        pause = f"pause ({reason})" if reason else "pause"
        return f"{pause}, then resume at {when(to_time, zone_name)}"
    if zone_name is not None and not is_gmt(zone_name):
        before = when(from_time, zone_name) if from_time else "?"
        return f"reschedule {before} -> {when(to_time, zone_name)}"
    start = gmt(from_time).removesuffix(" GMT") if from_time else "?"
    return f"reschedule {start} -> {gmt(to_time)}"


def when(gmt_time: str, zone_name: str | None = None) -> str:
    """A GMT time as users read it: `2026-12-01 10:00 Europe/Belgrade (09:00 GMT)`, or
    `2026-12-01 09:00 GMT` for an entry in GMT."""
    if zone_name is None or is_gmt(zone_name):
        return gmt(gmt_time)
    try:
        local = to_local(parse_api_time(gmt_time), zone_name)
    except ValueError:
        return gmt(gmt_time)
    shown = gmt(local.isoformat(sep=" ", timespec="seconds")).removesuffix(" GMT")
    day, _, clock = gmt(gmt_time).partition(" ")
    same_day = local.date().isoformat() == day
    return f"{shown} {zone_name} ({clock if same_day else gmt(gmt_time)})"


def pause_words(reason: str | None) -> str:
    """`pause: budget review`, or `pause` without a reason."""
    return f"pause: {reason}" if reason else "pause"


def gmt(value: str) -> str:
    """`2026-12-01 09:00:00` -> `2026-12-01 09:00 GMT` (seconds kept when not zero)."""
    shown = value[:-3] if _WHOLE_MINUTE.fullmatch(value) else value
    return f"{shown} GMT"


def announcement(
    resumed: bool, campaign_id: str, name: str, scheduled_time: str | None, reason: str | None
) -> str:
    """The line a run prints after a write it made: `ocamba: resumed campaign 1 (...): ...`."""
    if resumed:
        how = f"scheduled for {scheduled_time} GMT" if scheduled_time else "running immediately"
        return f"ocamba: resumed {title(campaign_id, name)}: {how}"
    return f"ocamba: paused {title(campaign_id, name)}" + (f": {reason}" if reason else "")


def title(campaign_id: str, name: str = "") -> str:
    """`campaign 1000248 (Spring sale)`, or `campaign 1000248` when the name is unknown."""
    return f"campaign {campaign_id}" + (f" ({name})" if name else "")


def seen(problem: Problem) -> str:
    """`(observed status: paused)`: what a problem observed, as every sentence says it."""
    return f"({OBSERVED_STATUS_LABEL}: {problem.observed})"


def rescheduled_line(campaign_id: str, name: str, from_time: str | None, to_time: str) -> str:
    """The line a run prints after a reschedule it made."""
    return f"ocamba: rescheduled {title(campaign_id, name)}: {reschedule_words(from_time, to_time)}"


def waiting_line(seconds: float, why: str) -> str:
    """`ocamba: waiting 28 s: <why>`: every wait over 2 s says why and how long."""
    return f"ocamba: waiting {seconds:.0f} s: {why}"


def wait_words(reason: str, operation: str, campaign_id: str | None, detail: str = "") -> str:
    """Why a request waits: `campaign 1000248: the account's rate limit ...`."""
    what = f"campaign {campaign_id}" if campaign_id else operation
    if reason == "pacing":
        return (
            f"{what}: the account's rate limit (10 requests a second, 150 a minute, shared by "
            "every run on this token) is used up for now"
        )
    if reason == "server":
        return f"{what}: the API answered that the rate limit is used up ({detail})"
    return f"{what}: {operation} failed ({detail}); trying again"
