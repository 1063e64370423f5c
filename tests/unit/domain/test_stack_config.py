"""parse_campaigns: the stack config list into declarations, or one error listing everything."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocamba_provider.domain.stack_config import (
    CampaignEntry,
    StackConfigError,
    parse_campaigns,
)

SPRING = {"id": "1000248", "state": "active", "run_immediately": True}
NEWSLETTER = {"id": "1000251", "state": "active", "scheduled_time": "2026-12-01T10:00:00+01:00"}
BLACK_FRIDAY = {"id": "1000260", "state": "paused", "pause_reason": "budget review"}


def problems_in(raw: Any) -> list[str]:
    """The problem lines of the StackConfigError that `raw` raises."""
    with pytest.raises(StackConfigError) as caught:
        parse_campaigns(raw)
    return [line[4:] for line in str(caught.value).splitlines()[1:]]


def test_design_example_parses_into_entries() -> None:
    assert parse_campaigns([SPRING, NEWSLETTER, BLACK_FRIDAY]) == [
        CampaignEntry("1000248", "active", "campaign-1000248", run_immediately=True),
        CampaignEntry(
            # As written: the provider's check reads it (in the entry's zone) and sends GMT.
            "1000251",
            "active",
            "campaign-1000251",
            scheduled_time="2026-12-01T10:00:00+01:00",
        ),
        CampaignEntry("1000260", "paused", "campaign-1000260", pause_reason="budget review"),
    ]


def test_entry_gives_resource_arguments_without_unset_keys() -> None:
    entry = parse_campaigns([{**BLACK_FRIDAY, "name": "black-friday", "drift": "hold"}])[0]

    assert entry.resource_name == "black-friday"
    assert entry.resource_args() == {
        "campaign_id": "1000260",
        "state": "paused",
        "pause_reason": "budget review",
        "drift": "hold",
    }


def test_none_means_nothing_declared() -> None:
    assert parse_campaigns(None) == []


def test_empty_list_means_nothing_declared() -> None:
    assert parse_campaigns([]) == []


def test_a_mapping_instead_of_a_list_is_refused() -> None:
    with pytest.raises(StackConfigError) as caught:
        parse_campaigns({"1000248": "active"})

    assert str(caught.value) == (
        "ocamba-campaigns:campaigns is not valid:\n"
        "  - campaigns: ocamba-campaigns:campaigns must be a list of campaign entries "
        "(got {'1000248': active})"  # as YAML writes it, not Python's repr
    )


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        pytest.param(
            {"id": 1000260, "state": "paused"},
            "campaigns[2].id: id must be the campaign's id as a quoted string of digits, "
            'e.g. "1000248" (got 1000260); `pulumi config set --path` stores digits as a '
            "number: run `pulumi config set --path 'ocamba-campaigns:campaigns[2].id' --type "
            "string 1000260`, or quote it in the YAML",
            id="id-not-quoted",
        ),
        pytest.param(
            {"id": "1000260", "state": "stopped"},
            "campaigns[2].state: state must be active or paused (got 'stopped')",
            id="state",
        ),
        pytest.param({"state": "paused"}, "campaigns[2].id: id is required", id="id-missing"),
        pytest.param(
            {"id": "1000260"}, "campaigns[2].state: state is required", id="state-missing"
        ),
        pytest.param(
            {"id": "1000260", "state": "paused", "run_now": True},
            "campaigns[2].run_now: unknown key; allowed keys are id, state, run_immediately, "
            "scheduled_time, active_from, active_until, windows, time_zone, pause_reason, name, "
            "drift, hold_until, on_delete, on_missing, select, allow_empty",
            id="unknown-key",
        ),
        pytest.param(
            {"id": "1000260", "state": "paused", "name": "black friday"},
            "campaigns[2].name: name must be a resource name: letters, digits, '.', '_' or '-', "
            "at most 100 (got 'black friday')",
            id="name",
        ),
        pytest.param(
            {"id": "1000260", "state": "paused", "name": "bf\n"},
            "campaigns[2].name: name must be a resource name: letters, digits, '.', '_' or '-', "
            "at most 100 (got 'bf\\n')",
            id="name-with-final-newline",
        ),
        pytest.param(
            "1000260",
            "campaigns[2]: each entry must be a mapping: a campaign (id, state) or a group "
            "(name, select, state) (got '1000260')",
            id="entry-not-a-mapping",
        ),
        pytest.param(
            {"id": "1000260", "state": "active"},
            "campaigns[2].run_immediately: state is active: set run_immediately: true, "
            "or a scheduled_time to resume at",
            id="active-without-resume-mode",
        ),
        pytest.param(
            {"id": "1000260", "state": "active", "scheduled_time": "2026-12-01T10:00:00"},
            "campaigns[2].scheduled_time: scheduled_time: '2026-12-01T10:00:00' has no offset: "
            "add one (e.g. '+00:00') or use 'YYYY-MM-DD HH:MM:SS' (GMT)",
            id="naive-scheduled-time",
        ),
        pytest.param(
            {"id": "1000260\n", "state": "paused"},
            "campaigns[2].id: campaign_id must be the campaign's id: digits only, "
            "e.g. \"1000248\" (got '1000260\\n')",
            id="id-with-final-newline",
        ),
    ],
)
def test_bad_entry_is_named_by_index_and_key(entry: Any, problem: str) -> None:
    assert problems_in([SPRING, NEWSLETTER, entry]) == [problem]


def test_an_entry_missing_both_required_keys_names_each_once() -> None:
    assert problems_in([{}]) == [
        "campaigns[0].id: id is required",
        "campaigns[0].state: state is required",
    ]


def test_error_message_counts_the_problems() -> None:
    with pytest.raises(StackConfigError) as caught:
        parse_campaigns([{"id": "1", "state": "on"}])

    assert str(caught.value).splitlines()[0] == (
        "ocamba-campaigns:campaigns is not valid (1 problem):"
    )


def test_every_problem_is_reported_at_once() -> None:
    raw = [
        {"id": "x", "state": "paused"},
        SPRING,
        {"id": "2", "state": "active"},
        {"id": "3", "state": "sleeping", "colour": "red"},
    ]

    # In the order of the file, whichever check found each one.
    assert problems_in(raw) == [
        "campaigns[0].id: id must be the campaign's id as a quoted string of digits, "
        "e.g. \"1000248\" (got 'x')",
        "campaigns[2].run_immediately: state is active: set run_immediately: true, "
        "or a scheduled_time to resume at",
        "campaigns[3].colour: unknown key; allowed keys are id, state, run_immediately, "
        "scheduled_time, active_from, active_until, windows, time_zone, pause_reason, name, drift, "
        "hold_until, on_delete, on_missing, select, allow_empty",
        "campaigns[3].state: state must be active or paused (got 'sleeping')",
    ]


def test_duplicate_ids_name_every_declaring_index() -> None:
    raw = [BLACK_FRIDAY, SPRING, {**BLACK_FRIDAY, "name": "again"}]

    assert problems_in(raw) == [
        "campaigns[0].id: campaign 1000260 is declared 2 times; declare each campaign once",
        "campaigns[2].id: campaign 1000260 is declared 2 times; declare each campaign once",
    ]


def test_duplicate_ids_after_a_broken_entry_name_their_own_indexes() -> None:
    raw = [{"id": "x", "state": "paused"}, BLACK_FRIDAY, BLACK_FRIDAY]

    assert problems_in(raw)[1:] == [
        "campaigns[1].id: campaign 1000260 is declared 2 times; declare each campaign once",
        "campaigns[2].id: campaign 1000260 is declared 2 times; declare each campaign once",
    ]


def test_duplicate_names_are_refused() -> None:
    raw = [{**SPRING, "name": "sale"}, {**BLACK_FRIDAY, "name": "sale"}]

    assert problems_in(raw) == [
        "campaigns[0].name: name 'sale' is used more than once; names must be unique",
        "campaigns[1].name: name 'sale' is used more than once; names must be unique",
    ]


def test_explicit_name_that_equals_a_default_name_is_a_duplicate() -> None:
    raw = [SPRING, {**BLACK_FRIDAY, "name": "campaign-1000248"}]

    assert problems_in(raw) == [
        "campaigns[0].name: name 'campaign-1000248' is used more than once; names must be unique",
        "campaigns[1].name: name 'campaign-1000248' is used more than once; names must be unique",
    ]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
ENTRY = st.fixed_dictionaries(
    {},
    optional={
        "id": st.from_regex(r"[0-9]{1,3}\n?", fullmatch=True) | JSON,
        "state": st.sampled_from(["active", "paused"]) | JSON,
        "run_immediately": st.booleans() | JSON,
        "scheduled_time": st.datetimes(timezones=st.none() | st.timezones()).map(str) | JSON,
        "pause_reason": st.text(max_size=3) | JSON,
        "name": st.from_regex(r"[a-z]{1,3}", fullmatch=True) | JSON,
        "drift": st.sampled_from(["enforce", "hold"]) | JSON,
        "hold_until": st.datetimes(timezones=st.timezones()).map(str) | JSON,
    },
)


@given(JSON | st.lists(ENTRY | JSON, max_size=5))
def test_any_value_gives_entries_or_a_stack_config_error(raw: Any) -> None:
    try:
        entries = parse_campaigns(raw)
    except StackConfigError as error:
        assert str(error).startswith("ocamba-campaigns:campaigns is not valid")
        assert "\n  - campaigns" in str(error)
        return
    assert all(isinstance(entry, CampaignEntry) for entry in entries)
    assert len({entry.id for entry in entries}) == len(entries)
