"""Is a run due? What an unattended run would do now, from the declarations and one read.

A scheduled tick asks this before it starts the engine: when nothing is due it stops there,
so the cost of a quiet tick is one bulk read. The answer depends only on the declarations, the
campaigns as read now and `now`: never on an earlier tick having run (scheduled CI runs are
delayed and dropped), so a late tick sees every boundary it missed as a campaign that is not
yet what the calendar wants now.

Each campaign is judged by the one verdict, as the unattended run itself will judge it: what
it would send is due, a campaign it would hold is said, a problem is said with its words.

Pure: `now` is an argument.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from ocamba_provider.domain.calendar import Transition, desire_at, next_transition
from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.freezes import NO_FREEZES, Freezes
from ocamba_provider.domain.reconcile import NOT_FOUND
from ocamba_provider.domain.times import parse_api_time
from ocamba_provider.domain.verdict import (
    SETTLE_SECONDS,
    Act,
    Held,
    Observation,
    Previous,
    Refusal,
    verdict,
)
from ocamba_provider.domain.wording import render
from ocamba_provider.domain.wording.verdicts import verdict_words


@dataclass(frozen=True)
class Said:
    """One campaign's line: its id, its Hood name and what the verdict says of it."""

    campaign_id: str
    name: str
    words: str
    action: str = "none"
    """For a due campaign: `pause`, `reschedule` or `resume`."""
    since: str | None = None
    """For a pause the calendar asks: the flight's end it follows (GMT), to tell lateness."""


@dataclass(frozen=True)
class Ahead:
    """The calendar's next change after `now`, and whether a run must follow it."""

    transition: Transition
    campaign_id: str
    zone: str | None = None
    """The zone its declaration's times are said in."""

    @property
    def needs_run(self) -> bool:
        """A pause needs a run after its time (Hood cannot schedule one); a start was handed
        to Hood when it was declared, so Hood starts it itself."""
        return self.transition.action == "pause"


@dataclass(frozen=True)
class DueAnswer:
    """What an unattended run at `now` would do."""

    due: tuple[Said, ...]
    held: tuple[Said, ...]
    problems: tuple[Said, ...]
    ahead: Ahead | None
    """The earliest change still ahead (of any campaign), or None."""
    next_run: Ahead | None
    """The earliest change ahead that needs a run (a pause), or None."""

    @property
    def is_due(self) -> bool:
        """Whether a run now would send anything."""
        return bool(self.due)

    def late(self, now: datetime, grace: timedelta) -> tuple[Said, ...]:
        """The due pauses whose flight ended more than `grace` before `now`: a tick missed
        them (GitHub delays and drops scheduled runs), and the campaign ran on meanwhile."""
        return tuple(
            said
            for said in self.due
            if said.since is not None and now - parse_api_time(said.since) > grace
        )


def due_now(
    declarations: Sequence[RunStateInputs],
    observed: Mapping[str, Observation],
    now: datetime,
    settle_s: float = SETTLE_SECONDS,
    *,
    default_zone: str | None = None,
    freezes: Freezes = NO_FREEZES,
) -> DueAnswer:
    """The answer for `declarations` given the campaigns `observed` (by id; absent: not found).

    Times are said in each declaration's zone, else `default_zone` (`ocamba:timeZone`).

    Every declaration is taken as managed by the stack: the tick runs a stack that applied
    them when they merged.
    """
    due: list[Said] = []
    held: list[Said] = []
    problems: list[Said] = []
    for declaration in declarations:
        campaign_id = declaration.campaign_id
        seen = observed.get(campaign_id) or Observation(NOT_FOUND)
        found = verdict(
            declaration,
            seen,
            Previous(managed=True),
            now,
            settle_s,
            unattended=True,
            freezes=freezes,
        )
        zone_name = declaration.time_zone or default_zone
        if isinstance(found, Act):
            words = verdict_words(found, zone_name) or found.action.value
            since = _closed_since(declaration, now, freezes)
            due.append(Said(campaign_id, seen.name, words, found.action.value, since))
        elif isinstance(found, Held):
            held.append(Said(campaign_id, seen.name, found.note))
        elif isinstance(found, Refusal):
            problems.append(Said(campaign_id, seen.name, render(found.problem)))
    ahead = [
        Ahead(transition, declaration.campaign_id, declaration.time_zone or default_zone)
        for declaration in declarations
        if (transition := next_transition(declaration, now, freezes)) is not None
    ]
    return DueAnswer(
        tuple(due),
        tuple(held),
        tuple(problems),
        _earliest(ahead),
        _earliest([item for item in ahead if item.needs_run]),
    )


def _closed_since(declaration: RunStateInputs, now: datetime, freezes: Freezes) -> str | None:
    """When the flight or window the calendar now pauses after closed (GMT), or None."""
    desire = desire_at(declaration, now, freezes)
    return desire.closed if desire.by_calendar else None


def _earliest(found: list[Ahead]) -> Ahead | None:
    # The API's time form sorts as text.
    return min(found, key=lambda item: (item.transition.at, item.campaign_id), default=None)
