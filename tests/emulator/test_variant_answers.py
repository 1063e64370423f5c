"""Variants that change what answers look like: page size cap, default view without status,
integer ids, ISO times. The store is unchanged underneath: filters, sorting and the ledger."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from ocamba_provider.emulator import Emulator
from tests.support.emulator_http import CAMPAIGNS, SEED, Hood, ids


@pytest.fixture
def capped() -> Iterator[Hood]:
    with Emulator(rate_limit=None, variant="page-cap-50") as emulator:
        emulator.control.generate(120, "paused", first_id=5000)
        yield Hood(emulator)


def _variant(name: str) -> Iterator[Hood]:
    with Emulator(rate_limit=None, variant=name) as emulator:
        emulator.control.seed(SEED)
        yield Hood(emulator)


def test_page_size_cap_serves_fewer_items_with_the_right_total(capped: Hood) -> None:
    body = capped.get(CAMPAIGNS, params={"page": "1,100"}).json()
    assert (body["total"], len(body["items"])) == (120, 50)
    assert ids(body) == [str(n) for n in range(5119, 5069, -1)]


def test_page_size_cap_counts_pages_in_the_capped_size(capped: Hood) -> None:
    second = capped.get(CAMPAIGNS, params={"page": "2,100"}).json()
    third = capped.get(CAMPAIGNS, params={"page": "3,100"}).json()
    assert ids(second) == [str(n) for n in range(5069, 5019, -1)]
    assert ids(third) == [str(n) for n in range(5019, 4999, -1)]
    assert second["total"] == third["total"] == 120


def test_page_size_cap_leaves_smaller_pages_alone(capped: Hood) -> None:
    body = capped.get(CAMPAIGNS, params={"page": "3,7"}).json()
    assert ids(body) == [str(n) for n in range(5105, 5098, -1)]


def test_page_size_cap_applies_to_id_in_filters(capped: Hood) -> None:
    wanted = ",".join(str(n) for n in range(5000, 5060))
    body = capped.get(CAMPAIGNS, params={"id": f"in:{wanted}", "page": "1,100"}).json()
    assert (body["total"], len(body["items"])) == (60, 50)
    rest = capped.get(CAMPAIGNS, params={"id": f"in:{wanted}", "page": "2,100"}).json()
    assert ids(rest) == [str(n) for n in range(5009, 4999, -1)]


def test_no_page_size_cap_by_default(fast_emulator: Emulator) -> None:
    fast_emulator.control.generate(120)
    body = Hood(fast_emulator).get(CAMPAIGNS, params={"page": "1,100"}).json()
    assert len(body["items"]) == 100


@pytest.fixture
def no_status() -> Iterator[Hood]:
    yield from _variant("default-view-no-status")


def test_default_view_without_status_leaves_it_out_of_lists_and_gets(no_status: Hood) -> None:
    listed = no_status.get(CAMPAIGNS).json()["items"]
    single = no_status.get(f"{CAMPAIGNS}/1000248").json()["items"][0]
    assert listed and all("status" not in item and "id" in item for item in listed)
    assert "status" not in single
    assert single["name"] == "Spring sale"


def test_default_view_without_status_still_honours_fields_and_full_view(no_status: Hood) -> None:
    sparse = no_status.get(CAMPAIGNS, params={"fields": "id,status", "page": "1,1"}).json()
    assert sparse["items"] == [{"id": "1000253", "status": "needs_decision"}]
    assert no_status.get(f"{CAMPAIGNS}/1000248", params={"fields": "status"}).json() == {
        "total": 1,
        "items": [{"status": "paused"}],
    }
    assert no_status.status("1000248") == "paused"  # view=full


def test_default_view_without_status_still_filters_by_status(no_status: Hood) -> None:
    body = no_status.get(CAMPAIGNS, params={"status": "paused"}).json()
    assert ids(body) == ["1000251", "1000248"]


@pytest.fixture
def integer_ids() -> Iterator[Hood]:
    yield from _variant("integer-ids")


def test_integer_ids_are_json_integers_in_lists_and_gets(integer_ids: Hood) -> None:
    listed = integer_ids.get(CAMPAIGNS, params={"page": "1,2"}).json()["items"]
    single = integer_ids.get(f"{CAMPAIGNS}/1000248", params={"view": "full"}).json()["items"][0]
    assert [item["id"] for item in listed] == [1000253, 1000252]
    assert single["id"] == 1000248
    assert single["creator_id"] == 1
    assert single["company_id"] == "emulator"  # not digits: left as it is


def test_integer_ids_still_take_string_ids_in_requests(integer_ids: Hood) -> None:
    body = integer_ids.get(CAMPAIGNS, params={"id": "in:1000248,1000250"}).json()
    assert [item["id"] for item in body["items"]] == [1000250, 1000248]
    assert integer_ids.resume("1000248", {"run_immediately": 1}).status_code == 204
    assert integer_ids.control.ledger()[0]["campaign_id"] == "1000248"


def test_ids_are_strings_by_default(hood: Hood) -> None:
    assert hood.campaign("1000248")["id"] == "1000248"


TIMED = {"id": "7", "status": "scheduled", "scheduled_time": "2026-12-01 09:00:00"}


@pytest.mark.parametrize(
    ("variant", "scheduled", "created"),
    [
        ("z-times", "2026-12-01T09:00:00Z", "2025-01-01T00:00:00Z"),
        ("offset-times", "2026-12-01T11:00:00+02:00", "2025-01-01T02:00:00+02:00"),
    ],
)
def test_time_formats_render_every_time_field(variant: str, scheduled: str, created: str) -> None:
    with Emulator(rate_limit=None, variant=variant) as emulator:
        emulator.control.seed([{**TIMED, "next_run_time": "2026-12-01 09:00:00"}])
        campaign = Hood(emulator).campaign("7")
    assert campaign["scheduled_time"] == campaign["next_run_time"] == scheduled
    assert campaign["create_time"] == campaign["update_time"] == created


def test_offset_and_z_times_are_the_same_instant() -> None:
    seen = []
    for variant in ("z-times", "offset-times"):
        with Emulator(rate_limit=None, variant=variant) as emulator:
            emulator.control.seed([TIMED])
            seen.append(Hood(emulator).campaign("7")["scheduled_time"])
    instants = {datetime.fromisoformat(text.replace("Z", "+00:00")) for text in seen}
    assert instants == {datetime(2026, 12, 1, 9, tzinfo=UTC)}


def test_time_formats_still_accept_the_documented_format_in_requests() -> None:
    with Emulator(rate_limit=None, variant="z-times") as emulator:
        emulator.control.seed([{"id": "7", "status": "paused"}])
        hood = Hood(emulator)
        iso = hood.resume("7", {"scheduled_time": "2030-12-01T09:00:00Z"})  # while still paused
        response = hood.resume("7", {"scheduled_time": "2030-12-01 09:00:00"})
        filtered = hood.get(CAMPAIGNS, params={"scheduled_time": "gte:2030-12-01 09:00:00"})
        assert response.status_code == 204
        assert iso.status_code == 400
        assert hood.campaign("7")["scheduled_time"] == "2030-12-01T09:00:00Z"
        assert ids(filtered.json()) == ["7"]
        assert emulator.control.ledger()[0]["body"] == {"scheduled_time": "2030-12-01 09:00:00"}


def test_times_use_the_api_format_by_default(hood: Hood) -> None:
    assert hood.campaign("1000248")["create_time"] == "2025-01-01 00:00:02"
