"""Declared inputs of CampaignRunState: validation and normalisation, without the SDK.

Validation reports every problem at once, one (property, reason) pair each, because a pull
request should show all that is wrong with a declaration in one preview.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ocamba_provider.domain.declaration import DECLARED, is_campaign_id
from ocamba_provider.domain.times import normalise_scheduled_time
from ocamba_provider.domain.unknown import is_unknown
from ocamba_provider.schemas import load, missing_properties, validator


def _schema_problems(props: Mapping[str, Any]) -> list[tuple[str, str]]:
    known = {key: value for key, value in props.items() if not is_unknown(value)}
    errors = list(validator("run_state_inputs").iter_errors(known))
    # jsonschema yields one `required` error per missing key, each listing all of them.
    required = next((error for error in errors if error.validator == "required"), None)
    missing = missing_properties(required) if required is not None else []
    # A key present but unknown is not missing.
    problems = [(key, f"{key} is required") for key in missing if key not in props]
    for error in errors:
        if error.validator == "required":
            continue
        prop = str(error.path[0]) if error.path else ""
        message = error.schema.get("x-message") if isinstance(error.schema, dict) else None
        problems.append((prop, f"{message or error.message} (got {error.instance!r})"))
    return problems + _id_problems(known)


def _id_problems(props: Mapping[str, Any]) -> list[tuple[str, str]]:
    # jsonschema runs `pattern` with Python's re, whose `$` also matches before a final
    # newline: "1000248\n" passes the schema, then the client refuses it with a ValueError.
    value = props.get("campaign_id")
    if isinstance(value, str) and value.endswith("\n") and is_campaign_id(value[:-1]):
        rule = load("run_state_inputs")["properties"]["campaign_id"]["x-message"]
        return [("campaign_id", f"{rule} (got {value!r})")]
    return []


def _resume_mode_problems(props: Mapping[str, Any]) -> list[tuple[str, str]]:
    mode = (props.get("run_immediately"), props.get("scheduled_time"))
    if props.get("state") != "active" or any(is_unknown(value) for value in mode):
        return []
    if not isinstance(mode[0], bool | None) or not isinstance(mode[1], str | None):
        return []  # the schema already named the mistyped mode; do not report it twice
    immediately = props.get("run_immediately") is True
    scheduled = props.get("scheduled_time") is not None
    if immediately and scheduled:
        return [
            (
                "scheduled_time",
                "set either run_immediately: true or scheduled_time, not both "
                "(the API refuses a resume that names both)",
            )
        ]
    if not immediately and not scheduled:
        return [
            (
                "run_immediately",
                "state is active: set run_immediately: true, or a scheduled_time to resume at",
            )
        ]
    return []


def _normalise_times(props: dict[str, Any]) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for key in ("scheduled_time", "hold_until"):
        value = props.get(key)
        if isinstance(value, str) and not is_unknown(value):
            try:
                props[key] = normalise_scheduled_time(value)
            except ValueError as err:
                problems.append((key, f"{key}: {err}"))
    return problems


def check_declared(news: Mapping[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The declared inputs with times in GMT API form, and every problem found.

    Unknown values (preview before an Output resolves) are left alone and not judged.
    """
    declared = {key: news[key] for key in DECLARED if news.get(key) is not None}
    problems = _schema_problems(declared)
    problems += _resume_mode_problems(declared)
    problems += _normalise_times(declared)
    return declared, problems
