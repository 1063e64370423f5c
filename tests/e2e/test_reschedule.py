"""A changed `scheduled_time` reschedules the campaign, through both adapters on the real engine.

Seed: R and L scheduled by Hood for 2030-06-01 09:00 GMT, K paused. The steps: preview shows the
reschedule with both times; up sends exactly one pause and one resume; a re-preview is clean;
a reschedule whose pause answer is lost and one on an API whose writes show late (its own "is
it paused?" check trailing too) still send each write once; a time written in Asia/Kathmandu
(GMT+05:45) reaches Hood as the right GMT instant; the PR comment's row says reschedule with
both times; a time already past is refused at preview, naming the campaign.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from pulumi import automation as auto

from ocamba_provider.emulator import Emulator
from ocamba_provider.summary import read_problems, summarize
from ocamba_provider.summary.inert import inert
from tests.support.adapters import Adapter, adapter_for
from tests.support.comment_rows import rows_of
from tests.support.engine_stacks import TOKEN
from tests.support.ledger import applied_actions

R, K, L = "1000301", "1000302", "1000303"
HOOD = "2030-06-01 09:00:00"
NEW = "2031-01-01 09:00:00"
LATER = "2032-03-01 09:00:00"

SEED: list[dict[str, Any]] = [
    {"id": R, "name": "Newsletter", "status": "scheduled", "scheduled_time": HOOD},
    {"id": K, "name": "Kathmandu push", "status": "paused"},
    {"id": L, "name": "Lagging SMS", "status": "scheduled", "scheduled_time": HOOD},
]


def declared(r_time: str, l_time: str = HOOD, k: dict[str, Any] | None = None) -> list[Any]:
    entries: list[dict[str, Any]] = [
        {"id": R, "name": "newsletter", "state": "active", "scheduled_time": r_time},
        {"id": L, "name": "lagging-sms", "state": "active", "scheduled_time": l_time},
    ]
    return entries + ([{"id": K, "name": "kathmandu", **k}] if k else [])


@pytest.fixture(scope="module")
def emulator(adapter_emulator: Emulator) -> Emulator:
    adapter_emulator.control.seed(SEED)
    return adapter_emulator


@pytest.fixture(scope="module")
def stack(
    tmp_path_factory: pytest.TempPathFactory, adapter_kind: str, emulator: Emulator
) -> Adapter:
    # Settling within the steps' time: a reschedule waits for its pause to show (the eventual
    # step shows it 3 s late), never longer than this after sending it.
    adapter = adapter_for(
        adapter_kind,
        tmp_path_factory.mktemp(f"reschedule-{adapter_kind}"),
        emulator.url,
        TOKEN,
        extra_config={"ocamba:settleSeconds": 8},
    )
    adapter.declare(declared(HOOD))
    adapter.up()  # adopt both as they are: nothing is sent
    return adapter


def _writes(emulator: Emulator, campaign_id: str) -> list[str]:
    return [action for cid, action in applied_actions(emulator) if cid == campaign_id]


def _live(emulator: Emulator, campaign_id: str) -> dict[str, Any]:
    return emulator.control.campaign(campaign_id)


def test_1_a_new_time_previews_as_a_reschedule_and_sends_nothing(
    stack: Adapter, emulator: Emulator
) -> None:
    stack.declare(declared(NEW))

    preview = stack.preview(diff=True)

    assert preview.change_summary.get("update") == 1, preview.stdout
    assert f"{stack.key('scheduled_time')}" in preview.stdout
    assert f'"{HOOD}" => "{NEW}"' in preview.stdout
    assert applied_actions(emulator) == []


def test_2_up_reschedules_with_one_pause_and_one_resume(stack: Adapter, emulator: Emulator) -> None:
    stack.up()

    assert _writes(emulator, R) == ["pause", "resume"]
    assert emulator.control.ledger()[-1]["body"] == {"scheduled_time": NEW}
    assert (_live(emulator, R)["status"], _live(emulator, R)["scheduled_time"]) == (
        "scheduled",
        NEW,
    )
    outputs = stack.resources()[R]
    assert outputs[stack.key("last_action")] == "rescheduled"
    assert outputs[stack.key("observed_scheduled_time")] == NEW


def test_3_a_re_preview_is_clean(stack: Adapter) -> None:
    preview = stack.preview()

    assert preview.change_summary.get("update", 0) == 0, preview.stdout


def test_4_a_lost_pause_answer_is_still_one_pause_and_one_resume(
    stack: Adapter, emulator: Emulator
) -> None:
    emulator.control.set_faults([{"route": "pause", "fault": "drop_after_apply", "count": 1}])
    stack.declare(declared(LATER))

    stack.up()
    emulator.control.set_faults([])

    assert _writes(emulator, R) == ["pause", "resume", "pause", "resume"]
    assert _live(emulator, R)["scheduled_time"] == LATER


def test_5_writes_that_show_late_even_to_the_servers_check_are_sent_once(
    stack: Adapter, emulator: Emulator
) -> None:
    emulator.control.variant("eventual")
    stack.declare(declared(LATER, l_time=NEW))

    stack.up()
    emulator.control.settings(status_lag_ms=0, write_check_lags=False)

    assert _writes(emulator, L) == ["pause", "resume"]
    assert _live(emulator, L)["scheduled_time"] == NEW


def test_6_a_local_time_in_kathmandu_reaches_hood_in_gmt(
    stack: Adapter, emulator: Emulator
) -> None:
    # Nepal is GMT+05:45 all year: 09:00 there is 03:15 GMT.
    k = {"state": "active", "scheduled_time": "2031-02-01 09:00:00", "time_zone": "Asia/Kathmandu"}
    stack.declare(declared(LATER, l_time=NEW, k=k))

    stack.up()

    assert emulator.control.ledger()[-1] == {
        **emulator.control.ledger()[-1],
        "campaign_id": K,
        "action": "resume",
        "body": {"scheduled_time": "2031-02-01 03:15:00"},
    }
    assert stack.resources()[K][stack.key("scheduled_time")] == "2031-02-01 03:15:00"


def test_7_the_pr_comment_says_reschedule_with_both_times(
    stack: Adapter, emulator: Emulator
) -> None:
    k = {"state": "active", "scheduled_time": "2031-02-01 09:00:00", "time_zone": "Asia/Kathmandu"}
    stack.declare(declared(NEW, l_time=NEW, k=k))

    done = stack.cli("preview", "--json", "--show-sames", "--non-interactive", check=False)
    rows = rows_of(summarize(json.loads(done.stdout)))

    assert done.returncode == 0, done.stderr
    assert rows[R][2:] == [
        "scheduled",
        "active",
        f"**{inert('reschedule 2032-03-01 09:00 -> 2031-01-01 09:00 GMT')}**",
    ]
    assert rows[K][4] == "in sync"


def test_8_a_time_already_past_is_refused_at_preview_naming_the_campaign(
    stack: Adapter, emulator: Emulator, tmp_path_factory: pytest.TempPathFactory
) -> None:
    problems = tmp_path_factory.mktemp("problems") / "problems.jsonl"
    stack.declare(declared("2026-01-01 09:00:00", l_time=NEW))
    ledger = len(emulator.control.ledger())

    done = stack.cli(
        "preview",
        "--json",
        "--non-interactive",
        check=False,
        env={"OCAMBA_PROBLEMS_FILE": str(problems)},
    )

    assert done.returncode != 0
    assert "2026-01-01 09:00:00 GMT is in the past (observed status: scheduled)" in done.stdout
    failed = read_problems(problems.read_text().splitlines())
    assert failed["newsletter"].problems[0].campaign_id == R
    assert len(emulator.control.ledger()) == ledger


def test_9_a_new_default_time_zone_re_reads_every_time_and_the_guard_counts_them(
    stack: Adapter, emulator: Emulator
) -> None:
    stack.declare(declared(LATER, l_time=NEW))  # as Hood holds them, written without a zone
    stack.up()
    ledger = len(emulator.control.ledger())
    stack.stack.set_config("ocamba:timeZone", auto.ConfigValue("Europe/Belgrade"))
    stack.stack.set_config("ocamba:maxTransitionsPerRun", auto.ConfigValue("1"))

    done = stack.cli("preview", "--non-interactive", check=False)

    # Both times are now read as Belgrade time (GMT+1 in winter): each is a reschedule an hour
    # earlier in GMT, and the two together pass the limit of one.
    assert done.returncode != 0
    assert "this run would resume or pause 2 campaigns" in done.stdout
    assert f"reschedule {L}" in done.stdout
    assert f"reschedule {R}" in done.stdout
    assert len(emulator.control.ledger()) == ledger
    stack.stack.remove_config("ocamba:maxTransitionsPerRun")
    preview = stack.preview(diff=True)
    assert preview.change_summary.get("update") == 2, preview.stdout
    assert '"2032-03-01 09:00:00" => "2032-03-01 08:00:00"' in preview.stdout
    stack.stack.remove_config("ocamba:timeZone")
