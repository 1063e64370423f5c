"""CampaignRunState on the real engine, through both adapters: one stack each, steps in order,
the ledger checked after each.

The dynamic provider runs from the config-driven Python program, the native one from a Pulumi
YAML program (tests/support/adapters.py); every step holds for both. Seed: A paused, B paused,
C running, D draft. The steps follow a team's week: declare, apply once, converge, someone
pauses A by hand, someone declares a draft or both resume modes, the API keeps failing a
resume, the network drops one, a declaration is removed.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests
from pulumi import automation as auto

from ocamba_provider.emulator import Emulator
from ocamba_provider.resources.sdk_workarounds import CLEAN_ERRORS
from tests.support.adapters import Adapter, adapter_for
from tests.support.engine_stacks import TOKEN
from tests.support.ledger import applied_actions
from tests.support.workspaces import A, B, C, D, seeded

SCHEDULED_ISO = "2027-06-01T10:00:00+02:00"
SCHEDULED_GMT = "2027-06-01 08:00:00"
GRPC_PREFIX = "Exception calling application: "

DECLARED: list[dict[str, Any]] = [
    {"id": A, "state": "active", "run_immediately": True, "name": "spring-sale"},
    {"id": B, "state": "active", "scheduled_time": SCHEDULED_ISO, "name": "newsletter"},
    {"id": C, "state": "paused", "pause_reason": "budget review", "name": "black-friday"},
]

captured: dict[str, list[str]] = {}
"""Every engine stdout/stderr and error text of this module, by adapter, for the leak check."""


def _keep(stack: Adapter, result: Any) -> Any:
    captured[stack.kind].extend([result.stdout, result.stderr])
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
def emulator(adapter_emulator: Emulator) -> Emulator:
    return seeded(adapter_emulator)


@pytest.fixture(scope="module")
def stack(
    tmp_path_factory: pytest.TempPathFactory, adapter_kind: str, emulator: Emulator
) -> Adapter:
    # A settle time shorter than the steps: a campaign resumed a step ago that reads "paused"
    # again is resumed at once, not after the default 30 s.
    adapter = adapter_for(
        adapter_kind,
        tmp_path_factory.mktemp(adapter_kind),
        emulator.url,
        TOKEN,
        extra_config={"ocamba:settleSeconds": 1},
    )
    adapter.declare(DECLARED)
    captured[adapter_kind] = []
    return adapter


def test_1_preview_shows_each_campaign_and_why_and_sends_nothing(
    stack: Adapter, emulator: Emulator
) -> None:
    preview = _keep(stack, stack.preview(diff=True))

    assert preview.change_summary.get("create") == 4  # three campaigns and the stack
    assert f'{stack.key("observed_status")}: "paused"' in preview.stdout
    assert f'{stack.key("observed_status")}: "running"' in preview.stdout
    assert f'{stack.key("scheduled_time")} : "{SCHEDULED_GMT}"' in preview.stdout
    assert emulator.control.ledger() == []


def test_2_up_resumes_a_and_b_and_pauses_c_exactly_once(stack: Adapter, emulator: Emulator) -> None:
    up = _keep(stack, stack.up())

    # One line per transition reaches the CI log (the native provider's through the engine's
    # log service), naming the campaign.
    assert "ocamba: resumed campaign 1000248 (Spring sale): running immediately" in up.stdout
    assert "ocamba: paused campaign 1000260 (Black Friday): budget review" in up.stdout
    entries = emulator.control.ledger()
    ledger = {(e["campaign_id"], e["action"]): e["body"] for e in entries}
    assert len(entries) == 3
    assert sorted(applied_actions(emulator)) == [(A, "resume"), (B, "resume"), (C, "pause")]
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
    assert outputs[A][stack.key("last_action")] == "resumed"
    assert outputs[B][stack.key("scheduled_time")] == SCHEDULED_GMT
    assert outputs[C][stack.key("last_action")] == "paused"
    assert outputs[A]["name"] == "Spring sale"


def test_3_preview_after_up_has_no_changes(stack: Adapter) -> None:
    _keep(stack, stack.preview(expect_no_changes=True))


def test_4_out_of_band_pause_is_seen_refreshed_and_reverted_once(
    stack: Adapter, emulator: Emulator
) -> None:
    emulator.control.set_status(A, "paused")

    preview = _keep(stack, stack.preview(diff=True))
    assert preview.change_summary.get("update") == 1
    assert f'{stack.key("observed_status")}: "running" => "paused"' in preview.stdout

    _keep(stack, stack.refresh())
    assert stack.resources()[A]["status"] == "paused"

    _keep(stack, stack.up())
    assert applied_actions(emulator)[-1] == (A, "resume")
    assert applied_actions(emulator)[3:] == [(A, "resume")]
    assert len(emulator.control.ledger()) == 4
    assert stack.resources()[A]["status"] == "running"


def test_5_declaring_a_draft_fails_preview_naming_it(stack: Adapter, emulator: Emulator) -> None:
    stack.declare([*DECLARED, {"id": D, "state": "active", "run_immediately": True}])
    before = emulator.control.ledger()

    with pytest.raises(auto.CommandError) as failure:
        stack.preview()

    message = str(failure.value)
    captured[stack.kind].append(message)
    assert f"campaign {D} (Winter draft)" in message
    assert "campaign 1000270 (Winter draft): a draft cannot be resumed" in message
    assert "observed status: draft" in message
    assert "Publish it in Hood first" in message
    assert "Traceback" not in message
    assert emulator.control.ledger() == before
    assert len(emulator.control.ledger()) == 4
    stack.declare(DECLARED)


def test_6_a_declaration_error_names_the_programs_properties(
    stack: Adapter, emulator: Emulator
) -> None:
    # Both resume modes: the core's reason, in the names the program uses.
    both = {**DECLARED[1], "run_immediately": True}
    stack.declare([DECLARED[0], both, DECLARED[2]])
    before = emulator.control.ledger()

    with pytest.raises(auto.CommandError) as failed:
        stack.preview()

    message = str(failed.value)
    captured[stack.kind].append(message)
    immediately, scheduled = stack.key("run_immediately"), stack.key("scheduled_time")
    assert f"set either {immediately}: true or {scheduled}, not both" in message
    for other in {"run_immediately", "runImmediately"} - {immediately}:
        assert other not in message
    for other in {"scheduled_time", "scheduledTime"} - {scheduled}:
        assert other not in message
    assert emulator.control.ledger() == before
    stack.declare(DECLARED)


def test_7_a_resume_the_api_keeps_failing_is_a_clean_error(
    stack: Adapter, emulator: Emulator
) -> None:
    emulator.control.set_status(A, "paused")
    emulator.control.set_faults([{"route": "resume", "fault": "500", "rate": 1.0}])
    try:
        with pytest.raises(auto.CommandError) as failed:
            stack.up()
    finally:
        emulator.control.set_faults([])

    message = str(failed.value)
    captured[stack.kind].append(message)
    # The dynamic host of an SDK before 3.260 lets gRPC prefix the error, without a traceback
    # (resources/sdk_workarounds.py, clean errors); the native server never does.
    grpc_prefix = "" if stack.kind == "native" or CLEAN_ERRORS.needed() else GRPC_PREFIX
    assert (
        f"error: {grpc_prefix}campaign 1000248 (Spring sale): the API kept refusing or failing"
        in message
    )
    assert "Traceback" not in message and 'File "' not in message
    assert applied_actions(emulator)[4:] == []


def test_8_dropped_resume_is_confirmed_by_reading_not_resent(
    stack: Adapter, emulator: Emulator
) -> None:
    emulator.control.set_faults([{"route": "resume", "fault": "drop_after_apply", "rate": 1.0}])
    emulator.control.set_status(A, "paused")
    try:
        _keep(stack, stack.up())
    finally:
        emulator.control.set_faults([])

    assert applied_actions(emulator)[4:] == [(A, "resume")]
    assert stack.resources()[A]["status"] == "running"


def test_9_removing_a_declaration_forgets_without_touching(
    stack: Adapter, emulator: Emulator
) -> None:
    stack.declare(DECLARED[1:])
    before = emulator.control.ledger()

    _keep(stack, stack.up())

    assert emulator.control.ledger() == before
    assert A not in stack.resources()
    assert _live_status(emulator, A) == "running"


def test_10_token_appears_nowhere(stack: Adapter) -> None:
    _keep(stack, stack.preview(json=True))

    assert captured[stack.kind]
    assert TOKEN not in stack.state_text()
    for text in captured[stack.kind]:
        assert TOKEN not in text
