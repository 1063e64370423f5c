"""Bulk status reads: the fewest list requests, and a safe fallback when `id=in:` fails."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pytest

from ocamba_provider.client import Campaign, HoodBadRequest, HoodServerError
from ocamba_provider.client.pagination import STATUS_FIELDS, Page, read_statuses


class Workspace:
    """A list endpoint over campaigns with ids first..first+total-1, newest first.

    `id_filter`: "honour" (filters), "ignore" (answers as if absent) or "refuse" (400).
    """

    def __init__(
        self,
        total: int,
        id_filter: str = "honour",
        first: int = 1000,
        cap: int | None = None,
        page_param: str = "honour",
    ) -> None:
        ids = [str(first + n) for n in range(total)]
        self.campaigns = [Campaign(i, f"c{i}", "paused") for i in reversed(ids)]
        self.id_filter = id_filter
        self.cap = cap  # the server's own maximum page size
        self.page_param = page_param  # "honour", or "ignore": always page 1 of 10
        self.requests: list[dict[str, str]] = []

    def fetch(self, params: Mapping[str, str]) -> Page:
        self.requests.append(dict(params))
        assert params["fields"] == STATUS_FIELDS
        rows = self.campaigns
        if "id" in params and self.id_filter == "refuse":
            raise HoodBadRequest("400 Unknown filter id.", operation="list campaigns")
        if "id" in params and self.id_filter == "honour":
            wanted = set(params["id"].removeprefix("in:").split(","))
            rows = [c for c in rows if c.id in wanted]
        number, size = (int(x) for x in params["page"].split(","))
        if self.page_param == "ignore":
            number, size = 1, 10
        size = min(size, self.cap or size)
        return Page(len(rows), tuple(rows[(number - 1) * size : number * size]))

    def used_id_filter(self) -> int:
        return sum(1 for r in self.requests if "id" in r)


def ids(start: int, count: int) -> list[str]:
    return [str(start + n) for n in range(count)]


def test_500_ids_in_a_2000_workspace_take_a_probe_and_five_batches() -> None:
    hood = Workspace(2000)
    result = read_statuses(hood.fetch, ids(1000, 500), try_id_filter=True)
    assert sorted(result.campaigns) == ids(1000, 500)
    assert len(hood.requests) == 6
    assert result.id_filter_works is True


def test_a_few_ids_take_one_request() -> None:
    hood = Workspace(2000)
    result = read_statuses(hood.fetch, ["1005", "1007"], try_id_filter=True)
    assert sorted(result.campaigns) == ["1005", "1007"]
    assert hood.requests == [
        {"fields": STATUS_FIELDS, "id": "in:1005,1007", "page": "1,100"},
    ]


def test_ids_the_workspace_does_not_hold_are_absent() -> None:
    hood = Workspace(50)
    result = read_statuses(hood.fetch, ["1001", "99999"], try_id_filter=True)
    assert list(result.campaigns) == ["1001"]


def test_a_small_workspace_is_read_whole_in_one_request() -> None:
    hood = Workspace(80)
    result = read_statuses(hood.fetch, ids(1000, 150), try_id_filter=True)
    assert len(result.campaigns) == 80
    assert len(hood.requests) == 1


def test_the_full_listing_wins_when_it_needs_fewer_requests_than_batches() -> None:
    hood = Workspace(300)
    result = read_statuses(hood.fetch, ids(1000, 300) + ids(50_000, 400), try_id_filter=True)
    assert len(result.campaigns) == 300
    assert len(hood.requests) == 3
    assert hood.used_id_filter() == 0


def test_a_refused_id_filter_falls_back_to_the_full_listing() -> None:
    hood = Workspace(2000, id_filter="refuse")
    result = read_statuses(hood.fetch, ids(1000, 500), try_id_filter=True)
    assert sorted(result.campaigns) == ids(1000, 500)
    assert result.id_filter_works is False
    assert len(hood.requests) == 1 + 1 + 19  # probe, refusal, pages 2..20
    assert len(hood.requests) <= 22


def test_an_ignored_id_filter_falls_back_and_reuses_the_answer_as_page_one() -> None:
    hood = Workspace(2000, id_filter="ignore")
    result = read_statuses(hood.fetch, ["1003", "1500"], try_id_filter=True)
    assert sorted(result.campaigns) == ["1003", "1500"]
    assert result.id_filter_works is False
    assert len(hood.requests) == 20
    assert [r["page"] for r in hood.requests[1:3]] == ["2,100", "3,100"]


def test_an_ignored_filter_in_a_later_batch_still_reads_everything() -> None:
    hood = Workspace(2000, id_filter="ignore")
    result = read_statuses(hood.fetch, ids(1000, 500), try_id_filter=True)
    assert sorted(result.campaigns) == ids(1000, 500)
    assert result.id_filter_works is False
    assert hood.used_id_filter() == 1


def test_without_the_id_filter_only_the_documented_listing_is_used() -> None:
    hood = Workspace(2000)
    result = read_statuses(hood.fetch, ["1003"], try_id_filter=False)
    assert list(result.campaigns) == ["1003"]
    assert hood.used_id_filter() == 0
    assert len(hood.requests) == math.ceil(2000 / 100)


def test_an_empty_id_list_sends_nothing() -> None:
    hood = Workspace(10)
    assert read_statuses(hood.fetch, [], try_id_filter=True).campaigns == {}
    assert hood.requests == []


def test_a_server_error_is_not_mistaken_for_a_refused_filter() -> None:
    def failing(params: Mapping[str, str]) -> Page:
        raise HoodServerError("500 T.", operation="list campaigns")

    with pytest.raises(HoodServerError):
        read_statuses(failing, ["1"], try_id_filter=True)


def test_the_client_remembers_a_refused_filter(monkeypatch: pytest.MonkeyPatch) -> None:
    from ocamba_provider.client import HoodClient

    hood = Workspace(150, id_filter="refuse")
    client = HoodClient("https://api.example.test", "t0ken", limits=None)
    monkeypatch.setattr(client, "_fetch_page", hood.fetch)
    assert list(client.campaign_statuses(["1001"])) == ["1001"]
    assert hood.used_id_filter() == 1
    assert list(client.campaign_statuses(["1002"])) == ["1002"]
    assert hood.used_id_filter() == 1


# The server's answers differ from our guesses -------------------------------------------------


def test_a_capped_page_size_is_followed_until_total_is_read() -> None:
    hood = Workspace(250, cap=50)
    wanted = ids(1000, 250)
    result = read_statuses(hood.fetch, wanted, try_id_filter=False)
    assert sorted(result.campaigns) == wanted
    assert [r["page"] for r in hood.requests] == ["1,100", "2,50", "3,50", "4,50", "5,50"]


def test_a_capped_id_filter_batch_is_paged_too() -> None:
    hood = Workspace(2000, cap=50)
    wanted = ids(1000, 100)
    result = read_statuses(hood.fetch, wanted, try_id_filter=True)
    assert sorted(result.campaigns) == wanted
    assert [r["page"] for r in hood.requests] == ["1,100", "2,50"]


def test_many_ids_under_a_capped_page_size_use_batches_of_the_served_size() -> None:
    hood = Workspace(2000, cap=50)
    wanted = ids(1000, 300)
    result = read_statuses(hood.fetch, wanted, try_id_filter=True)
    assert sorted(result.campaigns) == wanted
    # The probe (page 1 of the listing), then six batches of 50 ids, one page each.
    assert len(hood.requests) == 7
    assert all(r["page"] == "1,50" for r in hood.requests[1:])


def test_a_server_that_ignores_page_ends_the_listing_instead_of_looping() -> None:
    hood = Workspace(250, page_param="ignore")
    result = read_statuses(hood.fetch, ids(1000, 250), try_id_filter=False)
    # What it did not show is left for single reads to settle; nothing is invented.
    assert len(result.campaigns) == 10
    assert len(hood.requests) == 2
