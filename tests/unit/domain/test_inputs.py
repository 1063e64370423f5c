"""check_declared: every problem of a declaration as one (property, reason) pair, times in GMT."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pulumi.runtime.rpc import UNKNOWN

from ocamba_provider.domain import validation
from ocamba_provider.domain.declaration import DECLARED, RunStateInputs
from ocamba_provider.domain.wording import render


def check_declared(news: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """check_declared with each problem as (property, the sentence a user reads)."""
    declared, problems = validation.check_declared(news)
    return declared, [(problem.prop, render(problem)) for problem in problems]


PAUSED = {"campaign_id": "1000248", "state": "paused"}
ACTIVE_NOW = {"campaign_id": "1000248", "state": "active", "run_immediately": True}


def problems_of(**changes: Any) -> list[tuple[str, str]]:
    """The problems of a valid paused declaration with `changes` applied."""
    return check_declared({**PAUSED, **changes})[1]


def test_valid_paused_declaration_has_no_problems() -> None:
    assert check_declared(PAUSED) == (PAUSED, [])


def test_valid_active_declaration_has_no_problems() -> None:
    assert check_declared(ACTIVE_NOW) == (ACTIVE_NOW, [])


@pytest.mark.parametrize(
    ("prop", "value", "reason"),
    [
        pytest.param(
            "campaign_id",
            1000248,
            'campaign_id must be the campaign\'s id: digits only, e.g. "1000248" (got 1000248)',
            id="campaign-id-as-number",
        ),
        pytest.param(
            "campaign_id",
            "abc",
            "campaign_id must be the campaign's id: digits only, e.g. \"1000248\" (got 'abc')",
            id="campaign-id-not-digits",
        ),
        pytest.param(
            "state", "running", 'state must be "active" or "paused" (got \'running\')', id="state"
        ),
        pytest.param(
            "run_immediately",
            "yes",
            "run_immediately must be true or false (got 'yes')",
            id="run-immediately-not-bool",
        ),
        pytest.param(
            "scheduled_time",
            20261201,
            "scheduled_time must be a string: 'YYYY-MM-DD HH:MM:SS' (in time_zone, GMT by "
            "default) or ISO 8601 with an "
            "offset (got 20261201)",
            id="scheduled-time-not-string",
        ),
        pytest.param(
            "pause_reason",
            "x" * 501,
            f"pause_reason must be text of at most 500 characters (got {'x' * 501!r})",
            id="pause-reason-too-long",
        ),
        pytest.param(
            "drift",
            "ignore",
            'drift must be "enforce" (revert manual pauses) or "hold" (respect them) '
            "(got 'ignore')",
            id="drift",
        ),
        pytest.param(
            "on_delete",
            "cancel",
            'on_delete must be "forget", "pause" or "restore" (got \'cancel\')',
            id="on-delete",
        ),
        pytest.param(
            "on_missing",
            "create",
            'on_missing must be "error" or "forget" (got \'create\')',
            id="on-missing",
        ),
        pytest.param(
            "hold_until",
            "next week",
            "hold_until: 'next week' is not a time: use 'YYYY-MM-DD HH:MM:SS' (GMT) or ISO 8601 "
            "with an offset, e.g. '2026-12-01T10:00:00+01:00'",
            id="hold-until-not-a-time",
        ),
    ],
)
def test_bad_value_is_one_problem_naming_the_property(prop: str, value: Any, reason: str) -> None:
    assert problems_of(**{prop: value}) == [(prop, reason)]


@pytest.mark.parametrize("prop", ["campaign_id", "state"])
def test_missing_required_property_is_one_problem_naming_it(prop: str) -> None:
    news = {key: value for key, value in PAUSED.items() if key != prop}

    assert check_declared(news)[1] == [(prop, f"{prop} is required")]


def test_a_declaration_missing_both_required_properties_names_each_once() -> None:
    assert check_declared({"pause_reason": "budget review"})[1] == [
        ("campaign_id", "campaign_id is required"),
        ("state", "state is required"),
    ]


def test_mistyped_run_immediately_of_an_active_campaign_is_reported_once() -> None:
    news = {**ACTIVE_NOW, "run_immediately": "yes"}

    assert check_declared(news)[1] == [
        ("run_immediately", "run_immediately must be true or false (got 'yes')")
    ]


def test_every_problem_is_reported_at_once() -> None:
    news = {"campaign_id": "x", "state": "on", "pause_reason": 3, "drift": 1}

    assert sorted(prop for prop, _ in check_declared(news)[1]) == [
        "campaign_id",
        "drift",
        "pause_reason",
        "state",
    ]


def test_active_with_both_resume_modes_is_a_problem_on_scheduled_time() -> None:
    news = {**ACTIVE_NOW, "scheduled_time": "2026-12-01 09:00:00"}

    assert check_declared(news)[1] == [
        (
            "scheduled_time",
            "set either run_immediately: true or scheduled_time, not both "
            "(the API refuses a resume that names both)",
        )
    ]


@pytest.mark.parametrize("run_immediately", [None, False], ids=["absent", "false"])
def test_active_with_neither_resume_mode_is_a_problem_on_run_immediately(
    run_immediately: bool | None,
) -> None:
    news = {"campaign_id": "1", "state": "active", "run_immediately": run_immediately}

    assert check_declared(news)[1] == [
        (
            "run_immediately",
            "state is active: set run_immediately: true, or a scheduled_time to resume at",
        )
    ]


def test_paused_needs_no_resume_mode_and_tolerates_one() -> None:
    assert problems_of(run_immediately=True) == []


def test_active_with_scheduled_time_only_is_valid() -> None:
    news = {"campaign_id": "1", "state": "active", "scheduled_time": "2026-12-01 09:00:00"}

    assert check_declared(news) == (news, [])


def test_gmt_scheduled_time_is_kept() -> None:
    news = {"campaign_id": "1", "state": "active", "scheduled_time": "2026-12-01 09:00:00"}

    assert check_declared(news)[0]["scheduled_time"] == "2026-12-01 09:00:00"


def test_iso_scheduled_time_with_offset_is_converted_to_gmt() -> None:
    news = {"campaign_id": "1", "state": "active", "scheduled_time": "2026-12-01T10:00:00+01:00"}

    assert check_declared(news) == ({**news, "scheduled_time": "2026-12-01 09:00:00"}, [])


def test_iso_hold_until_with_offset_is_converted_to_gmt() -> None:
    declared, problems = check_declared({**PAUSED, "hold_until": "2026-12-01T10:00:00Z"})

    assert (declared["hold_until"], problems) == ("2026-12-01 10:00:00", [])


def test_naive_iso_scheduled_time_is_rejected() -> None:
    news = {"campaign_id": "1", "state": "active", "scheduled_time": "2026-12-01T10:00:00"}

    assert check_declared(news)[1] == [
        (
            "scheduled_time",
            "scheduled_time: '2026-12-01T10:00:00' has no offset: add one (e.g. '+00:00') "
            "or use 'YYYY-MM-DD HH:MM:SS' (GMT)",
        )
    ]


def test_invalid_date_in_scheduled_time_is_rejected() -> None:
    news = {"campaign_id": "1", "state": "active", "scheduled_time": "2026-02-30 09:00:00"}

    assert check_declared(news)[1] == [
        ("scheduled_time", "scheduled_time: '2026-02-30 09:00:00' is not a valid date and time")
    ]


@pytest.mark.parametrize(
    "trick", ["../1", "%2F", " 1", "1 ", "1/../2", "1\n", "1%0A", "²", "", "1" * 21]
)
def test_path_tricks_in_campaign_id_are_rejected(trick: str) -> None:
    assert problems_of(campaign_id=trick) == [
        (
            "campaign_id",
            f'campaign_id must be the campaign\'s id: digits only, e.g. "1000248" (got {trick!r})',
        )
    ]


def test_keys_that_are_not_declarations_are_dropped() -> None:
    news = {**PAUSED, "snapshot_hint": {"1": "active"}, "__provider": "xyz", "status": "running"}

    assert check_declared(news)[0] == PAUSED


def test_none_values_count_as_absent() -> None:
    assert check_declared({**PAUSED, "pause_reason": None, "drift": None}) == (PAUSED, [])


@pytest.mark.parametrize("prop", ["campaign_id", "state"])
def test_unknown_required_value_is_not_judged_missing(prop: str) -> None:
    news = {**PAUSED, prop: UNKNOWN}

    assert check_declared(news) == (news, [])


def test_unknown_scheduled_time_is_neither_normalised_nor_judged() -> None:
    news = {
        "campaign_id": "1",
        "state": "active",
        "run_immediately": True,
        "scheduled_time": UNKNOWN,
    }

    assert check_declared(news) == (news, [])


def test_unknown_run_immediately_is_not_judged() -> None:
    news = {"campaign_id": "1", "state": "active", "run_immediately": UNKNOWN}

    assert check_declared(news) == (news, [])


def test_typed_view_fills_defaults_and_stringifies_the_id() -> None:
    view = RunStateInputs.from_props({"campaign_id": 7, "state": "paused", "name": "ignored"})

    assert view == RunStateInputs(campaign_id="7", state="paused")
    assert (view.drift, view.on_delete, view.on_missing) == ("enforce", "forget", "error")


def test_resume_body_names_exactly_one_mode() -> None:
    now = RunStateInputs("1", "active", run_immediately=True)
    later = RunStateInputs("1", "active", scheduled_time="2026-12-01 09:00:00")

    assert now.resume_body() == {"run_immediately": True}
    assert later.resume_body() == {"scheduled_time": "2026-12-01 09:00:00"}


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.just(UNKNOWN),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)
KEYS = st.sampled_from([*DECLARED, "snapshot_hint", "__provider"]) | st.text()
FIELD_VALUES = {
    "campaign_id": st.from_regex(r"[0-9]{1,20}\n?", fullmatch=True) | JSON_VALUES,
    "state": st.sampled_from(["active", "paused"]) | JSON_VALUES,
    "scheduled_time": st.datetimes().map(str) | st.text() | JSON_VALUES,
}


@given(st.dictionaries(KEYS, JSON_VALUES) | st.fixed_dictionaries({}, optional=FIELD_VALUES))
def test_any_input_gives_declared_inputs_and_a_list_of_string_pairs(news: dict[str, Any]) -> None:
    declared, problems = check_declared(news)

    assert set(declared) <= set(DECLARED)
    assert isinstance(problems, list)
    for prop, reason in problems:
        assert isinstance(prop, str)
        assert isinstance(reason, str)
        assert prop in DECLARED
        assert prop in reason
