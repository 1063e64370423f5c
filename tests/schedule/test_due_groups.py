"""`ocamba-campaigns due` and `calendar` for group entries (`name` + `select`), against the
emulator over real HTTP.

A tick runs the engine only when `due` exits 0, so a group whose flight ended with running
members must be due, each member's pause named; inside its flight it is not (exit 3), and its
end is the next run needed. Finding the members costs one listing of the workspace shared by
every group, whatever the number of groups; `calendar` shows the group's changes by its name
without any token.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ocamba_provider.emulator import Emulator
from tests.support.request_counts import gets, pages, requests_seen
from tests.support.schedule_commands import calendar, due, events
from tests.support.stack_files import stack_file

ENDED = "2026-12-01 09:00:00"
AHEAD = "2030-01-01 09:00:00"
BF = [
    {"id": "1000301", "name": "BF push", "status": "running", "labels": ["bf", "push"]},
    {"id": "1000302", "name": "BF mail", "status": "running", "labels": "bf, mail"},
    {"id": "1000303", "name": "BF banner", "status": "paused", "labels": ["bf"]},
    {"id": "1000304", "name": "Newsletter", "status": "running", "labels": ["newsletter"]},
]


@pytest.fixture
def hood(fast_emulator: Emulator) -> Emulator:
    fast_emulator.control.reset()
    return fast_emulator


def black_friday(until: str, **more: Any) -> dict[str, Any]:
    return {"name": "black-friday", "select": {"labels": ["bf"]}, "state": "active",
            "active_from": "2026-11-27 00:00:00", "active_until": until, **more}  # fmt: skip


def test_a_group_whose_flight_ended_is_due_naming_each_running_members_pause(
    hood: Emulator, tmp_path: Path
) -> None:
    hood.control.seed(BF)
    path = stack_file(tmp_path, [black_friday(ENDED)])

    done = due(hood, path)

    assert done.returncode == 0, done.stderr
    assert "due at 2026-12-06 12:00:00 GMT: 2 campaign(s) to change" in done.stdout
    for member in ("campaign 1000301 (BF push)", "campaign 1000302 (BF mail)"):
        assert f"{member} (group black-friday): pause: flight ended at {ENDED} GMT" in done.stdout
    assert "1000303" not in done.stdout and "1000304" not in done.stdout
    assert hood.control.ledger() == []


def test_the_same_group_inside_its_flight_is_not_due_and_its_end_needs_a_run(
    hood: Emulator, tmp_path: Path
) -> None:
    hood.control.seed(BF)
    path = stack_file(tmp_path, [black_friday(AHEAD)])

    done = due(hood, path, "--json")

    assert done.returncode == 3, done.stderr
    answer = json.loads(done.stdout.rsplit("\n", 2)[0])
    assert answer["campaigns"] == []
    assert answer["next_run"] == {
        "at": AHEAD, "action": "pause", "campaign_id": "", "group": "black-friday"
    }  # fmt: skip
    text = due(hood, path).stdout
    assert "next run needed: 2030-01-01 09:00 GMT: pause the members of group black-friday" in text


def test_an_entry_by_id_decides_its_campaign_over_the_group(hood: Emulator, tmp_path: Path) -> None:
    hood.control.seed(BF)
    entry = {"id": "1000301", "state": "active", "active_until": AHEAD}
    path = stack_file(tmp_path, [entry, black_friday(ENDED)])

    done = due(hood, path, "--json")

    answer = json.loads(done.stdout.rsplit("\n", 2)[0])
    assert [(said["campaign_id"], said["group"]) for said in answer["campaigns"]] == [
        ("1000302", "black-friday")
    ]


def test_groups_share_one_listing_and_the_entries_come_from_it(
    hood: Emulator, tmp_path: Path
) -> None:
    workspace = 450
    filler = [
        {"id": str(1_001_000 + n), "name": f"Other {n}", "status": "running", "labels": ["x"]}
        for n in range(workspace - len(BF))
    ]
    hood.control.seed(BF + filler)
    groups = [
        black_friday(ENDED),
        {"name": "mail", "select": {"labels": ["mail"]}, "state": "paused"},
        {"name": "by-name", "select": {"name_contains": "newsletter"}, "state": "active",
         "active_until": ENDED},
        {"name": "by-ids", "select": {"ids": ["1000304", "1001005"]}, "state": "active",
         "active_until": ENDED},
    ]  # fmt: skip
    entries = [{"id": str(1_001_000 + n), "state": "active", "active_until": AHEAD} for n in (1, 2)]
    path = stack_file(tmp_path, [*entries, *groups])
    hood.control.reset_stats()

    done = due(hood, path, "--json")

    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout.rsplit("\n", 2)[0])
    said = {(item["campaign_id"], item["group"]) for item in answer["campaigns"]}
    assert said == {
        ("1000301", "black-friday"),
        ("1000302", "mail"),  # a pause wins over black-friday's
        ("1000304", "by-ids"),  # the first by name of two that agree acts
        ("1001005", "by-ids"),
    }
    requests = requests_seen(hood)
    print(f"requests for 4 groups and 2 entries in a workspace of {workspace}: {dict(requests)}")
    assert gets(requests) == sum(requests.values()) <= pages(workspace) + 1
    assert hood.control.ledger() == []


def test_the_calendar_names_the_groups_changes_without_a_token(tmp_path: Path) -> None:
    path = stack_file(tmp_path, [black_friday("2026-12-01 00:00:00")])

    done = calendar(path, "--days", "14")

    assert done.returncode == 0, done.stderr
    found = {(e.dtstart.value.strftime("%d %H:%M"), e.summary.value) for e in events(done.stdout)}
    assert found == {
        ("27 00:00", "Group black-friday starts"),
        ("01 00:00", "Group black-friday pauses"),
    }
