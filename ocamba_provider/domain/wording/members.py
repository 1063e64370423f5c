"""A group's members in the words users read: the preview's lines and the PR comment's member
list say the same thing, from one function.

`joins: will resume now`, `leaves: forgotten: keeps running (on_delete: forget)`, `in sync`,
`held: group bf pauses it (a pause wins)`, `skipped: canceled (cancel is permanent)`: the
vocabulary of a campaign declared alone (verdicts.py), with a member's join or leave first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ocamba_provider.domain.group_members import Judged
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.verdict import Act, Held, Unchanged
from ocamba_provider.domain.wording.groups import SKIPPED_WORDS
from ocamba_provider.domain.wording.verdicts import removal_words, verdict_words

_PREFIX = {"join": "joins: ", "leave": "leaves: ", "stay": ""}


def member_words(item: Judged, on_delete: str = "forget", zone_name: str | None = None) -> str:
    """What happens to one member, in the domain's words."""
    if item.skipped is not None:
        words = SKIPPED_WORDS[item.skipped]
    elif item.change == "leave" and isinstance(item.verdict, Unchanged):
        words = removal_words(on_delete, item.observation.status, item.adopted[0])
    else:
        said = verdict_words(item.verdict, zone_name)
        words = said if said is not None else "error (see the group's errors)"
        if isinstance(item.verdict, Act):
            words = f"will {words}"
        if _out_of_band(item):
            # Said whatever the verdict: after `ocamba-campaigns stop`, the reviewer must see
            # that a resume would undo someone's pause.
            words = f"{words} (paused out of band)"
    return _PREFIX[item.change] + words


def _out_of_band(item: Judged) -> bool:
    # Found paused after the last up left it running or scheduled: paused by hand in Hood, or
    # by `ocamba-campaigns stop`. A hold says so itself.
    return (
        item.change == "stay"
        and item.before in ("running", "scheduled")
        and item.observation.status == "paused"
        and not isinstance(item.verdict, Held)
    )


_COUNTED = {Action.RESUME: "resumes", Action.RESCHEDULE: "reschedules", Action.PAUSE: "pauses"}


def counts(judged: Iterable[Judged]) -> dict[str, int]:
    """How many members join and leave, and how many are resumed, rescheduled and paused."""
    found: Counter[str] = Counter()
    for item in judged:
        if item.change in ("join", "leave"):
            found[f"{item.change}s"] += 1
        if isinstance(item.verdict, Act) and item.verdict.action in _COUNTED:
            found[_COUNTED[item.verdict.action]] += 1
    return dict(found)


def counts_words(found: dict[str, int]) -> str:
    """`2 join, 1 leaves, 38 resume, 1 pause`; empty when nothing changes."""
    labels = (
        ("joins", "join"),
        ("leaves", "leave"),
        ("resumes", "resume"),
        ("reschedules", "reschedule"),
        ("pauses", "pause"),
    )
    return ", ".join(f"{found[key]:,} {label}" for key, label in labels if found.get(key))
