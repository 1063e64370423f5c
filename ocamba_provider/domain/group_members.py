"""Each member of a group, judged: does it join, stay or leave, and what its verdict is.

A member is judged exactly as a campaign declared alone (the one verdict, domain/verdict.py),
from the group's declaration as that campaign's; around it, what only a group has:

- a campaign another declaration decides is held with the note that names it
  (domain/precedence.py);
- a member no write can change (a draft, a canceled or a sent campaign) is skipped, not an
  error: a group selects by label, and last season's canceled campaign with the same label is
  no reason to fail the run;
- a run nobody reviews (a scheduled tick) never adds a member: a campaign that joined since the
  last up is held, and left out of the membership until a reviewed run;
- a member that left is treated as if its declaration were removed (`on_delete`), and an
  unattended run never restores one (restore is a resume).

`judge_fresh` is check's (from the live observation, the last up's membership and the run's
governance); `judge_recorded` is what diff, apply and the PR summary ask of check's record.
Pure: `now` is an argument.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal

from ocamba_provider.domain.declaration import CALENDAR_PAUSE
from ocamba_provider.domain.freezes import NO_FREEZES, Freezes
from ocamba_provider.domain.group import (
    ADOPTED_STATUS,
    ADOPTED_TIME,
    MEMBER_GOVERNED,
    MEMBER_HELD,
    MEMBER_NAME,
    MEMBER_SKIPPED,
    MEMBER_STATUS,
    MEMBER_TIME,
    GroupInputs,
)
from ocamba_provider.domain.outcomes import calendar_pause
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.removal import removal_goal
from ocamba_provider.domain.verdict import (
    SETTLE_SECONDS,
    Held,
    Observation,
    Previous,
    Refusal,
    Unchanged,
    Verdict,
    verdict,
)
from ocamba_provider.domain.wording.groups import SKIPPED_WORDS
from ocamba_provider.errors import OcambaError

Change = Literal["join", "stay", "leave"]

UNATTENDED_JOIN = (
    "held: joined the group since the last reviewed run; an unattended run never adds a "
    "member (the next reviewed run decides)"
)


@dataclass(frozen=True)
class Judged:
    """One member (or leaver) of a group, judged."""

    campaign_id: str
    observation: Observation
    change: Change
    verdict: Verdict
    governed: str | None = None
    """The note of the declaration that decides it instead (then nothing is sent)."""
    skipped: Code | None = None
    """Why no write can change it (then nothing is sent, and no error is raised)."""
    adopted: tuple[str | None, str | None] = (None, None)
    """Its status and scheduled time when this group took it over, for `on_delete: restore`."""
    before: str | None = None
    """Its status as the last up left it (None: not a member then)."""
    calendar_pause: str | None = None
    """The reason of the calendar's pause (a window or the flight that closed) this run sends,
    or an earlier run sent while it stays paused: as for a campaign declared alone
    (runstate/facts.py), an unattended run may then resume it for the next window."""

    @property
    def pinned(self) -> bool:
        """Whether it is (still) a member after this run."""
        if self.change == "leave":
            return False
        return not (self.change == "join" and self.verdict == Held(UNATTENDED_JOIN))

    @property
    def acts(self) -> bool:
        """Whether this group decides it (and so counts and sends its transition)."""
        return self.governed is None and self.skipped is None

    def fact(self) -> dict[str, Any]:
        """What check records of it in `observed_members`."""
        found: dict[str, Any] = {
            MEMBER_STATUS: self.observation.status,
            MEMBER_NAME: self.observation.name,
        }
        if self.observation.scheduled_time:
            found[MEMBER_TIME] = self.observation.scheduled_time
        if self.governed is not None:
            found[MEMBER_GOVERNED] = self.governed
        elif self.skipped is not None:
            found[MEMBER_SKIPPED] = self.skipped.value
        elif isinstance(self.verdict, Held):
            found[MEMBER_HELD] = self.verdict.note
        if self.calendar_pause is not None:
            found[CALENDAR_PAUSE] = self.calendar_pause
        status, time = self.adopted
        if status is not None:
            found[ADOPTED_STATUS] = status
        if time is not None:
            found[ADOPTED_TIME] = time
        return found


@dataclass(frozen=True)
class Judging:
    """What every member of one group is judged with."""

    group: GroupInputs
    now: datetime
    settle_s: float = SETTLE_SECONDS
    unattended: bool = False
    before_state: str | None = None
    """The group's state as the last up declared it: a manual pause is held under
    `drift: hold` only while the declaration is the one that up made."""
    freezes: Freezes = NO_FREEZES
    """`ocamba:freezes`: a member is frozen exactly as a campaign declared alone."""


def judge_fresh(
    judging: Judging,
    matched: Mapping[str, Observation],
    before: Mapping[str, Mapping[str, Any]] | None,
    deferrals: Mapping[str, str],
) -> list[Judged]:
    """check's judgement of every matched campaign, by id order; `before` is the last up's
    record of each member (None: the group is new), `deferrals` the held notes of the members
    another declaration decides."""
    found = []
    for campaign_id in sorted(matched, key=_order):
        seen = matched[campaign_id]
        was = (before or {}).get(campaign_id)
        change: Change = "stay" if was is not None else "join"
        adopted = adoption(was) if was is not None else (seen.status, seen.scheduled_time)
        note = deferrals.get(campaign_id)
        if note is not None:
            judged = Judged(campaign_id, seen, change, Held(note), governed=note)
        elif change == "join" and judging.unattended:
            judged = Judged(campaign_id, seen, change, Held(UNATTENDED_JOIN))
        else:
            olds = _member_olds(judging, campaign_id, was) if was is not None else None
            judged = _judged(judging, campaign_id, seen, change, Previous.checked(olds))
        left_as = _after_last_up(was, judging.before_state) if was is not None else None
        found.append(replace(judged, adopted=adopted, before=left_as))
    return found


def judge_recorded(
    judging: Judging,
    facts: Mapping[str, Mapping[str, Any]],
    seen: Mapping[str, Observation],
    pinned: Mapping[str, Any] | None = None,
) -> list[Judged]:
    """The judgement of the members check recorded (`observed_members`), each from the
    freshest observation (`seen`; check's own when absent); `pinned` is the last up's
    membership (None: every member stays)."""
    found = []
    for campaign_id in sorted(facts, key=_order):
        fact = facts[campaign_id]
        observed = seen.get(campaign_id) or recorded_observation(fact)
        change: Change = "join" if pinned is not None and campaign_id not in pinned else "stay"
        record = (pinned or {}).get(campaign_id)
        before = _text(record.get(MEMBER_STATUS)) if isinstance(record, Mapping) else None
        governed, skipped = fact.get(MEMBER_GOVERNED), fact.get(MEMBER_SKIPPED)
        if isinstance(governed, str):
            judged = Judged(campaign_id, observed, change, Held(governed), governed=governed)
        elif isinstance(skipped, str) and skipped in set(Code):
            problem = Problem(Code(skipped), "select", observed=observed.status)
            judged = Judged(campaign_id, observed, change, Refusal(problem), skipped=Code(skipped))
        else:
            held = fact.get(MEMBER_HELD)
            previous = Previous(
                managed=True,
                held=held if isinstance(held, str) else None,
                calendar_paused=bool(fact.get(CALENDAR_PAUSE)),
                olds={CALENDAR_PAUSE: fact[CALENDAR_PAUSE]} if fact.get(CALENDAR_PAUSE) else {},
            )
            judged = _judged(judging, campaign_id, observed, change, previous)
        found.append(replace(judged, adopted=adoption(fact), before=before))
    return found


def judge_leaver(
    judging: Judging, campaign_id: str, observed: Observation, record: Mapping[str, Any]
) -> Judged:
    """A member that left: what `on_delete` asks now; `record` is what the last up recorded
    of it (its adoption: the status `restore` puts back)."""
    on_delete = str(judging.group.shared.get("on_delete") or "forget")
    if on_delete == "restore" and judging.unattended:
        on_delete = "forget"  # a run nobody reviews never resumes anything
    left = Judged(
        campaign_id,
        observed,
        "leave",
        Unchanged(),
        adopted=adoption(record),
        before=_text(record.get(MEMBER_STATUS)),
    )
    try:
        goal = removal_goal(campaign_id, on_delete, left.adopted, observed)
    except OcambaError as refused:
        problem = refused.problem if isinstance(refused.problem, Problem) else None
        refusal = Refusal(problem or Problem(Code.REMOVAL_REFUSED, "on_delete", campaign_id))
        return replace(left, verdict=refusal)
    if goal is None:
        return left
    if goal.state == "paused":
        goal = replace(goal, pause_reason=f"left the group (on_delete: {on_delete})")
    found = verdict(
        goal, observed, Previous(), judging.now, judging.settle_s, freezes=judging.freezes
    )
    return replace(left, verdict=found)


def adoption(record: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The status and scheduled time a member had when the group took it over."""
    status, time = record.get(ADOPTED_STATUS), record.get(ADOPTED_TIME)
    return (
        status if isinstance(status, str) else None,
        time if isinstance(time, str) else None,
    )


def recorded_observation(fact: Mapping[str, Any]) -> Observation:
    """The observation check recorded of a member."""
    time = fact.get(MEMBER_TIME)
    return Observation(
        str(fact.get(MEMBER_STATUS) or ""),
        str(fact.get(MEMBER_NAME) or ""),
        time if isinstance(time, str) else None,
    )


def _judged(
    judging: Judging, campaign_id: str, seen: Observation, change: Change, previous: Previous
) -> Judged:
    found = verdict(
        judging.group.member(campaign_id),
        seen,
        previous,
        judging.now,
        judging.settle_s,
        unattended=judging.unattended,
        freezes=judging.freezes,
    )
    if isinstance(found, Refusal) and found.problem.code in SKIPPED_WORDS:
        return Judged(campaign_id, seen, change, found, skipped=found.problem.code)
    pause = calendar_pause(found, previous, seen.status)
    return Judged(campaign_id, seen, change, found, calendar_pause=pause)


def _member_olds(judging: Judging, campaign_id: str, was: Mapping[str, Any]) -> dict[str, Any]:
    """A member's last checked inputs as a campaign declared alone would have them: whether a
    manual pause is new drift to hold (domain/policies.py) reads these."""
    olds: dict[str, Any] = {"campaign_id": campaign_id, "state": judging.before_state}
    if isinstance(was.get(MEMBER_HELD), str):
        olds[MEMBER_HELD] = was[MEMBER_HELD]
    if was.get(CALENDAR_PAUSE):
        olds[CALENDAR_PAUSE] = was[CALENDAR_PAUSE]
    return olds


def _after_last_up(was: Mapping[str, Any], state: str | None) -> str | None:
    """The status the last up left a member in: what it declared, unless that up left the
    member alone (held, decided elsewhere, skipped), when it is what that up's check saw."""
    if any(key in was for key in (MEMBER_HELD, MEMBER_GOVERNED, MEMBER_SKIPPED)):
        return _text(was.get(MEMBER_STATUS))
    if state == "active":
        return "scheduled" if was.get(MEMBER_STATUS) == "scheduled" else "running"
    return "paused" if state == "paused" else _text(was.get(MEMBER_STATUS))


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _order(campaign_id: str) -> tuple[int, str]:
    return (len(campaign_id), campaign_id)
