"""The whole run's list, from each of its sources onto the same entries (domain/run_list.py)."""

from __future__ import annotations

from typing import Any

import pytest

from ocamba_provider.domain.declared_campaigns import disagreements, from_declared_campaigns
from ocamba_provider.domain.problems import Code
from ocamba_provider.domain.run_list import Listed, from_hint, from_stack_config
from ocamba_provider.domain.wording import render
from ocamba_provider.errors import ConfigurationError


def test_the_list_a_provider_receives_as_json_gives_ids_states_and_drift() -> None:
    raw = (
        '[{"id": "1", "state": "active", "run_immediately": true, "drift": "hold"},'
        ' {"id": "2", "state": "paused"}]'
    )

    assert from_stack_config(raw) == {"1": Listed("active", "hold"), "2": Listed("paused")}


@pytest.mark.parametrize("raw", [None, "", "not json", "[]", '[{"id": "x", "state": "on"}]'])
def test_no_valid_list_gives_no_declarations(raw: Any) -> None:
    assert from_stack_config(raw) is None


def test_a_hint_keeps_every_id_and_leaves_unknown_states_to_their_own_checks() -> None:
    hint = {"1": {"state": "active"}, "2": "paused", "3": {"drift": "hold"}, "x": "active"}

    assert from_hint(hint) == {
        "1": Listed("active"),
        "2": Listed("paused"),
        "3": Listed(None, "hold"),
    }
    assert not from_hint({"3": {}})["3"].counted_by_the_plan


# --- flights: the plan judges each entry by the calendar at its `now` -----------------------


def test_a_flight_is_listed_with_its_bounds_in_gmt_from_every_source() -> None:
    stack_config = (
        '[{"id": "1", "state": "active", "time_zone": "Asia/Kathmandu",'
        ' "active_from": "2026-12-20 09:00:00", "active_until": "2026-12-27 23:59:00"}]'
    )
    hint = {
        "1": {
            "state": "active",
            "time_zone": "Asia/Kathmandu",
            "active_from": "2026-12-20 09:00:00",
            "active_until": "2026-12-27 23:59:00",
        }
    }
    declared = {
        "1": {
            "state": "active",
            "timeZone": "Asia/Kathmandu",
            "activeFrom": "2026-12-20 09:00:00",
            "activeUntil": "2026-12-27 23:59:00",
        }
    }
    expected = Listed(
        "active", active_from="2026-12-20 03:15:00", active_until="2026-12-27 18:14:00"
    )

    assert from_stack_config(stack_config) == {"1": expected}
    assert from_hint(hint) == {"1": expected}
    assert from_declared_campaigns(declared) == {"1": expected}
    assert expected.declaration("1").has_flight
    assert expected.hint() == {
        "state": "active",
        "active_from": "2026-12-20 03:15:00",
        "active_until": "2026-12-27 18:14:00",
    }


def test_a_flight_bound_that_is_no_time_is_refused_in_declared_campaigns() -> None:
    with pytest.raises(ConfigurationError, match=r'declaredCampaigns\["1"\].activeUntil'):
        from_declared_campaigns({"1": {"state": "active", "activeUntil": "next monday"}})


def test_a_flight_declared_otherwise_than_listed_names_the_bound() -> None:
    listed = {"1": Listed("active", active_until="2026-12-27 18:14:00")}
    news = {"campaign_id": "1", "state": "active", "active_until": "2026-12-28 18:14:00"}

    (problem,) = disagreements(listed, news)

    assert (problem.code, problem.prop) == (Code.LISTED_FLIGHT_OTHERWISE, "active_until")
    assert "2026-12-28 18:14:00 GMT" in render(problem)
    assert "2026-12-27 18:14:00 GMT" in render(problem)
    assert disagreements(listed, news | {"active_until": "2026-12-27 18:14:00"}) == []
