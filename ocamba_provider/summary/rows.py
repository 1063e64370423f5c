"""A parsed `pulumi preview --json` document -> one row per declared campaign.

Pure: no I/O. The observed status is read from each step's checked inputs (`observed_status`,
recorded by the provider's `check`), so rows are right for new declarations (op create) and with
or without `--refresh`; what a row says comes from the provider's own verdict on those inputs.
A campaign whose `check` failed has no step at all, only an error diagnostic; its row is
built from the problems check recorded as data (summary/problems.py) and, when the
config-driven program declared it, from the stack config the document carries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from ocamba_provider.domain.declaration import OBSERVED_TIME, RunStateInputs
from ocamba_provider.domain.freezes import NO_FREEZES, Freezes
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.upcoming import Outlook
from ocamba_provider.domain.verdict import (
    SETTLE_SECONDS,
    Act,
    Forgotten,
    Held,
    Observation,
    Pending,
    Previous,
    Refusal,
    Unchanged,
    verdict,
)
from ocamba_provider.domain.wording import act_words, removal_words, render, verdict_words
from ocamba_provider.domain.wording.verdicts import IN_SYNC
from ocamba_provider.domain.zones import DEFAULT_ZONE
from ocamba_provider.summary.calendar_view import for_row, freezes_of, outlook_of, overrides_of
from ocamba_provider.summary.diagnostics import (
    declared_in_config,
    errors_of,
    urn_parts,
)
from ocamba_provider.summary.diagnostics import mapping as _mapping
from ocamba_provider.summary.diagnostics import text as _text
from ocamba_provider.summary.failed_rows import error_row
from ocamba_provider.summary.group_rows import GroupMembers, group_row, is_group_type
from ocamba_provider.summary.problems import FailedResource
from ocamba_provider.summary.resource_types import is_campaign_type, snake_keys
from ocamba_provider.summary.row import Kind, Row, policy_notes

# Which step stands for a resource when the engine emits several for one URN (a replacement
# is create-replacement + replace + delete-replaced; --refresh adds a refresh step to each).
_STEP_RANK: Final = {
    "same": 1,
    "create": 1,
    "import": 1,
    "update": 1,
    "delete": 1,
    "create-replacement": 2,
    "replace": 3,
}


@dataclass(frozen=True)
class GuardOverride:
    """`guard_override` as the provider records it in a transition's checked inputs."""

    variable: str
    allowed: int
    limit: int
    campaigns: int
    """How many of this preview's transitions passed the configured limit only by it."""


def guard_override_of(steps: Iterable[Mapping[str, Any]]) -> GuardOverride | None:
    """The override recorded by the provider in any campaign's checked inputs."""
    found: list[Mapping[str, Any]] = []
    for step in steps:
        raw = _mapping(_mapping(step.get("newState")).get("inputs")).get("guard_override")
        if isinstance(raw, Mapping):
            found.append(raw)
    if not found:
        return None
    first = found[0]
    allowed, limit = first.get("allowed"), first.get("limit")
    return GuardOverride(
        variable=_text(first.get("variable")) or "OCAMBA_ALLOW_TRANSITIONS",
        allowed=allowed if isinstance(allowed, int) else 0,
        limit=limit if isinstance(limit, int) else 0,
        campaigns=len(found),
    )


@dataclass(frozen=True)
class Preview:
    """Everything the comment says about one preview."""

    stack: str
    rows: tuple[Row, ...]
    general_errors: tuple[str, ...] = field(default=())
    unlisted_unchanged: int = 0
    """Resources the engine counted as unchanged but did not list (no `--show-sames`)."""
    guard_override: GuardOverride | None = None
    """The one-run override of the blast-radius guard this preview used, if any."""
    groups: tuple[GroupMembers, ...] = ()
    """Each group's members and what happens to each (its row is among `rows`)."""
    freeze_overrides: tuple[str, ...] = ()
    """The freezes OCAMBA_ALLOW_FREEZE let this preview's campaigns through, by name."""
    outlook: Outlook | None = None
    """The next days of the calendar: starts, pauses, skipped windows, freezes."""

    @property
    def failed(self) -> bool:
        return bool(self.general_errors) or any(row.kind is Kind.ERROR for row in self.rows)


def action_text(act: Act, zone_name: str | None = None) -> str:
    """`resume now`, `resume at 2026-12-01 09:00 GMT`, `reschedule ... -> ...`, `pause: ...`;
    times in the entry's zone and in GMT (the words of domain/wording/verdicts.py)."""
    return act_words(act, zone_name)


@dataclass(frozen=True)
class Judging:
    """What the summary judges a preview with: its time and the stack's provider settings."""

    now: datetime
    zone: str = DEFAULT_ZONE
    settle_s: float = SETTLE_SECONDS
    freezes: Freezes = NO_FREEZES


def _declared_row(op: str, inputs: Mapping[str, Any], old_id: str | None, judging: Judging) -> Row:
    campaign_id = _text(inputs.get("campaign_id"))
    desired = _text(inputs.get("state"))
    observed = inputs.get("observed_status")
    name = _text(inputs.get("name"))
    notes = policy_notes(inputs)
    if old_id and old_id != campaign_id:
        notes = "; ".join(filter(None, [f"replaces campaign {old_id}", notes]))
    common = {"campaign_id": campaign_id, "name": name, "desired": desired, "notes": notes}
    # The provider's verdict on its own checked inputs: no clock and no guard, which check
    # already judged (a step exists only when check passed). check skips the observation
    # while campaign_id is still unknown (an Output): that is pending.
    declaration = RunStateInputs.from_props(
        {**inputs, "campaign_id": campaign_id, "state": desired}
    )
    hood = inputs.get(OBSERVED_TIME)
    seen = None if observed is None else Observation(str(observed), name, _str_or_none(hood))
    found = verdict(
        declaration,
        seen,
        Previous.recorded(inputs),
        judging.now,
        judging.settle_s,
        freezes=for_row(judging.freezes, inputs),
    )
    zone_name = _text(inputs.get("time_zone")) or judging.zone
    words = verdict_words(found, zone_name) or ""
    if isinstance(found, Forgotten):
        return Row(Kind.NONE, observed="not found", action=words, **common)
    if isinstance(found, Held | Unchanged):
        # A hold: drift: hold respects a manual pause; the provider recorded why.
        return Row(Kind.NONE, observed=_text(observed), action=words, **common)
    if op == "same":
        return Row(Kind.NONE, observed=_text(observed), action=IN_SYNC, **common)
    if isinstance(found, Pending):
        return Row(Kind.PENDING, observed="", action=words, **common)
    if isinstance(found, Refusal):
        # check refuses these, so a step should never carry one; say so rather than guess.
        message = render(found.problem)
        return Row(Kind.ERROR, observed=str(observed), action=f"error: {message}", **common)
    kind = _KIND_OF[found.action]
    return Row(kind, observed=str(observed), action=action_text(found, zone_name), **common)


_KIND_OF: Final = {
    Action.RESUME: Kind.RESUME,
    Action.RESCHEDULE: Kind.RESCHEDULE,
    Action.PAUSE: Kind.PAUSE,
}


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _deleted_row(old: Mapping[str, Any]) -> Row:
    inputs = snake_keys(_mapping(old.get("inputs")))
    outputs = snake_keys(_mapping(old.get("outputs")))
    last_seen = _text(outputs.get("status") or inputs.get("observed_status"))
    on_delete = _text(inputs.get("on_delete")) or "forget"
    action = removal_words(on_delete, last_seen, _text(outputs.get("adopted_status")) or None)
    return Row(
        Kind.FORGET,
        campaign_id=_text(inputs.get("campaign_id") or old.get("id")),
        name=_text(inputs.get("name") or outputs.get("name")),
        observed=f"{last_seen} (last seen)" if last_seen else "",
        desired="",
        action=action,
        notes=policy_notes(inputs),
    )


def _type_of(step: Mapping[str, Any]) -> str:
    state = _mapping(step.get("newState")) or _mapping(step.get("oldState"))
    return _text(state.get("type")) or urn_parts(_text(step.get("urn")))[1]


def _is_campaign(step: Mapping[str, Any]) -> bool:
    return is_campaign_type(_type_of(step))


def _is_group(step: Mapping[str, Any]) -> bool:
    return is_group_type(_type_of(step))


def _chosen_steps(steps: Iterable[Any]) -> dict[str, Mapping[str, Any]]:
    chosen: dict[str, tuple[int, Mapping[str, Any]]] = {}
    for raw in steps:
        step = _mapping(raw)
        rank = _STEP_RANK.get(_text(step.get("op")), 0)
        urn = _text(step.get("urn"))
        ours = _is_campaign(step) or _is_group(step)
        if rank and ours and rank > chosen.get(urn, (0, {}))[0]:
            chosen[urn] = (rank, step)
    return {urn: step for urn, (_, step) in chosen.items()}


def _step_row(step: Mapping[str, Any], judging: Judging) -> Row:
    op = _text(step.get("op"))
    old = _mapping(step.get("oldState"))
    if op == "delete":
        return _deleted_row(old)
    inputs = snake_keys(_mapping(_mapping(step.get("newState")).get("inputs")))
    old_id = _text(snake_keys(_mapping(old.get("inputs"))).get("campaign_id")) or None
    replaced = old_id if op in ("replace", "create-replacement") else None
    return _declared_row(op, inputs, replaced, judging)


def _judging(document: Mapping[str, Any], now: datetime) -> Judging:
    """The stack's `ocamba:timeZone`, `ocamba:settleSeconds` and `ocamba:freezes`, as the
    preview's config says."""
    config = _mapping(document.get("config"))
    zone_name = _text(config.get("ocamba:timeZone")) or DEFAULT_ZONE
    try:
        settle_s = float(config.get("ocamba:settleSeconds") or SETTLE_SECONDS)
    except (TypeError, ValueError):
        settle_s = SETTLE_SECONDS
    return Judging(now, zone_name, settle_s, freezes_of(document, zone_name))


def read_preview(
    document: Mapping[str, Any],
    now: datetime,
    failed: Mapping[str, FailedResource] | None = None,
) -> Preview:
    """The rows and errors of one `pulumi preview --json` document, judged at `now`; `failed`
    is what check recorded of the resources whose check failed (the problems file), by name."""
    raw_steps = document.get("steps")
    steps = raw_steps if isinstance(raw_steps, list) else []
    chosen = _chosen_steps(steps)
    judging = _judging(document, now)
    rows = {urn: _step_row(step, judging) for urn, step in chosen.items() if _is_campaign(step)}
    groups = []
    for urn, step in chosen.items():
        if _is_group(step):
            rows[urn], members = group_row(
                step, now, judging.zone, judging.settle_s, judging.freezes
            )
            groups.append(members)
    errors = errors_of(document)
    first = next((urn_parts(_text(_mapping(step).get("urn")))[0] for step in steps), "")
    listed_sames = sum(1 for step in steps if _mapping(step).get("op") == "same")
    counted_sames = _mapping(document.get("changeSummary")).get("same")
    unlisted = counted_sames - listed_sames if isinstance(counted_sames, int) else 0
    config = declared_in_config(document)
    for urn, messages in errors.by_campaign.items():
        name = urn_parts(urn)[2]
        rows[urn] = error_row(urn, messages, config.get(name, {}), (failed or {}).get(name))
    return Preview(
        stack=first or errors.stack,
        rows=tuple(sorted(rows.values(), key=Row.sort_key)),
        general_errors=tuple(errors.general),
        unlisted_unchanged=max(unlisted, 0),
        guard_override=guard_override_of(chosen.values()),
        groups=tuple(sorted(groups, key=lambda found: found.name)),
        freeze_overrides=overrides_of(chosen.values()),
        outlook=outlook_of(chosen.values(), judging.freezes, judging.zone, now),
    )
