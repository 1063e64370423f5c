"""Group entries of the stack config (`name` + `select`): parsed beside campaigns, each bad one
a problem naming the entry, all at once."""

from __future__ import annotations

from typing import Any

import pytest

from ocamba_provider.domain.stack_config import StackConfigError, parse_entries
from ocamba_provider.domain.stack_groups import GroupEntry

SPRING = {"id": "1000248", "state": "active", "run_immediately": True}
BF = {"name": "bf", "select": {"labels": ["black-friday-2026"]}, "state": "paused"}


def problems_in(raw: Any) -> list[str]:
    with pytest.raises(StackConfigError) as caught:
        parse_entries(raw)
    return [line[4:] for line in str(caught.value).splitlines()[1:]]


def test_a_group_entry_is_parsed_beside_the_campaigns() -> None:
    entries = parse_entries([SPRING, {**BF, "pause_reason": "season over"}])

    assert [entry.id for entry in entries.campaigns] == ["1000248"]
    assert entries.groups == [
        GroupEntry(
            "bf",
            {
                "select": {"labels": ["black-friday-2026"]},
                "state": "paused",
                "pause_reason": "season over",
            },
        )
    ]


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        pytest.param(
            {**BF, "select": {}},
            "campaigns[1].select: group bf: select is empty: give labels, name_contains or ids "
            "(an empty selector would take every campaign of the workspace)",
            id="empty-selector",
        ),
        pytest.param(
            {**BF, "select": {"label": ["x"]}},
            "campaigns[1].select: group bf: select.label is not a selector key (did you mean "
            "labels?): a selector has labels, name_contains and ids",
            id="unknown-selector-key",
        ),
        pytest.param(
            {**BF, "id": "1000260"},
            "campaigns[1].id: group bf: an entry is one campaign (id) or a group (select, with "
            "a name), not both: remove the id, or declare that campaign in an entry of its own "
            "(an entry by id wins over a group)",
            id="select-with-id",
        ),
        pytest.param(
            {"select": {"labels": ["x"]}, "state": "paused"},
            "campaigns[1].name: name is required",
            id="group-without-name",
        ),
        pytest.param(
            {**SPRING, "id": "1000249", "allow_empty": True},
            "campaigns[1].allow_empty: allow_empty is for a group (an entry with select)",
            id="allow-empty-on-a-campaign",
        ),
    ],
)
def test_each_bad_group_entry_is_named_by_index_and_key(entry: Any, problem: str) -> None:
    assert problems_in([SPRING, entry]) == [problem]


def test_a_group_and_a_campaign_may_not_share_a_name() -> None:
    assert problems_in([{**SPRING, "name": "bf"}, BF]) == [
        "campaigns[0].name: name 'bf' is used more than once; names must be unique",
        "campaigns[1].name: name 'bf' is used more than once; names must be unique",
    ]
