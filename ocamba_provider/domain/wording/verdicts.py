"""A verdict in the words users read: the preview's line per campaign and the PR comment's
action, from one function so the two always say the same thing.

`resume now`, `resume at <T>`, `reschedule <T1> -> <T2>`, `pause: <reason>`, `in sync`,
`held: paused out of band`, `forgotten: ...`, `decided at apply`; times in the entry's zone and
in GMT. A refusal has no words here: its problem says it (domain/wording/).
"""

from __future__ import annotations

from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.unknown import is_unknown
from ocamba_provider.domain.verdict import Act, Forgotten, Held, Pending, Unchanged, Verdict
from ocamba_provider.domain.wording.words import (
    pause_words,
    reschedule_words,
    resume_words,
    title,
    when,
)

IN_SYNC = "in sync"
FORGOTTEN_VANISHED = "forgotten: vanished from the workspace (on_missing: forget)"
DECIDED_AT_APPLY = "decided at apply"


def act_words(act: Act, zone_name: str | None = None) -> str:
    """`resume now`, `resume at ...`, `reschedule ... -> ...`, `pause: <reason>`."""
    scheduled = act.declaration.scheduled_time
    if act.action is Action.RESUME:
        if scheduled and is_unknown(scheduled):
            return "resume at (known at apply)"
        return resume_words(scheduled, zone_name)
    if act.action is Action.RESCHEDULE and scheduled:
        reason = act.declaration.pause_reason
        return reschedule_words(act.from_time, scheduled, zone_name, reason)
    reason = act.declaration.pause_reason
    return pause_words("(known at apply)" if reason and is_unknown(reason) else reason)


def verdict_words(found: Verdict, zone_name: str | None = None) -> str | None:
    """What the verdict means, in the words of the comment's action column; None: a refusal,
    which its problem says."""
    if isinstance(found, Act):
        return act_words(found, zone_name)
    if isinstance(found, Unchanged):
        if found.kept:
            return f"{IN_SYNC}: starts at {when(found.kept, zone_name)} as scheduled (never early)"
        return IN_SYNC
    if isinstance(found, Held):
        return found.note
    if isinstance(found, Forgotten):
        return FORGOTTEN_VANISHED
    if isinstance(found, Pending):
        return DECIDED_AT_APPLY
    return None


def preview_line(
    found: Verdict, campaign_id: str, name: str = "", zone_name: str | None = None
) -> str | None:
    """`ocamba: campaign 1000248 (Spring sale): will resume now`: check's line per campaign."""
    words = verdict_words(found, zone_name)
    if words is None:
        return None
    will = "will " if isinstance(found, Act) else ""
    return f"ocamba: {title(campaign_id, name)}: {will}{words}"


MAX_SKIPPED_SAID = 3


def skipped_line(
    campaign_id: str, name: str, skipped: list[tuple[str, str]], zone_name: str | None = None
) -> str | None:
    """`ocamba: campaign 1000248 (Push): skips the window at 2026-11-27 09:00 ... (freeze
    black-friday)`: the windows of the next days a freeze skips, as the preview says them."""
    if not skipped:
        return None
    said = [f"{when(at, zone_name)} (freeze {freeze})" for at, freeze in skipped[:MAX_SKIPPED_SAID]]
    more = len(skipped) - len(said)
    tail = f" and {more} more" if more else ""
    noun = "window" if len(skipped) == 1 else "windows"
    return f"ocamba: {title(campaign_id, name)}: skips the {noun} at {', '.join(said)}{tail}"


def removal_words(on_delete: str, last_seen: str, adopted: str | None = None) -> str:
    """What removing a declaration does: `forgotten: keeps running`, `will pause`, ..."""
    if on_delete == "pause":
        return (
            "will pause (on_delete: pause)"
            if last_seen in ("running", "scheduled")
            else (f"forgotten: keeps {last_seen or 'its status'} (on_delete: pause)")
        )
    if on_delete == "restore" and adopted and adopted != last_seen:
        return f"will restore {adopted} (on_delete: restore)"
    return f"forgotten: keeps {last_seen or 'its status'}" + (
        " (on_delete: restore)" if on_delete == "restore" else ""
    )
