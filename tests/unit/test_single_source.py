"""Each input is declared once, in RunStateInputs, and each output beyond the declaration once,
in RunStateRecord: every other place that names them names exactly their fields.

Adding a field to either and not to one of these places (or the reverse) fails here.
"""

from __future__ import annotations

import json
import types
from collections.abc import Sequence
from dataclasses import MISSING, fields
from datetime import UTC, datetime
from importlib import resources
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import pulumi
import pytest

from ocamba_provider.domain.declaration import (
    DECLARED,
    DESIRED_KEYS,
    HELD,
    OUTPUT_KEYS,
    POLICY_KEYS,
    RECORDED,
    REQUIRED,
    REQUIRED_RECORD,
    SHOWN_RECORD,
    STACK_CONFIG_KEY,
    RunStateInputs,
    RunStateRecord,
)
from ocamba_provider.domain.reconcile import Action, Desired
from ocamba_provider.domain.stack_config import ENTRY_KEYS, RESOURCE_NAME, CampaignEntry
from ocamba_provider.domain.stack_groups import GROUP_ENTRY_KEYS
from ocamba_provider.native.properties import SNAKE_OF, camel
from ocamba_provider.resources import campaign_run_state
from ocamba_provider.resources.campaign_run_state import (
    _PRE_SEEDED,
    CampaignRunState,
    CampaignRunStateArgs,
    WindowArgs,
)
from ocamba_provider.schemas import load

HINTS = get_type_hints(RunStateInputs)
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
INPUTS = load("run_state_inputs")
RULES: dict[str, dict[str, Any]] = {
    **INPUTS["properties"],
    **INPUTS["$defs"]["run_state"]["properties"],
}
"""Every property of the input schema: the top level's and the shared definition's."""
NATIVE_SCHEMA = json.loads(
    resources.files("ocamba_provider.native").joinpath("schema.json").read_text(encoding="utf-8")
)
NATIVE = NATIVE_SCHEMA["resources"]["ocamba:index:CampaignRunState"]


def _value_type(key: str) -> Any:
    """The field's type without the None that marks it optional."""
    hint = HINTS[key]
    if get_origin(hint) in (Union, types.UnionType):
        (inner,) = [arg for arg in get_args(hint) if arg is not type(None)]
        return inner
    return hint


def _json_rule(key: str) -> dict[str, Any]:
    """The JSON Schema assertion the field's Python type stands for."""
    value_type = _value_type(key)
    if get_origin(value_type) is Literal:
        return {"enum": list(get_args(value_type))}
    if get_origin(value_type) is tuple:
        return {"type": "array"}  # windows: a list of {rrule, duration} on every surface
    return {"type": {str: "string", bool: "boolean"}[value_type]}


def test_the_derived_key_lists_split_the_fields() -> None:
    assert REQUIRED == ("campaign_id", "state")
    assert POLICY_KEYS == ("drift", "hold_until", "on_delete", "on_missing")
    assert DESIRED_KEYS == (
        "campaign_id",
        "state",
        "run_immediately",
        "scheduled_time",
        "active_from",
        "active_until",
        "windows",
        "time_zone",
        "pause_reason",
    )


def test_the_input_schema_has_a_rule_for_each_field_and_nothing_else() -> None:
    # In field order too: check reports the problems in the schema's order.
    assert tuple(RULES) == DECLARED
    assert tuple(INPUTS["required"]) == REQUIRED


@pytest.mark.parametrize("key", DECLARED)
def test_each_rule_asserts_the_fields_type_and_words_it_for_the_user(key: str) -> None:
    rule = RULES[key]

    assert {name: rule[name] for name in ("type", "enum") if name in rule} == _json_rule(key)
    assert rule["x-message"].startswith(f"{key} must be")


def test_the_run_states_literal_is_the_decision_tables_desired_states() -> None:
    assert set(get_args(HINTS["state"])) == {desired.value for desired in Desired}


def test_the_args_have_a_field_for_each_input_and_nothing_else() -> None:
    args = {item.name: item for item in fields(CampaignRunStateArgs)}

    assert tuple(args) == DECLARED
    assert tuple(key for key, item in args.items() if item.default is MISSING) == REQUIRED


@pytest.mark.parametrize("key", DECLARED)
def test_each_arg_takes_the_fields_type_or_an_output_of_it(key: str) -> None:
    expected: Any = pulumi.Input[_value_type(key)]  # type: ignore[misc]
    if key == "windows":
        # A window is a mapping on the wire (WindowArgs) and a Window in the domain.
        expected = pulumi.Input[Sequence[pulumi.Input[WindowArgs]]]
    if key not in REQUIRED:
        expected = expected | None

    # Evaluated in the module, not by get_type_hints: pulumi.Input holds a forward reference
    # to Output that typing cannot resolve from here.
    annotation = CampaignRunStateArgs.__annotations__[key]

    assert eval(annotation, vars(campaign_run_state)) == expected  # noqa: S307 (our source)


def test_the_resource_annotates_the_desired_inputs_as_outputs_and_no_policy() -> None:
    annotated = CampaignRunState.__annotations__

    assert tuple(key for key in annotated if key in DECLARED) == DESIRED_KEYS
    # Every annotated output exists on each resource: declared always, or pre-seeded.
    assert set(annotated) == set(REQUIRED) | set(_PRE_SEEDED)


def test_the_native_type_takes_each_field_under_its_camel_name_and_nothing_else() -> None:
    assert tuple(NATIVE["inputProperties"]) == tuple(camel(key) for key in DECLARED)
    assert tuple(NATIVE["requiredInputs"]) == tuple(camel(key) for key in REQUIRED)
    assert {camel(key) for key in DECLARED} <= set(NATIVE["properties"])
    assert all(SNAKE_OF[camel(key)] == key for key in DECLARED)


@pytest.mark.parametrize("key", DECLARED)
def test_each_native_input_has_the_fields_json_type(key: str) -> None:
    wire_type = "string" if "enum" in _json_rule(key) else _json_rule(key)["type"]

    assert NATIVE["inputProperties"][camel(key)]["type"] == wire_type
    assert NATIVE["properties"][camel(key)]["type"] == wire_type


def test_a_stack_config_entry_takes_each_field_by_its_entry_key_and_a_name() -> None:
    stack_item = load("stack_campaigns")["items"]
    allowed = set(stack_item["properties"]) | set(INPUTS["$defs"]["run_state"]["properties"])

    assert set(ENTRY_KEYS) == allowed
    assert set(stack_item["x-messages"]) <= set(ENTRY_KEYS)
    # A group entry adds its selector and allow_empty (domain/stack_groups.py).
    assert set(STACK_CONFIG_KEY.values()) | {RESOURCE_NAME, *GROUP_ENTRY_KEYS} == set(ENTRY_KEYS)


def test_the_stack_config_entry_keeps_the_desired_inputs_and_the_policies() -> None:
    entry_fields = tuple(item.name for item in fields(CampaignEntry))

    assert set(entry_fields) == {STACK_CONFIG_KEY[key] for key in DESIRED_KEYS} | {
        "resource_name",
        "policies",
    }


# --- outputs -------------------------------------------------------------------------------


def test_the_record_lists_the_outputs_a_run_adds_to_the_declaration() -> None:
    assert RECORDED == (
        "status",
        "observed_status",
        "name",
        "last_action",
        "last_action_at",
        "last_action_by",
        "next_run_time",
        "observed_scheduled_time",
        "next_transition",
        "adopted_status",
        "adopted_scheduled_time",
    )
    assert RECORDED[:6] == REQUIRED_RECORD
    assert OUTPUT_KEYS == DECLARED + RECORDED


def test_the_resource_annotates_each_shown_output_and_the_desired_inputs() -> None:
    annotated = tuple(CampaignRunState.__annotations__)

    assert tuple(key for key in annotated if key not in DECLARED) == SHOWN_RECORD
    assert tuple(key for key in annotated if key in DECLARED) == DESIRED_KEYS


def test_the_native_type_shows_each_declared_and_shown_output_and_requires_the_rest() -> None:
    assert tuple(NATIVE["properties"]) == tuple(camel(key) for key in (*DECLARED, *SHOWN_RECORD))
    assert tuple(NATIVE["required"]) == tuple(camel(key) for key in (*REQUIRED, *REQUIRED_RECORD))


def test_the_native_wire_names_are_the_outputs_and_the_hold() -> None:
    group_keys = {"select", "allow_empty", "group", "members", "observed_members"}
    assert set(SNAKE_OF.values()) == {*OUTPUT_KEYS, HELD, *group_keys}


def test_every_group_property_of_the_native_schema_has_a_wire_name() -> None:
    group = NATIVE_SCHEMA["resources"]["ocamba:index:CampaignGroup"]

    assert set(group["inputProperties"]) | set(group["properties"]) <= set(SNAKE_OF)


def test_an_output_built_by_the_core_carries_only_declared_keys() -> None:
    from ocamba_provider.runstate.outputs import outputs

    built = outputs({"campaign_id": "1", "state": "paused"}, None, Action.NONE, NOW)

    assert set(built) <= set(OUTPUT_KEYS)
    assert set(REQUIRED_RECORD) <= set(built)
    assert set(get_type_hints(RunStateRecord)) == set(RECORDED)
