"""CampaignRunState on the real engine: one stack, steps in order, the ledger checked after each.

Seed: A paused, B paused, C running, D draft. The steps follow a team's week: declare, apply,
converge, someone pauses A by hand, someone declares a draft, the network drops a resume,
a declaration is removed.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests
from pulumi import automation as auto

from ocamba_provider.emulator import Emulator
from tests.support.engine_stacks import TOKEN, StackUnderTest
from tests.support.ledger import applied_actions
from tests.support.workspaces import A, B, C, D, seeded

SCHEDULED_ISO = "2027-06-01T10:00:00+02:00"
SCHEDULED_GMT = "2027-06-01 08:00:00"

DECLARED: list[dict[str, Any]] = [
    {"id": A, "state": "active", "run_immediately": True, "name": "spring-sale"},
    {"id": B, "state": "active", "scheduled_time": SCHEDULED_ISO, "name": "newsletter"},
    {"id": C, "state": "paused", "pause_reason": "budget review", "name": "black-friday"},
]

captured: list[str] = []
"""Every engine stdout/stderr and error text of this module, for the leak check at the end."""


def _keep(result: Any) -> Any:
    captured.extend([result.stdout, result.stderr])
    return result


def _live_status(emulator: Emulator, campaign_id: str) -> str:
    answer = requests.get(
        f"{emulator.url}/v1/hood/campaigns/{campaign_id}",
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=10,
    )
    answer.raise_for_status()
    return str(answer.json()["items"][0]["status"])


@pytest.fixture(scope="module")
def emulator(module_emulator: Emulator) -> Emulator:
    return seeded(module_emulator)


@pytest.fixture(scope="module")
def stack(module_stack: StackUnderTest, emulator: Emulator) -> StackUnderTest:
    module_stack.declare(DECLARED)
    return module_stack


def test_1_preview_shows_three_changes_and_sends_nothing(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    preview = _keep(stack.preview())

    assert preview.change_summary.get("create") == 4  # three campaigns and the stack
    assert emulator.control.ledger() == []


def test_2_up_resumes_a_and_b_and_pauses_c_exactly_once(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    up = _keep(stack.up())

    # One line per transition reaches the CI log, naming the campaign.
    assert "ocamba: resumed campaign 1000248 (Spring sale): running immediately" in up.stdout
    assert "ocamba: paused campaign 1000260 (Black Friday): budget review" in up.stdout
    entries = emulator.control.ledger()
    ledger = {(e["campaign_id"], e["action"]): e["body"] for e in entries}
    assert len(entries) == 3
    assert ledger[(A, "resume")] == {"run_immediately": 1}
    assert ledger[(B, "resume")] == {"scheduled_time": SCHEDULED_GMT}
    # The reason carries the declared text, then who paused (CI context or user).
    assert ledger[(C, "pause")]["reason"].startswith("budget review")
    outputs = stack.resources()
    assert {cid: outputs[cid]["status"] for cid in (A, B, C)} == {
        A: "running",
        B: "scheduled",
        C: "paused",
    }
    assert outputs[A]["last_action"] == "resumed"
    assert outputs[B]["scheduled_time"] == SCHEDULED_GMT
    assert outputs[C]["last_action"] == "paused"
    assert outputs[A]["name"] == "Spring sale"


def test_3_preview_after_up_has_no_changes(stack: StackUnderTest) -> None:
    _keep(stack.preview(expect_no_changes=True))


def test_4_out_of_band_pause_is_seen_refreshed_and_reverted(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    emulator.control.set_status(A, "paused")

    preview = _keep(stack.preview(diff=True))
    assert preview.change_summary.get("update") == 1
    assert 'observed_status: "running" => "paused"' in preview.stdout

    _keep(stack.refresh())
    assert stack.resources()[A]["status"] == "paused"

    _keep(stack.up())
    assert applied_actions(emulator)[-1] == (A, "resume")
    assert len(emulator.control.ledger()) == 4
    assert stack.resources()[A]["status"] == "running"


def test_5_declaring_a_draft_fails_preview_naming_it(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    stack.declare([*DECLARED, {"id": D, "state": "active", "run_immediately": True}])

    with pytest.raises(auto.CommandError) as failure:
        stack.preview()

    message = str(failure.value)
    captured.append(message)
    assert f"campaign {D} (Winter draft)" in message
    assert "observed status: draft" in message
    assert "Publish it in Hood first" in message
    assert len(emulator.control.ledger()) == 4
    stack.declare(DECLARED)


def test_6_dropped_resume_is_confirmed_by_reading_not_resent(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    emulator.control.set_faults([{"route": "resume", "fault": "drop_after_apply", "rate": 1.0}])
    emulator.control.set_status(A, "paused")
    try:
        _keep(stack.up())
    finally:
        emulator.control.set_faults([])

    assert applied_actions(emulator)[4:] == [(A, "resume")]
    assert stack.resources()[A]["status"] == "running"


def test_7_removing_a_declaration_forgets_without_touching(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    stack.declare(DECLARED[1:])
    before = emulator.control.ledger()

    _keep(stack.up())

    assert emulator.control.ledger() == before
    assert A not in stack.resources()
    assert _live_status(emulator, A) == "running"


def test_8_token_appears_nowhere(stack: StackUnderTest) -> None:
    preview_json = stack.stack.preview(color="never", json=True)
    captured.extend([preview_json.stdout, preview_json.stderr])

    assert TOKEN not in stack.state_text()
    for text in captured:
        assert TOKEN not in text
