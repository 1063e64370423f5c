"""The words every surface uses: campaign titles, times in GMT, actions, the status column.

One vocabulary for the preview, the log lines, the errors and the PR comment.
"""

from __future__ import annotations

import re
from typing import Final

from ocamba_provider.domain.problems import Problem

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


def resume_words(scheduled_time: str | None) -> str:
    """`resume now`, or `resume at 2026-12-01 09:00 GMT`."""
    return f"resume at {gmt(scheduled_time)}" if scheduled_time else "resume now"


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
