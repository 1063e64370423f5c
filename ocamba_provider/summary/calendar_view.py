"""What a preview document says of the calendar: the stack's freezes, the freeze overrides
the provider recorded, and the declarations laid out on the next days.

The freezes come from the stack config the document carries (`ocamba:freezes`, as the
provider read it); an override comes only from the provider's checked inputs
(`freeze_override`), never from this process's environment: the comment says what the
preview did, not what the machine rendering it has set.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from ocamba_provider.domain.declaration import FREEZE_OVERRIDE, RunStateInputs
from ocamba_provider.domain.freezes import FREEZES_KEY, NO_FREEZES, Freezes, freezes_in_config
from ocamba_provider.domain.group import GROUP
from ocamba_provider.domain.upcoming import Outlook, Planned, outlook
from ocamba_provider.summary.diagnostics import mapping, text
from ocamba_provider.summary.resource_types import snake_keys


def freezes_of(document: Mapping[str, Any], zone_name: str) -> Freezes:
    """The stack's freezes as the preview's config holds them (none when they do not parse:
    the provider's check reports that, naming the entry)."""
    raw = mapping(document.get("config")).get(FREEZES_KEY)
    rules, problems = freezes_in_config(raw, zone_name)
    return NO_FREEZES if problems else Freezes(rules)


def override_of(inputs: Mapping[str, Any]) -> str | None:
    """The freeze this campaign's check let through (OCAMBA_ALLOW_FREEZE), if any."""
    found = inputs.get(FREEZE_OVERRIDE)
    return found if isinstance(found, str) and found else None


def for_row(freezes: Freezes, inputs: Mapping[str, Any]) -> Freezes:
    """The freezes as this row's check judged them: passing the override it recorded."""
    override = override_of(inputs)
    return replace(freezes, allowed=frozenset({override})) if override else freezes


def overrides_of(steps: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    """Every freeze an override let through in this preview, by name."""
    return tuple(sorted({name for step in steps if (name := override_of(_inputs(step)))}))


def outlook_of(
    steps: Iterable[Mapping[str, Any]], freezes: Freezes, zone_name: str, now: datetime
) -> Outlook:
    """The next days of every declaration the preview checked (not the removed ones): each
    campaign's, and each group's once, by its name (its checked inputs carry its calendar)."""
    planned = []
    for step in steps:
        if text(step.get("op")) == "delete":
            continue
        inputs = _inputs(step)
        campaign_id = text(inputs.get("campaign_id"))
        group = text(inputs.get(GROUP))
        if group and not campaign_id:
            declaration = RunStateInputs.from_props(
                {**inputs, "campaign_id": "", "state": text(inputs.get("state"))}
            )
            zone = text(inputs.get("time_zone")) or zone_name
            planned.append(Planned(declaration, "", zone, group))
            continue
        if not campaign_id:
            continue
        declaration = RunStateInputs.from_props(
            {**inputs, "campaign_id": campaign_id, "state": text(inputs.get("state"))}
        )
        zone = text(inputs.get("time_zone")) or zone_name
        planned.append(Planned(declaration, text(inputs.get("name")), zone))
    return outlook(planned, freezes, now)


def _inputs(step: Mapping[str, Any]) -> dict[str, Any]:
    return snake_keys(mapping(mapping(step.get("newState")).get("inputs")))
