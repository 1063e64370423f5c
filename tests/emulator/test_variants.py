"""The variant surface: named variants, settings keys, constructor, control client and reset."""

from __future__ import annotations

from typing import Any

import pytest

from ocamba_provider.emulator import Emulator, EmulatorControlError
from ocamba_provider.emulator.behaviour.variants import VARIANTS, variant_settings
from tests.support.emulator_http import CAMPAIGNS, Hood

DEFAULTS = {
    "not_found_status": 400,
    "status_lag_ms": 0,
    "concurrency_cap": None,
    "page_size_cap": None,
    "error_wording": "emulator",
    "error_trace_id": True,
    "default_view_has_status": True,
    "id_type": "string",
    "time_format": "api",
    "write_check_lags": False,
    "run_seconds": None,
    "past_schedule": "run",
    "schedule_field": "scheduled_time",
    "answer_time_zone": None,
    "labels_as_string": False,
    "label_filter": "ignore",
}
HOSTILE = {
    "page_size_cap": 50,
    "error_wording": "documented",
    "not_found_status": 404,
    "error_trace_id": False,
    "default_view_has_status": False,
    "id_type": "integer",
    "time_format": "iso_z",
    "status_lag_ms": 3000,
    "write_check_lags": True,
}


def _without_rate_limit(settings: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in settings.items() if key != "rate_limit"}


def test_every_switch_is_off_by_default(fast_emulator: Emulator) -> None:
    assert _without_rate_limit(fast_emulator.control.settings()) == DEFAULTS


def test_the_variants_are_the_documented_set() -> None:
    assert list(VARIANTS) == [
        "page-cap-50",
        "generic-400",
        "not-found-404",
        "default-view-no-status",
        "integer-ids",
        "z-times",
        "offset-times",
        "eventual",
        "hostile",
        "time-in-next-run",
        "local-times",
        "labels-as-string",
    ]


def test_hostile_combines_every_variant_with_z_times() -> None:
    assert VARIANTS["hostile"] == HOSTILE


@pytest.mark.parametrize("name", list(VARIANTS))
def test_each_variant_changes_only_its_own_keys(name: str) -> None:
    with Emulator(rate_limit=None, variant=name) as emulator:
        shown = _without_rate_limit(emulator.control.settings())
    assert shown == {**DEFAULTS, **VARIANTS[name]}
    assert shown != DEFAULTS


def test_variants_merge_in_order_and_settings_win() -> None:
    assert variant_settings(["z-times", "offset-times"]) == {"time_format": "iso_offset"}
    with Emulator(
        rate_limit=None, variant=["page-cap-50", "z-times"], settings={"page_size_cap": 7}
    ) as emulator:
        shown = emulator.control.settings()
    assert (shown["page_size_cap"], shown["time_format"]) == (7, "iso_z")


def test_unknown_variant_is_refused_with_the_known_names() -> None:
    with pytest.raises(ValueError, match="unknown variant 'nasty'; known: page-cap-50"):
        Emulator(variant="nasty")


@pytest.mark.parametrize(
    "settings",
    [
        {"page_size_cap": 0},
        {"error_wording": "rude"},
        {"error_trace_id": "no"},
        {"default_view_has_status": 0},
        {"id_type": "uuid"},
        {"time_format": "unix"},
        {"write_check_lags": None},
    ],
)
def test_malformed_variant_settings_are_refused(
    fast_emulator: Emulator, settings: dict[str, Any]
) -> None:
    with pytest.raises(EmulatorControlError):
        fast_emulator.control.settings(**settings)
    with pytest.raises(ValueError):
        Emulator(settings=settings)
    assert _without_rate_limit(fast_emulator.control.settings()) == DEFAULTS


def test_control_variant_switches_a_running_emulator(fast_emulator: Emulator) -> None:
    fast_emulator.control.seed([{"id": "7"}])
    shown = fast_emulator.control.variant("integer-ids", "page-cap-50")
    assert (shown["id_type"], shown["page_size_cap"]) == ("integer", 50)
    assert Hood(fast_emulator).get(f"{CAMPAIGNS}/7").json()["items"][0]["id"] == 7
    with pytest.raises(ValueError, match="unknown variant"):
        fast_emulator.control.variant("nasty")


def test_page_size_cap_can_be_switched_off_again(fast_emulator: Emulator) -> None:
    fast_emulator.control.variant("page-cap-50")
    assert fast_emulator.control.settings(page_size_cap=None)["page_size_cap"] is None


def test_reset_returns_to_the_start_up_variant() -> None:
    with Emulator(rate_limit=None, variant="integer-ids") as emulator:
        emulator.control.settings(id_type="string", time_format="iso_z")
        emulator.control.reset()
        shown = emulator.control.settings()
    assert (shown["id_type"], shown["time_format"]) == ("integer", "api")


def test_hostile_answers_every_way_at_once() -> None:
    with Emulator(rate_limit=None, variant="hostile") as emulator:
        emulator.control.generate(60, "paused", first_id=100)
        hood = Hood(emulator)
        page = hood.get(CAMPAIGNS, params={"page": "1,100"}).json()
        missing = hood.get(f"{CAMPAIGNS}/99")
    first = page["items"][0]
    assert (page["total"], len(page["items"])) == (60, 50)
    assert first["id"] == 159
    assert "status" not in first
    assert first["create_time"].endswith("Z")
    assert missing.status_code == 404
    assert "trace_id" not in missing.json()
