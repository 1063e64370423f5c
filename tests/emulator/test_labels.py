"""Labels: seeded, changed out of band, answered as an array or one comma-joined string, and
the `labels=` list filter ignored (default), honoured or refused."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from ocamba_provider.emulator import DEFAULT_TOKEN, VARIANTS, Emulator, EmulatorControlError

CAMPAIGNS = "/v1/hood/campaigns"
SEED = [
    {"id": "1", "status": "paused", "labels": ["black-friday-2026", "sms"]},
    {"id": "2", "status": "running", "labels": ["black-friday-2026"]},
    {"id": "3", "status": "paused", "labels": ["newsletter"]},
    {"id": "4", "status": "paused"},
    {"id": "5", "status": "paused", "labels": "sms, legacy"},  # a seed may store the string form
]


@pytest.fixture
def hood() -> Iterator[Emulator]:
    with Emulator(rate_limit=None) as emulator:
        emulator.control.seed(SEED)
        yield emulator


def listing(hood: Emulator, params: list[tuple[str, str]]) -> requests.Response:
    return requests.get(
        hood.url + CAMPAIGNS,
        params=[("page", "1,100"), *params],
        headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"},
        timeout=10,
    )


def ids(answer: requests.Response) -> list[str]:
    assert answer.status_code == 200, answer.text
    return sorted(str(item["id"]) for item in answer.json()["items"])


def labels_of(hood: Emulator, campaign_id: str) -> Any:
    answer = requests.get(
        f"{hood.url}{CAMPAIGNS}/{campaign_id}",
        headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"},
        timeout=10,
    )
    return answer.json()["items"][0]["labels"]


def test_labels_come_back_as_an_array_by_default(hood: Emulator) -> None:
    assert labels_of(hood, "1") == ["black-friday-2026", "sms"]
    assert labels_of(hood, "4") == []


def test_labels_as_string_joins_them_with_commas(hood: Emulator) -> None:
    assert VARIANTS["labels-as-string"] == {"labels_as_string": True}
    hood.control.variant("labels-as-string")
    assert labels_of(hood, "1") == "black-friday-2026,sms"
    assert labels_of(hood, "4") == ""
    assert labels_of(hood, "5") == "sms, legacy"
    assert hood.control.campaign("1")["labels"] == ["black-friday-2026", "sms"]


def test_relabel_is_out_of_band(hood: Emulator) -> None:
    hood.control.set_labels("3", ["black-friday-2026"])
    assert labels_of(hood, "3") == ["black-friday-2026"]
    assert hood.control.ledger() == []
    hood.control.set_labels("3", [])
    assert labels_of(hood, "3") == []


@pytest.mark.parametrize("labels", [["a,b"], [""], [" padded"], [7], "a"])
def test_relabel_refuses_labels_the_string_form_could_not_carry(
    hood: Emulator, labels: Any
) -> None:
    with pytest.raises(EmulatorControlError, match="without commas"):
        hood.control.set_labels("3", labels)
    assert labels_of(hood, "3") == ["newsletter"]


def test_relabel_of_an_unknown_campaign_is_refused(hood: Emulator) -> None:
    with pytest.raises(EmulatorControlError, match="does not exist"):
        hood.control.set_labels("99", ["x"])


def test_a_label_filter_is_ignored_by_default(hood: Emulator) -> None:
    assert ids(listing(hood, [("labels", "black-friday-2026")])) == ["1", "2", "3", "4", "5"]
    assert listing(hood, [("labels", "black-friday-2026")]).json()["total"] == 5


@pytest.mark.parametrize("mode", ["ignore", "filter", "refuse"])
def test_other_unknown_filters_are_still_refused(hood: Emulator, mode: str) -> None:
    hood.control.settings(label_filter=mode)
    answer = listing(hood, [("bogus", "1")])
    assert answer.status_code == 400
    assert "Unknown query parameter 'bogus'" in answer.json()["message"]


def test_label_filter_keeps_campaigns_with_the_label(hood: Emulator) -> None:
    hood.control.settings(label_filter="filter")
    assert ids(listing(hood, [("labels", "black-friday-2026")])) == ["1", "2"]
    assert ids(listing(hood, [("labels", "eq:sms")])) == ["1", "5"]
    assert listing(hood, [("labels", "sms")]).json()["total"] == 2


def test_label_filter_in_keeps_campaigns_with_any_of_the_labels(hood: Emulator) -> None:
    hood.control.settings(label_filter="filter")
    assert ids(listing(hood, [("labels", "in:newsletter,legacy")])) == ["3", "5"]


def test_label_filters_and_together_with_other_filters(hood: Emulator) -> None:
    hood.control.settings(label_filter="filter")
    both = [("labels", "black-friday-2026"), ("labels", "sms")]
    assert ids(listing(hood, both)) == ["1"]
    assert ids(listing(hood, [("labels", "black-friday-2026"), ("status", "running")])) == ["2"]


def test_label_filter_sees_out_of_band_relabels(hood: Emulator) -> None:
    hood.control.settings(label_filter="filter")
    hood.control.set_labels("4", ["black-friday-2026"])
    assert ids(listing(hood, [("labels", "black-friday-2026")])) == ["1", "2", "4"]


def test_a_label_may_contain_a_colon(hood: Emulator) -> None:
    hood.control.settings(label_filter="filter")
    hood.control.set_labels("4", ["q4:promo"])
    assert ids(listing(hood, [("labels", "q4:promo")])) == ["4"]


def test_label_filter_refuses_operators_other_than_eq_and_in(hood: Emulator) -> None:
    hood.control.settings(label_filter="filter")
    answer = listing(hood, [("labels", "neq:sms")])
    assert answer.status_code == 400
    assert "not supported" in answer.json()["message"]


def test_label_filter_refuse_answers_400(hood: Emulator) -> None:
    hood.control.settings(label_filter="refuse")
    answer = listing(hood, [("labels", "sms")])
    assert answer.status_code == 400
    assert "Unknown query parameter 'labels'" in answer.json()["message"]
