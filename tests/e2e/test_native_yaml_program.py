"""The native provider from a Pulumi YAML program on the real engine, steps in order.

The same week as test_campaign_run_state.py: declare, apply once, converge, someone pauses a
campaign by hand, someone declares a draft, the API keeps failing a resume. Seed: A paused,
B paused, C running, D draft.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pulumi import automation as auto

from ocamba_provider.emulator import Emulator
from tests.support.engine_stacks import TOKEN
from tests.support.ledger import applied_actions
from tests.support.workspaces import A, B, C, D, seeded
from tests.support.yaml_stack import YamlStack

SCHEDULED_GMT = "2027-06-01 08:00:00"

DECLARED: dict[str, dict[str, Any]] = {
    "spring-sale": {"campaignId": A, "state": "active", "runImmediately": True},
    "newsletter": {
        "campaignId": B,
        "state": "active",
        "scheduledTime": "2027-06-01T10:00:00+02:00",
    },
    "black-friday": {"campaignId": C, "state": "paused", "pauseReason": "budget review"},
}

captured: list[str] = []
"""Every engine output and error text of this module, for the leak check at the end."""


def _keep(result: Any) -> Any:
    captured.extend([result.stdout, result.stderr])
    return result


@pytest.fixture(scope="module")
def emulator(module_emulator: Emulator) -> Emulator:
    return seeded(module_emulator)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, emulator: Emulator) -> YamlStack:
    root: Path = tmp_path_factory.mktemp("yaml")
    yaml_stack = YamlStack(root, emulator.url, TOKEN, extra_config={"ocamba:settleSeconds": 1})
    yaml_stack.declare(DECLARED)
    return yaml_stack


def test_1_preview_shows_each_campaign_and_why_and_sends_nothing(
    stack: YamlStack, emulator: Emulator
) -> None:
    preview = _keep(stack.preview(diff=True))

    assert preview.change_summary.get("create") == 4  # three campaigns and the stack
    assert 'observedStatus: "paused"' in preview.stdout
    assert 'observedStatus: "running"' in preview.stdout
    assert f'scheduledTime : "{SCHEDULED_GMT}"' in preview.stdout
    assert emulator.control.ledger() == []


def test_2_up_resumes_a_and_b_and_pauses_c_exactly_once(
    stack: YamlStack, emulator: Emulator
) -> None:
    up = _keep(stack.up())

    # The transition lines come through the engine's log service, naming the campaign.
    assert "ocamba: resumed campaign 1000248 (Spring sale): running immediately" in up.stdout
    assert "ocamba: paused campaign 1000260 (Black Friday): budget review" in up.stdout
    assert sorted(applied_actions(emulator)) == [(A, "resume"), (B, "resume"), (C, "pause")]
    outputs = stack.resources()
    assert {cid: outputs[cid]["status"] for cid in (A, B, C)} == {
        A: "running",
        B: "scheduled",
        C: "paused",
    }
    assert outputs[A]["lastAction"] == "resumed"
    assert outputs[A]["name"] == "Spring sale"
    assert outputs[B]["scheduledTime"] == SCHEDULED_GMT


def test_3_preview_after_up_has_no_changes(stack: YamlStack) -> None:
    _keep(stack.preview(expect_no_changes=True))


def test_4_out_of_band_pause_is_seen_and_reverted_once(
    stack: YamlStack, emulator: Emulator
) -> None:
    emulator.control.set_status(A, "paused")

    preview = _keep(stack.preview(diff=True))
    assert preview.change_summary.get("update") == 1
    assert 'observedStatus: "running" => "paused"' in preview.stdout

    _keep(stack.up())
    assert applied_actions(emulator)[3:] == [(A, "resume")]


def test_5_a_declared_draft_fails_the_preview_naming_it(
    stack: YamlStack, emulator: Emulator
) -> None:
    stack.declare(
        {**DECLARED, "winter": {"campaignId": D, "state": "active", "runImmediately": True}}
    )
    before = emulator.control.ledger()

    with pytest.raises(auto.CommandError) as failed:
        stack.preview()

    message = str(failed.value)
    captured.append(message)
    assert "campaign 1000270 (Winter draft): a draft cannot be resumed" in message
    assert "Traceback" not in message
    assert emulator.control.ledger() == before
    stack.declare(DECLARED)


def test_5b_a_declaration_error_names_the_yaml_properties(
    stack: YamlStack, emulator: Emulator
) -> None:
    # Both resume modes: the core's reason, in the names the YAML program uses.
    both = {**DECLARED["newsletter"], "runImmediately": True}
    stack.declare({**DECLARED, "newsletter": both})
    before = emulator.control.ledger()

    with pytest.raises(auto.CommandError) as failed:
        stack.preview()

    message = str(failed.value)
    captured.append(message)
    assert "set either runImmediately: true or scheduledTime, not both" in message
    assert "run_immediately" not in message and "scheduled_time" not in message
    assert emulator.control.ledger() == before
    stack.declare(DECLARED)


def test_6_a_resume_the_api_keeps_failing_is_a_clean_error(
    stack: YamlStack, emulator: Emulator
) -> None:
    emulator.control.set_status(A, "paused")
    emulator.control.set_faults([{"route": "resume", "fault": "500", "rate": 1.0}])
    try:
        with pytest.raises(auto.CommandError) as failed:
            stack.up()
    finally:
        emulator.control.set_faults([])

    message = str(failed.value)
    captured.append(message)
    assert "error: campaign 1000248 (Spring sale): the API kept refusing or failing" in message
    assert "Traceback" not in message and 'File "' not in message
    assert applied_actions(emulator)[4:] == []


def test_7_the_token_is_nowhere(stack: YamlStack) -> None:
    assert captured
    for text in [*captured, stack.state_text()]:
        assert TOKEN not in text
