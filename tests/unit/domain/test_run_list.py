"""The whole run's list, from each of its sources onto the same entries (domain/run_list.py)."""

from __future__ import annotations

from typing import Any

import pytest

from ocamba_provider.domain.run_list import Listed, from_hint, from_stack_config


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
