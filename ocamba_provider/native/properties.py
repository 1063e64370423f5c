"""Camel-case wire properties <-> the snake-case keys the shared core speaks.

Pulumi's convention for a schema'd provider is camelCase (`campaignId`); the core and the
dynamic type keep snake_case (`campaign_id`). The mapping is derived from the core's key
lists, so a declared key added there needs only its camel name, which derivation gives.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from pulumi.provider.experimental.property_value import PropertyValue

from ocamba_provider.domain.declaration import DECLARED, NAME, OBSERVED_STATUS
from ocamba_provider.domain.policies import HELD

OUTPUT_ONLY: Final = (
    "status",
    "last_action",
    "last_action_at",
    "last_action_by",
    "next_run_time",
    "adopted_status",
    "adopted_scheduled_time",
)
"""Output keys beyond the declaration and the observation (see resources/outputs.py)."""


def camel(snake: str) -> str:
    """`run_immediately` -> `runImmediately`."""
    head, *rest = snake.split("_")
    return head + "".join(part.title() for part in rest)


SNAKE_OF: Final = {
    camel(key): key for key in (*DECLARED, OBSERVED_STATUS, NAME, HELD, *OUTPUT_ONLY)
}
"""Every property the native type carries, camel -> snake."""


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
    """The core's snake-case dict as camel-case wire properties."""
    return {camel(key): _wire(value) for key, value in props.items() if value is not None}
