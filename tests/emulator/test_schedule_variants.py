"""How Hood could report a schedule: in which field (`time-in-next-run`) and in which zone
(`local-times`). Answers change; requests, storage, filters and the clock stay GMT."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from ocamba_provider.emulator import DEFAULT_TOKEN, VARIANTS, Emulator, EmulatorControlError

CAMPAIGNS = "/v1/hood/campaigns"
WINTER = "2027-01-15 09:00:00"  # Belgrade is GMT+1 in winter
SUMMER = "2027-07-15 09:00:00"  # and GMT+2 in summer


@pytest.fixture
def hood() -> Iterator[Emulator]:
    with Emulator(rate_limit=None) as emulator:
        emulator.control.set_clock(now="2027-01-01 00:00:00")
        emulator.control.seed([{"id": "1", "status": "paused"}, {"id": "2", "status": "paused"}])
        yield emulator


def get(hood: Emulator, path: str = "", **params: str) -> dict[str, Any]:
    answer = requests.get(
        hood.url + CAMPAIGNS + path,
        params=params,
        headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def item(hood: Emulator, campaign_id: str, **params: str) -> dict[str, Any]:
    found: dict[str, Any] = get(hood, f"/{campaign_id}", **params)["items"][0]
    return found


def resume_at(hood: Emulator, campaign_id: str, when: str) -> None:
    answer = requests.post(
        f"{hood.url}{CAMPAIGNS}/{campaign_id}/resume",
        json={"scheduled_time": when},
        headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"},
        timeout=10,
    )
    assert answer.status_code == 204, answer.text


def test_the_named_variants_set_the_switches() -> None:
    assert VARIANTS["time-in-next-run"] == {"schedule_field": "next_run_time"}
    assert VARIANTS["local-times"] == {"answer_time_zone": "Europe/Belgrade"}


def test_hostile_is_left_as_it_was() -> None:
    assert not {"schedule_field", "answer_time_zone", "labels_as_string"} & set(VARIANTS["hostile"])


def test_a_resume_at_a_time_reports_it_in_both_fields_by_default(hood: Emulator) -> None:
    resume_at(hood, "1", WINTER)
    shown = item(hood, "1")
    assert (shown["status"], shown["scheduled_time"], shown["next_run_time"]) == (
        "scheduled",
        WINTER,
        WINTER,
    )


def test_time_in_next_run_reports_the_time_only_in_next_run_time(hood: Emulator) -> None:
    hood.control.variant("time-in-next-run")
    resume_at(hood, "1", WINTER)
    for shown in (
        item(hood, "1"),
        item(hood, "1", fields="id,scheduled_time,next_run_time"),
        item(hood, "1", view="full"),
        get(hood, id="1")["items"][0],
    ):
        assert (shown["scheduled_time"], shown["next_run_time"]) == (None, WINTER)


def test_time_in_next_run_changes_answers_only(hood: Emulator) -> None:
    hood.control.variant("time-in-next-run")
    resume_at(hood, "1", WINTER)
    assert hood.control.campaign("1")["scheduled_time"] == WINTER
    assert get(hood, scheduled_time=f"eq:{WINTER}")["total"] == 1
    hood.control.set_clock(now=WINTER)
    assert item(hood, "1")["status"] == "running"


@pytest.mark.parametrize(
    ("gmt", "local"), [(WINTER, "2027-01-15 10:00:00"), (SUMMER, "2027-07-15 11:00:00")]
)
def test_local_times_write_belgrade_wall_time_without_an_offset(
    hood: Emulator, gmt: str, local: str
) -> None:
    hood.control.variant("local-times")
    resume_at(hood, "1", gmt)
    shown = item(hood, "1")
    assert shown["scheduled_time"] == shown["next_run_time"] == local
    assert shown["update_time"] == "2027-01-01 01:00:00"
    assert shown["create_time"] == "2025-01-01 01:00:00"


def test_local_times_leave_requests_storage_filters_and_the_clock_in_gmt(hood: Emulator) -> None:
    hood.control.variant("local-times")
    resume_at(hood, "1", WINTER)
    assert hood.control.ledger()[0]["body"] == {"scheduled_time": WINTER}
    assert hood.control.campaign("1")["scheduled_time"] == WINTER
    assert get(hood, scheduled_time=f"eq:{WINTER}")["total"] == 1
    hood.control.set_clock(now="2027-01-15 09:59:59")  # the local time it shows is not reached
    assert item(hood, "1")["status"] == "running"


def test_both_schedule_variants_together(hood: Emulator) -> None:
    hood.control.variant("time-in-next-run", "local-times")
    resume_at(hood, "1", WINTER)
    shown = item(hood, "1")
    assert (shown["scheduled_time"], shown["next_run_time"]) == (None, "2027-01-15 10:00:00")


@pytest.mark.parametrize(
    ("time_format", "shown"),
    [("iso_z", "2027-01-15T09:00:00Z"), ("iso_offset", "2027-01-15T11:00:00+02:00")],
)
def test_an_iso_time_keeps_its_own_zone_whatever_the_answer_zone(
    hood: Emulator, time_format: str, shown: str
) -> None:
    hood.control.settings(answer_time_zone="Europe/Belgrade", time_format=time_format)
    resume_at(hood, "1", WINTER)
    assert item(hood, "1")["scheduled_time"] == shown


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "", "Europe", "../etc/passwd", 1])
def test_the_answer_zone_must_be_an_iana_name(hood: Emulator, zone: Any) -> None:
    with pytest.raises(EmulatorControlError, match="answer_time_zone"):
        hood.control.settings(answer_time_zone=zone)
    assert hood.control.settings()["answer_time_zone"] is None


def test_times_are_gmt_by_default(hood: Emulator) -> None:
    resume_at(hood, "1", SUMMER)
    shown = item(hood, "1")
    assert (shown["scheduled_time"], shown["update_time"]) == (SUMMER, "2027-01-01 00:00:00")
