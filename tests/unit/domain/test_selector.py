"""A group's selector: labels in either form, always matched here; every problem said at once."""

from __future__ import annotations

from typing import Any

import pytest

from ocamba_provider.domain.naming import CAMEL
from ocamba_provider.domain.problems import Code
from ocamba_provider.domain.selector import Selector, selector_of, selector_problems, split_labels
from ocamba_provider.domain.unknown import UNKNOWN
from ocamba_provider.domain.wording import render


@pytest.mark.parametrize(
    ("raw", "labels"),
    [
        pytest.param(["bf", "sms"], ("bf", "sms"), id="list"),
        pytest.param("bf, sms", ("bf", "sms"), id="comma-joined"),
        pytest.param("bf,,sms, ", ("bf", "sms"), id="empty-parts-dropped"),
        pytest.param(["bf", "bf"], ("bf",), id="repeated-once"),
        pytest.param("", (), id="empty-string"),
        pytest.param(7, None, id="a-number"),
        pytest.param(["bf", 7], None, id="list-with-a-number"),
    ],
)
def test_labels_come_as_a_list_or_one_comma_joined_string(raw: Any, labels: Any) -> None:
    assert split_labels(raw) == labels


def test_every_label_of_the_selector_must_be_on_the_campaign() -> None:
    select = Selector(labels=("bf", "sms"))

    assert select.matches("1", "Push", ["sms", "bf", "other"])
    assert not select.matches("1", "Push", ["bf"])


def test_criteria_and_together_and_name_matches_whatever_the_case() -> None:
    select = Selector(labels=("bf",), name_contains="SALE", ids=("1", "2"))

    assert select.matches("1", "Spring sale", ["bf"])
    assert not select.matches("3", "Spring sale", ["bf"])
    assert not select.matches("1", "Spring push", ["bf"])
    assert not select.matches("1", "Spring sale", [])


def test_a_selector_is_read_in_either_spelling_and_recorded_in_one() -> None:
    select = selector_of({"labels": "bf, sms", "nameContains": "sale"})

    assert select == Selector(labels=("bf", "sms"), name_contains="sale")
    assert select is not None
    assert select.record() == {"labels": ["bf", "sms"], "name_contains": "sale"}


def test_ids_alone_need_no_listing_of_the_workspace() -> None:
    assert not Selector(ids=("1",)).needs_listing
    assert Selector(labels=("bf",)).needs_listing
    assert Selector(ids=("1",), name_contains="x").needs_listing


@pytest.mark.parametrize(
    ("raw", "codes"),
    [
        pytest.param({}, [Code.EMPTY_SELECTOR], id="empty"),
        pytest.param({"labels": []}, [Code.EMPTY_SELECTOR], id="no-labels"),
        pytest.param({"label": ["bf"]}, [Code.UNKNOWN_SELECTOR_KEY], id="unknown-key"),
        pytest.param(["bf"], [Code.SELECTOR_NOT_A_MAPPING], id="not-a-mapping"),
        pytest.param({"labels": 7}, [Code.BAD_SELECTOR_VALUE], id="labels-a-number"),
        pytest.param({"ids": ["x"]}, [Code.BAD_SELECTOR_VALUE], id="ids-not-digits"),
        pytest.param({"name_contains": ""}, [Code.BAD_SELECTOR_VALUE], id="empty-name"),
        pytest.param(
            {"labels": 7, "tags": "x"},
            [Code.UNKNOWN_SELECTOR_KEY, Code.BAD_SELECTOR_VALUE],
            id="all-at-once",
        ),
    ],
)
def test_each_bad_selector_is_a_problem(raw: Any, codes: list[Code]) -> None:
    assert [problem.code for problem in selector_problems(raw)] == codes
    assert selector_of(raw) is None


def test_an_unknown_criterion_is_not_judged_before_apply() -> None:
    assert selector_problems({"labels": UNKNOWN}) == []
    assert selector_problems(UNKNOWN) == []
    assert selector_of({"labels": UNKNOWN}) is None


def test_a_misspelt_key_names_the_one_meant_in_each_adapters_spelling() -> None:
    (problem,) = selector_problems({"label": ["bf"]})

    assert render(problem) == (
        "select.label is not a selector key (did you mean labels?): a selector has labels, "
        "name_contains and ids"
    )
    assert "nameContains" in render(problem, CAMEL)


def test_an_empty_selector_says_it_would_take_every_campaign() -> None:
    (problem,) = selector_problems({})

    assert "would take every campaign of the workspace" in render(problem)
