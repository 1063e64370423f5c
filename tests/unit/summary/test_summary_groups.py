"""A group in the PR comment: one row with its counts, and its members folded below, in the
words of the preview's lines (judged by the functions the provider's diff uses)."""

from __future__ import annotations

from typing import Any

from ocamba_provider.summary import Kind, read_preview, summarize
from tests.support.preview_documents import NOW, RESUME_NOW, document

GROUP_TYPE = "pulumi-python:dynamic/ocamba:CampaignGroup"
GROUP_URN = f"urn:pulumi:dev::ocamba-campaigns::{GROUP_TYPE}::bf"
DECLARED = {"select": {"labels": ["bf"]}, "state": "active", "run_immediately": True, "group": "bf"}


def group_step(op: str, members: dict[str, Any], pinned: dict[str, Any] | None = None) -> Any:
    found: dict[str, Any] = {
        "op": op,
        "urn": GROUP_URN,
        "newState": {
            "urn": GROUP_URN,
            "type": GROUP_TYPE,
            "inputs": {**DECLARED, "observed_members": members},
        },
    }
    if pinned is not None:
        old = {**DECLARED, "observed_members": {}, "members": pinned}
        found["oldState"] = {"urn": GROUP_URN, "type": GROUP_TYPE, "inputs": old, "outputs": old}
    return found


def test_a_new_group_is_one_row_with_its_counts_and_its_members_listed() -> None:
    members = {
        "1": {"status": "paused", "name": "BF push"},
        "2": {"status": "running", "name": "BF banner"},
        "3": {"status": "running", "name": "BF mail", "governed_by": "held: x pauses it"},
    }

    preview = read_preview(document(RESUME_NOW, group_step("create", members)), NOW)
    text = summarize(document(RESUME_NOW, group_step("create", members)), now=NOW)

    row = next(row for row in preview.rows if row.campaign_id == "group bf")
    assert (row.kind, row.name, row.desired, row.action) == (
        Kind.RESUME,
        "3 members",
        "active",
        "3 join, 1 resume",
    )
    assert "<summary>group bf: 3 members (3 join, 1 resume)</summary>" in text
    assert "| 1 | BF push | paused | joins: will resume now |" in text
    assert "| 3 | BF mail | running | joins: held: x pauses it |" in text


def test_joins_and_leaves_are_read_against_the_membership_the_last_up_pinned() -> None:
    members = {"1": {"status": "running", "name": "A"}, "4": {"status": "paused", "name": "D"}}
    pinned = {
        "1": {"status": "running", "name": "A"},
        "2": {"status": "running", "name": "B"},
    }

    text = summarize(document(group_step("update", members, pinned)), now=NOW)

    assert "<summary>group bf: 2 members (1 join, 1 leave, 1 resume)</summary>" in text
    assert "| 4 | D | paused | joins: will resume now |" in text
    assert "| 2 | B | running | leaves: forgotten: keeps running |" in text
    assert "| 1 | A | running | in sync |" in text


def test_a_group_deleted_from_the_config_stops_managing_its_members() -> None:
    step = group_step("delete", {}, {"1": {"status": "running"}})
    step["newState"] = None

    (row,) = read_preview(document(step), NOW).rows

    assert (row.kind, row.action) == (Kind.FORGET, "stop managing 1 member (on_delete: forget)")
