"""Declared inputs of CampaignRunState: validation and normalisation, without the SDK.

Validation reports every problem at once, one `Problem` each (its property and what is wrong
with it), because a pull request should show all that is wrong with a declaration in one
preview. The sentences are rendered by domain/wording.py, for the surface that shows them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ocamba_provider.domain.declaration import DECLARED, is_campaign_id
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.times import normalise_scheduled_time
from ocamba_provider.domain.unknown import is_unknown
from ocamba_provider.domain.window_checks import window_problems
from ocamba_provider.domain.zones import DEFAULT_ZONE, NonexistentLocalTime, UnknownZone, zone
from ocamba_provider.schemas import load, missing_properties, validator


def _rule_problem(prop: str, rule: str, got: Any) -> Problem:
    # Each rule's sentence starts with its property's key (tests/unit/test_single_source.py):
    # the rest is the predicate, which the renderer says of the property in its spelling.
    predicate = rule.removeprefix(prop) if rule.startswith(prop) else f": {rule}"
    return Problem(Code.INVALID_VALUE, prop, params={"rule": predicate, "got": repr(got)})


def _schema_problems(props: Mapping[str, Any], schema: str) -> list[Problem]:
    known = {key: value for key, value in props.items() if not is_unknown(value)}
    errors = list(validator(schema).iter_errors(known))
    # jsonschema yields one `required` error per missing key, each listing all of them.
    required = next(
        (error for error in errors if error.validator == "required" and not error.path), None
    )
    missing = missing_properties(required) if required is not None else []
    # A key present but unknown is not missing.
    problems = [Problem(Code.REQUIRED, key) for key in missing if key not in props]
    for error in errors:
        if error.validator == "required" and not error.path:
            continue
        prop = str(error.path[0]) if error.path else ""
        if len(error.path) > 1:
            # Inside a list (a window): the problem is the top key's, naming the item.
            where = "".join(
                f"[{part}]" if isinstance(part, int) else f".{part}"
                for part in list(error.path)[1:]
            )
            problems.append(_rule_problem(prop, f"{prop}{where}: {error.message}", error.instance))
            continue
        message = error.schema.get("x-message") if isinstance(error.schema, dict) else None
        problems.append(_rule_problem(prop, message or error.message, error.instance))
    return problems + _id_problems(known)


def _id_problems(props: Mapping[str, Any]) -> list[Problem]:
    # jsonschema runs `pattern` with Python's re, whose `$` also matches before a final
    # newline: "1000248\n" passes the schema, then the client refuses it with a ValueError.
    value = props.get("campaign_id")
    if isinstance(value, str) and value.endswith("\n") and is_campaign_id(value[:-1]):
        rule = load("run_state_inputs")["properties"]["campaign_id"]["x-message"]
        return [_rule_problem("campaign_id", rule, value)]
    return []


FLIGHT: tuple[str, ...] = ("active_from", "active_until")


def _flight_problems(props: Mapping[str, Any]) -> list[Problem]:
    """A flight decides when to resume and pause: no resume mode beside it, state active."""
    if not any(props.get(key) is not None for key in FLIGHT):
        return []
    problems = [
        Problem(Code.MODE_BESIDE_FLIGHT, key)
        for key in ("run_immediately", "scheduled_time")
        if props.get(key) not in (None, False)
    ]
    if props.get("state") == "paused":
        problems.append(Problem(Code.PAUSED_FLIGHT, "state"))
    return problems


def _flight_order(props: Mapping[str, Any]) -> list[Problem]:
    """After normalising to GMT: a flight ends after it starts."""
    start, until = props.get("active_from"), props.get("active_until")
    if not (isinstance(start, str) and isinstance(until, str)):
        return []
    if is_unknown(start) or is_unknown(until) or until > start:
        return []  # GMT API forms compare as text
    return [Problem(Code.FLIGHT_BACKWARDS, "active_until", params={"from": start, "until": until})]


def _resume_mode_problems(props: Mapping[str, Any]) -> list[Problem]:
    if any(props.get(key) is not None for key in FLIGHT):
        return []  # the flight decides; _flight_problems names a mode declared beside it
    mode = (props.get("run_immediately"), props.get("scheduled_time"))
    if props.get("state") != "active" or any(is_unknown(value) for value in mode):
        return []
    if not isinstance(mode[0], bool | None) or not isinstance(mode[1], str | None):
        return []  # the schema already named the mistyped mode; do not report it twice
    immediately = props.get("run_immediately") is True
    scheduled = props.get("scheduled_time") is not None
    if immediately and scheduled:
        return [Problem(Code.BOTH_RESUME_MODES, "scheduled_time")]
    if not immediately and not scheduled:
        return [Problem(Code.NO_RESUME_MODE, "run_immediately")]
    return []


def _zone_of(props: Mapping[str, Any], default_zone: str) -> tuple[str | None, list[Problem]]:
    """The zone the declaration's times are read in; None while unknown or not a zone."""
    declared = props.get("time_zone")
    if is_unknown(declared) or is_unknown(default_zone):
        return None, []
    name = declared if isinstance(declared, str) else default_zone
    try:
        zone(name)
    except UnknownZone as err:
        # A bad default is the provider's settings' problem; a bad time_zone is the entry's.
        return None, [Problem(Code.UNKNOWN_ZONE, "time_zone", params={"reason": str(err)})]
    return name, []


def _normalise_times(props: dict[str, Any], zone_name: str) -> list[Problem]:
    problems: list[Problem] = []
    for key in ("scheduled_time", *FLIGHT, "hold_until"):
        value = props.get(key)
        if isinstance(value, str) and not is_unknown(value):
            try:
                props[key] = normalise_scheduled_time(value, zone_name)
            except NonexistentLocalTime as err:
                problems.append(Problem(Code.TIME_IN_GAP, key, params={"reason": str(err)}))
            except ValueError as err:
                problems.append(Problem(Code.BAD_TIME, key, params={"reason": str(err)}))
    return problems


def check_declared(
    news: Mapping[str, Any],
    default_zone: str = DEFAULT_ZONE,
    *,
    keys: tuple[str, ...] = DECLARED,
    schema: str = "run_state_inputs",
) -> tuple[dict[str, Any], list[Problem]]:
    """The declared inputs with times in GMT API form, and every problem found.

    Times without an offset are read in the declaration's `time_zone`, else `default_zone`
    (the provider's `ocamba:timeZone`). Unknown values (preview before an Output resolves)
    are left alone and not judged. `keys` and `schema`: what a declaration of this kind may
    carry and the rules it must keep (a group's: domain/group_validation.py).
    """
    declared = {key: news[key] for key in keys if news.get(key) is not None}
    problems = _schema_problems(declared, schema)
    problems += _resume_mode_problems(declared)
    problems += _flight_problems(declared)
    if any(problem.prop == "time_zone" for problem in problems):
        return declared, problems  # the schema named the zone already; times cannot be read
    zone_name, zone_problems = _zone_of(declared, default_zone)
    found = zone_problems + (_normalise_times(declared, zone_name) if zone_name else [])
    found += [] if found else _flight_order(declared)
    if zone_name and declared.get("windows") is not None:
        found += [] if found else window_problems(declared, zone_name)
        # Windows recur in wall time: the calendar needs the zone they are read in.
        declared.setdefault("time_zone", zone_name)
    # Every problem names the campaign ("02:30 does not exist" needs a whose), so the PR
    # comment's error row and the tick's log say which campaign to fix.
    campaign_id = declared.get("campaign_id")
    if is_campaign_id(campaign_id):
        return declared, [problem.about(campaign_id) for problem in problems + found]
    return declared, problems + found
