"""Safety policies on the real engine: blast-radius guard, drift hold, delete and missing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pulumi import automation as auto

from ocamba_provider.emulator import Emulator, RateLimit
from tests.support.engine_stacks import TOKEN, StackUnderTest
from tests.support.ledger import applied_actions


@pytest.fixture
def hood() -> Iterator[Emulator]:
    # Scaled limits (x10) keep a 30-campaign run quick; the client is told the same scale.
    with Emulator(token=TOKEN, rate_limit=RateLimit(burst=100, steady=1500)) as emulator:
        yield emulator


@pytest.fixture
def stack(tmp_path: Path, hood: Emulator) -> StackUnderTest:
    return StackUnderTest(tmp_path, hood.url, TOKEN, extra_config={"ocamba:rateLimitScale": 10})


def _steps(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        step["urn"].rsplit("::", 1)[-1]: step
        for step in document.get("steps", [])
        if "CampaignRunState" in step["urn"]
    }


def test_guard_blocks_a_30_campaign_resume_until_overridden(
    stack: StackUnderTest, hood: Emulator
) -> None:
    hood.control.generate(30, status="paused", first_id=2000000)
    ids = [str(2000000 + i) for i in range(30)]
    stack.declare([{"id": i, "state": "active", "run_immediately": True} for i in ids])

    with pytest.raises(auto.CommandError) as refused:
        stack.up()

    message = str(refused.value)
    assert "would resume or pause 30 campaigns" in message
    assert "ocamba:maxTransitionsPerRun (25)" in message
    assert "OCAMBA_ALLOW_TRANSITIONS=30" in message
    assert "resume 2000000" in message
    assert hood.control.ledger() == []

    stack.stack.set_config("ocamba:allowMassTransition", auto.ConfigValue("true"))
    stack.up()

    assert sorted(applied_actions(hood)) == sorted((i, "resume") for i in ids)


def test_held_manual_pause_survives_up_and_is_enforced_after_hold_until(
    stack: StackUnderTest, hood: Emulator
) -> None:
    hood.control.seed([{"id": "1000248", "name": "Spring sale", "status": "paused"}])
    entry = {
        "id": "1000248",
        "state": "active",
        "run_immediately": True,
        "drift": "hold",
        "hold_until": "2099-01-01 00:00:00",
    }
    stack.declare([entry])
    stack.up()
    assert applied_actions(hood) == [("1000248", "resume")]

    hood.control.set_status("1000248", "paused")  # an operator pauses during an incident
    stack.up()

    assert applied_actions(hood) == [("1000248", "resume")]
    held = _steps(stack.preview_json())["campaign-1000248"]["newState"]["inputs"]["held"]
    assert held.startswith("held: paused out of band")
    assert "held until 2099-01-01 00:00:00 GMT" in held

    stack.declare([{**entry, "hold_until": "2020-01-01 00:00:00"}])  # the hold has expired
    stack.up()

    assert applied_actions(hood) == [("1000248", "resume"), ("1000248", "resume")]


def test_enforce_reverts_a_manual_pause(stack: StackUnderTest, hood: Emulator) -> None:
    hood.control.seed([{"id": "1000248", "name": "Spring sale", "status": "running"}])
    stack.declare([{"id": "1000248", "state": "active", "run_immediately": True}])
    stack.up()
    hood.control.set_status("1000248", "paused")

    stack.up()

    assert applied_actions(hood) == [("1000248", "resume")]


def test_delete_policies_forget_pause_and_restore(stack: StackUnderTest, hood: Emulator) -> None:
    hood.control.seed(
        [
            {"id": "1000001", "name": "Forget me", "status": "paused"},
            {"id": "1000002", "name": "Pause me", "status": "paused"},
            {"id": "1000003", "name": "Restore me", "status": "paused"},
        ]
    )
    stack.declare(
        [
            {"id": "1000001", "state": "active", "run_immediately": True, "on_delete": "forget"},
            {"id": "1000002", "state": "active", "run_immediately": True, "on_delete": "pause"},
            {"id": "1000003", "state": "active", "run_immediately": True, "on_delete": "restore"},
        ]
    )
    stack.up()
    assert len(hood.control.ledger()) == 3

    stack.declare([])
    stack.up()

    assert sorted(applied_actions(hood)[3:]) == [("1000002", "pause"), ("1000003", "pause")]
    assert stack.resources() == {}


def test_on_missing_forget_drops_a_vanished_campaign_without_error(
    stack: StackUnderTest, hood: Emulator
) -> None:
    hood.control.seed(
        [
            {"id": "1000001", "name": "Stays", "status": "running"},
            {"id": "1000002", "name": "Vanishes", "status": "running"},
        ]
    )
    stack.declare(
        [
            {"id": "1000001", "state": "active", "run_immediately": True},
            {"id": "1000002", "state": "active", "run_immediately": True, "on_missing": "forget"},
        ]
    )
    stack.up()
    hood.control.seed([{"id": "1000001", "name": "Stays", "status": "running"}])

    stack.preview(expect_no_changes=True)  # managed and vanished: no error, nothing to do
    stack.refresh()  # drops it from state, without an error
    assert set(stack.resources()) == {"1000001"}
    assert hood.control.ledger() == []

    # Forgotten now: a declaration still naming it is a declaration of a campaign that does
    # not exist (it could be a typo of a future id), so the preview asks to remove it.
    with pytest.raises(auto.CommandError) as stale:
        stack.preview()
    assert "on_missing: forget" in str(stale.value)
    assert "remove the declaration" in str(stale.value)


def test_on_missing_error_is_the_default(stack: StackUnderTest, hood: Emulator) -> None:
    hood.control.seed([{"id": "1000001", "name": "Stays", "status": "running"}])
    stack.declare([{"id": "1000009", "state": "active", "run_immediately": True}])

    with pytest.raises(auto.CommandError) as failure:
        stack.preview()

    assert "campaign 1000009: no campaign with this id in the workspace" in str(failure.value)


def test_a_changed_on_delete_is_the_one_a_later_removal_obeys(
    stack: StackUnderTest, hood: Emulator
) -> None:
    hood.control.seed([{"id": "1000003", "name": "Restore me", "status": "running"}])
    entry = {"id": "1000003", "state": "paused", "on_delete": "restore"}
    stack.declare([entry])
    stack.up()
    assert applied_actions(hood) == [("1000003", "pause")]

    stack.declare([{**entry, "on_delete": "forget"}])  # the team changes its mind
    stack.up()
    stack.declare([])
    stack.up()

    # A stale `restore` in the outputs would have resumed it: sent it to real people.
    assert applied_actions(hood) == [("1000003", "pause")]
