"""Camel-case wire properties <-> the snake-case keys the shared core speaks.

Pulumi's convention for a schema'd provider is camelCase (`campaignId`); the core and the
dynamic type keep snake_case (`campaign_id`). The mapping is derived from the keys declared in
domain/declaration.py (inputs, recorded outputs, check's facts), so a key added there needs
nothing here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from pulumi.provider.experimental.property_value import PropertyValue

from ocamba_provider.domain.declaration import HELD, OUTPUT_KEYS
from ocamba_provider.domain.group import ALLOW_EMPTY, GROUP, MEMBERS, OBSERVED_MEMBERS
from ocamba_provider.domain.naming import camel
from ocamba_provider.domain.selector import SELECT

__all__ = ["SNAKE_OF", "camel", "plain", "to_core", "to_wire"]

SNAKE_OF: Final = {
    camel(key): key
    for key in (*OUTPUT_KEYS, HELD, SELECT, ALLOW_EMPTY, GROUP, MEMBERS, OBSERVED_MEMBERS)
}
"""Every property the native types carry, camel -> snake: the outputs (the declaration and
what a run records, the observation among them), the hold check records, and a group's own
(its selector, whose keys the core reads in either spelling; the member records inside
`members` and `observedMembers` keep the core's snake_case keys)."""


def plain(value: PropertyValue) -> Any:
    """A PropertyValue as plain Python; secrets unwrapped, unknowns as the sentinel string.

    The engine sends unknowns in the wire form (the sentinel string), which the core's
    `is_unknown` recognises, and returning that same string keeps them unknown.
    """
    inner = value.value
    if isinstance(inner, Mapping):
        return {key: plain(item) for key, item in inner.items()}
    if isinstance(inner, tuple):
        return [plain(item) for item in inner]
    return inner


def to_core(props: Mapping[str, PropertyValue]) -> dict[str, Any]:
    """Wire properties as the core's snake-case dict; unknown names are dropped."""
    return {
        SNAKE_OF[key]: plain(value)
        for key, value in props.items()
        if key in SNAKE_OF and value.value is not None
    }


def _wire(value: Any) -> PropertyValue:
    if isinstance(value, bool | str) or value is None:
        return PropertyValue(value)
    if isinstance(value, int | float):
        return PropertyValue(float(value))
    if isinstance(value, Mapping):
        return PropertyValue({str(k): _wire(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return PropertyValue([_wire(v) for v in value])
    return PropertyValue(str(value))


def to_wire(props: Mapping[str, Any]) -> dict[str, PropertyValue]:
    """The core's snake-case dict as camel-case wire properties (a selector's keys too, as the
    schema's Selector type spells them)."""
    return {
        camel(key): _wire(_camel_keys(value) if key == SELECT else value)
        for key, value in props.items()
        if value is not None
    }


def _camel_keys(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {camel(str(key)): item for key, item in value.items()}
    return value
