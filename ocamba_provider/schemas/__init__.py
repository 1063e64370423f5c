"""JSON Schemas shared by the client, the provider's check and the emulator.

One source of truth: the emulator rejects what the client would never send, and the client
refuses answers the emulator could never give.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry, Resource

SCHEMA_NAMES = (
    "campaign",
    "campaign_list",
    "resume_request",
    "pause_request",
    "error",
    "run_state_inputs",
    "stack_campaigns",
    "group_inputs",
)


def load(name: str) -> dict[str, Any]:
    """The parsed schema document `<name>.json` shipped with the package."""
    text = resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


@cache
def _registry() -> Registry:
    registry: Registry = Registry()
    for name in SCHEMA_NAMES:
        if resources.files(__package__).joinpath(f"{name}.json").is_file():
            registry = registry.with_resource(f"{name}.json", Resource.from_contents(load(name)))
    return registry


@cache
def validator(name: str) -> Draft202012Validator:
    """A cached validator for `<name>.json`, resolving `$ref`s to sibling schemas."""
    return Draft202012Validator(load(name), registry=_registry())


def missing_properties(error: ValidationError) -> list[str]:
    """The properties a `required` error finds missing, in the schema's order.

    Read from the error's fields, never its English message. jsonschema reports each missing
    property as an error of its own, each carrying the whole list, so one error of an object
    names them all.
    """
    required = error.validator_value if isinstance(error.validator_value, list) else []
    present = error.instance if isinstance(error.instance, dict) else {}
    return [str(key) for key in required if key not in present]
