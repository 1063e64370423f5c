"""One verdict per campaign: what the declaration, the observation, the past and the run's plan
mean together.

`check` (the preview's errors and marks), `diff` (what changes), `create`/`update` (what is
sent), the `delete` planning and the PR summary all ask this one function, so they can never
disagree. It layers, in this order: a hold already recorded, an observation still unknown, a
vanished campaign to forget, a manual pause to hold, the decision table (`decide`), a
scheduled time already past, and the blast-radius guard.

Pure: no Pulumi, no HTTP. The guard is the only state it touches, and only when it is given
one: `check` counts the run's plan, the others were counted by it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final, Protocol

from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.guard import Ruling
from ocamba_provider.domain.policies import HELD, forget_missing, held_note
from ocamba_provider.domain.reconcile import NOT_FOUND, Action, Problem, decide
from ocamba_provider.domain.times import parse_api_time
from ocamba_provider.domain.unknown import is_unknown

_NOT_MANAGED: Final = (
    " (on_missing: forget covers a campaign this stack already manages; this "
    "one is not, or was forgotten when it vanished: remove the declaration)"
)


@dataclass(frozen=True)
class Observation:
    """The campaign as read in this run: its API status (or NOT_FOUND) and its name."""

    status: str
    name: str = ""


@dataclass(frozen=True)
class Previous:
    """What the stack already knows about the campaign."""

    managed: bool = False
    """The stack managed it before this run: a vanished campaign may then be forgotten."""
    held: str | None = None
    """The held note a check recorded in the checked inputs (read back after check)."""
    olds: Mapping[str, Any] = field(default_factory=dict)
    """check's old inputs: whether a manual pause is new drift to hold."""

    @classmethod
    def checked(cls, olds: Mapping[str, Any] | None) -> Previous:
        """What check knows: the last inputs, if the stack manages the campaign already."""
        return cls(managed=bool(olds), olds=olds or {})

    @classmethod
    def recorded(cls, checked_inputs: Mapping[str, Any]) -> Previous:
        """What the hooks after check know: its inputs, which passed it.

        Inputs that passed check with a vanished campaign were forgiven by it (it refuses a
        campaign the stack did not manage yet), so they count as managed.
        """
        held = checked_inputs.get(HELD)
        return cls(managed=True, held=str(held) if held else None)


class RunPlan(Protocol):
    """The run's plan of transitions, as the blast-radius guard counts it."""

    def ruling(self, transitions: Mapping[str, Action]) -> Ruling:
        """Record `transitions` (an empty mapping just looks) and rule on the run."""
        ...


@dataclass(frozen=True)
class Act:
    """Send one write: `action` with the declaration's resume mode or pause reason."""

    action: Action
    declaration: RunStateInputs
    guard_override: dict[str, Any] | None = None
    """The one-run override this transition needs to pass the configured limit."""


@dataclass(frozen=True)
class Refusal:
    """Nothing may be sent: `message` says why, attached to input property `prop`."""

    prop: str
    message: str
    action: Action = Action.NONE
    """The transition this keeps from being sent (NONE: no write could satisfy the cell)."""
    guard_override: dict[str, Any] | None = None


@dataclass(frozen=True)
class Held:
    """A manual pause is respected under `drift: hold`; `note` says since when."""

    note: str


@dataclass(frozen=True)
class Forgotten:
    """The campaign vanished while managed and `on_missing: forget` lets it go."""


@dataclass(frozen=True)
class Unchanged:
    """The campaign already is what the declaration asks."""


@dataclass(frozen=True)
class Pending:
    """Not observed yet (an id or state still unknown in preview): decided at apply."""


Verdict = Act | Refusal | Held | Forgotten | Unchanged | Pending


def needed(found: Verdict) -> Action:
    """The transition the campaign needs, whether or not it may be sent (diff's question)."""
    return found.action if isinstance(found, Act | Refusal) else Action.NONE


def verdict(
    declaration: RunStateInputs,
    observed: Observation | None,
    previous: Previous,
    now: datetime | None,
    plan: RunPlan | None = None,
) -> Verdict:
    """What to do about one campaign; `observed` None means not observed (yet).

    `now` None leaves time to the check that already judged it (diff, the summary); `plan`
    None leaves the count to the check that already made it.
    """
    if previous.held:
        return Held(previous.held)
    if observed is None:
        return Pending()
    status = observed.status
    quiet: Held | Forgotten | None = None
    if previous.managed and forget_missing(declaration, status):
        quiet = Forgotten()
    elif now is not None:
        note = held_note(declaration, status, previous.olds, now)
        quiet = Held(note) if note is not None else None
    if quiet is not None:
        if plan is not None:
            plan.ruling({declaration.campaign_id: Action.NONE})  # no longer planned
        return quiet
    decision = decide(declaration.state, status)
    if isinstance(decision, Problem):
        return _problem(declaration, observed, decision)
    if decision is Action.RESUME and _in_the_past(declaration.scheduled_time, now):
        return Refusal(
            "scheduled_time",
            f"campaign {declaration.campaign_id} ({observed.name}): scheduled_time "
            f"{declaration.scheduled_time} GMT is in the past (observed status: {status}). "
            "Set a future time, or run_immediately: true.",
            decision,
            # Not counted: it cannot be sent. The override still shows if the run needs it.
            plan.ruling({}).override if plan is not None else None,
        )
    ruling = plan.ruling({declaration.campaign_id: decision}) if plan is not None else None
    override = ruling.override if ruling is not None and decision is not Action.NONE else None
    if ruling is not None and ruling.refusal:
        return Refusal("state", ruling.refusal, decision, override)
    if decision is Action.NONE:
        return Unchanged()
    return Act(decision, declaration, override)


def _problem(declaration: RunStateInputs, observed: Observation, problem: Problem) -> Refusal:
    message = problem.describe(declaration.campaign_id, observed.name or None)
    if observed.status == NOT_FOUND and declaration.on_missing == "forget":
        message += _NOT_MANAGED
    return Refusal(problem.prop, message)


def _in_the_past(scheduled_time: str | None, now: datetime | None) -> bool:
    # An unknown time (an Output in preview) is judged at apply, where `now` is given again.
    if scheduled_time is None or now is None or is_unknown(scheduled_time):
        return False
    return parse_api_time(scheduled_time) <= now
