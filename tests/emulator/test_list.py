"""`GET /v1/hood/campaigns`: envelope, paging, sort, search, sparse fields, filters."""

from __future__ import annotations

import pytest

from ocamba_provider.emulator import Emulator
from tests.support.emulator_http import CAMPAIGNS, SEED, Hood, assert_error, assert_list, ids

NEWEST_FIRST = [c["id"] for c in reversed(SEED)]


def test_list_is_total_and_items_newest_first(hood: Hood) -> None:
    body = assert_list(hood.get(CAMPAIGNS))
    assert body["total"] == len(SEED)
    assert ids(body) == NEWEST_FIRST


def test_default_page_has_ten_items(fast_emulator: Emulator) -> None:
    fast_emulator.control.generate(25, "paused", first_id=2000)
    body = assert_list(Hood(fast_emulator).get(CAMPAIGNS))
    assert body["total"] == 25
    assert ids(body) == [str(n) for n in range(2024, 2014, -1)]


def test_page_n_m_selects_the_slice(hood: Hood) -> None:
    body = assert_list(hood.get(CAMPAIGNS, params={"page": "2,3"}))
    assert body["total"] == len(SEED)
    assert ids(body) == NEWEST_FIRST[3:6]


def test_page_past_the_end_is_empty_with_the_total(hood: Hood) -> None:
    body = assert_list(hood.get(CAMPAIGNS, params={"page": "9,5"}))
    assert body == {"total": len(SEED), "items": []}


def test_page_size_is_capped_at_100(fast_emulator: Emulator) -> None:
    fast_emulator.control.generate(250)
    body = assert_list(Hood(fast_emulator).get(CAMPAIGNS, params={"page": "1,500"}))
    assert (body["total"], len(body["items"])) == (250, 100)


@pytest.mark.parametrize("page", ["0", "1,0", "-1", "a", "1,b", "1,2,3", "", " 1"])
def test_malformed_page_is_400(hood: Hood, page: str) -> None:
    assert_error(hood.get(CAMPAIGNS, params={"page": page}), 400, "page")


def test_sort_ascending_and_descending(hood: Hood) -> None:
    names = sorted(c["name"] for c in SEED)
    ascending = assert_list(hood.get(CAMPAIGNS, params={"sort": "name"}))
    descending = assert_list(hood.get(CAMPAIGNS, params={"sort": "-name"}))
    assert [c["name"] for c in ascending["items"]] == names
    assert [c["name"] for c in descending["items"]] == names[::-1]


def test_sort_by_two_keys(hood: Hood) -> None:
    body = assert_list(hood.get(CAMPAIGNS, params={"sort": "status,-create_time"}))
    keys = [(c["status"], c["create_time"]) for c in body["items"]]
    newest_first = sorted(keys, key=lambda key: key[1], reverse=True)
    assert keys == sorted(newest_first, key=lambda key: key[0])


def test_sort_by_unknown_field_is_400(hood: Hood) -> None:
    assert_error(hood.get(CAMPAIGNS, params={"sort": "labels"}), 400, "sort")


def test_q_searches_name_and_description_case_insensitively(hood: Hood) -> None:
    assert ids(assert_list(hood.get(CAMPAIGNS, params={"q": "SALE"}))) == ["1000249", "1000248"]
    assert ids(assert_list(hood.get(CAMPAIGNS, params={"q": "digest"}))) == ["1000251"]


def test_q_fields_limits_the_search(hood: Hood) -> None:
    body = assert_list(hood.get(CAMPAIGNS, params={"q": "digest", "q_fields": "name"}))
    assert body == {"total": 0, "items": []}


def test_fields_returns_only_those_fields(hood: Hood) -> None:
    body = hood.get(CAMPAIGNS, params={"fields": "id,status", "page": "1,2"}).json()
    assert body["items"] == [
        {"id": "1000253", "status": "needs_decision"},
        {"id": "1000252", "status": "canceled"},
    ]


def test_fields_win_over_view(hood: Hood) -> None:
    body = hood.get(CAMPAIGNS, params={"fields": "id,name", "view": "full"}).json()
    assert set(body["items"][0]) == {"id", "name"}


def test_view_full_adds_fields_the_default_view_leaves_out(hood: Hood) -> None:
    default = assert_list(hood.get(CAMPAIGNS))["items"][0]
    full = assert_list(hood.get(CAMPAIGNS, params={"view": "full"}))["items"][0]
    assert "targeting" not in default
    assert {"targeting", "messages", "creator"} <= set(full)
    assert set(default) < set(full)


def test_unknown_field_or_view_is_400(hood: Hood) -> None:
    assert_error(hood.get(CAMPAIGNS, params={"fields": "id,bogus"}), 400, "bogus")
    assert_error(hood.get(CAMPAIGNS, params={"view": "huge"}), 400, "view")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "paused"}, ["1000251", "1000248"]),
        ({"status": "eq:paused"}, ["1000251", "1000248"]),
        ({"status": "in:running,scheduled"}, ["1000250", "1000249"]),
        ({"id": "1000248"}, ["1000248"]),
        ({"id": "in:1000248,1000250,999"}, ["1000250", "1000248"]),
        ({"id": "nin:1000246,1000247,1000248,1000249,1000250,1000251"}, ["1000253", "1000252"]),
        ({"id": "neq:1000253", "status": "neq:draft", "page": "1,2"}, ["1000252", "1000251"]),
        ({"name": "Spring sale"}, ["1000248"]),
        ({"name": "in:Spring sale,Newsletter"}, ["1000251", "1000248"]),
        ({"name": "nin:Spring sale", "status": "paused"}, ["1000251"]),
        ({"status": "neq:paused", "id": "in:1000248,1000249"}, ["1000249"]),
        ({"id": "gte:1000252"}, ["1000253", "1000252"]),
        ({"id": "lt:1000247"}, ["1000246"]),
        ({"run_counter": "gt:0"}, []),
        # `is` = "is not null", `isn` = "is null", both with an empty value (the docs' syntax).
        ({"scheduled_time": "isn:", "id": "1000250"}, ["1000250"]),
        ({"scheduled_time": "is:", "id": "1000250"}, []),
        ({"next_run_time": "is:"}, []),
        ({"deal_id": "isn:", "status": "paused"}, ["1000251", "1000248"]),
    ],
)
def test_filters(hood: Hood, params: dict[str, str], expected: list[str]) -> None:
    body = assert_list(hood.get(CAMPAIGNS, params=params))
    assert ids(body) == expected
    if "page" not in params:
        assert body["total"] == len(expected)


def test_is_means_not_null_and_isn_means_null(fast_emulator: Emulator) -> None:
    fast_emulator.control.seed(
        [
            {"id": "1", "status": "scheduled", "scheduled_time": "2030-12-01 09:00:00"},
            {"id": "2", "status": "paused"},
        ]
    )
    hood = Hood(fast_emulator)
    assert ids(assert_list(hood.get(CAMPAIGNS, params={"scheduled_time": "is:"}))) == ["1"]
    assert ids(assert_list(hood.get(CAMPAIGNS, params={"scheduled_time": "isn:"}))) == ["2"]


def test_repeated_filters_and_together(hood: Hood) -> None:
    params = [("status", "in:paused,running"), ("status", "neq:running")]
    assert ids(assert_list(hood.get(CAMPAIGNS, params=params))) == ["1000251", "1000248"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"bogus": "1"}, "Unknown query parameter"),
        ({"id": "abc"}, "not a campaign id"),
        ({"id": "in:1,x"}, "not a campaign id"),
        ({"run_counter": "gt:many"}, "not an integer"),
        ({"status": "r:pau"}, "not supported"),
        ({"status": "is:paused"}, "takes no value"),
        ({"status": "isn:null"}, "takes no value"),
        ({"is_draft": "gt:true"}, "no order"),
    ],
)
def test_malformed_filters_are_400(hood: Hood, params: dict[str, str], message: str) -> None:
    assert_error(hood.get(CAMPAIGNS, params=params), 400, message)


def test_repeated_control_parameter_is_400(hood: Hood) -> None:
    assert_error(hood.get(CAMPAIGNS, params=[("page", "1"), ("page", "2")]), 400, "more than once")


def test_listing_20000_campaigns_pages_through_them(fast_emulator: Emulator) -> None:
    # How fast is `make bench`'s to measure (T=20,000 workspaces), not a timed assertion's.
    fast_emulator.control.generate(20000, "paused")
    hood = Hood(fast_emulator)
    for page in range(1, 11):
        body = assert_list(hood.get(CAMPAIGNS, params={"page": f"{page},100", "status": "paused"}))
        assert body["total"] == 20000
