"""Every path a Pulumi user takes (issue 14), on the real engine, judged by the emulator's ledger.

Automation API inline programs (repeated operations, several stacks in one process), refresh as
a drift check, `--target` / `--exclude` / `--target-dependents` of single campaigns, the one-run
guard override, the stack output later CI steps read, and adopting instead of `pulumi import`.
Previews and refreshes must send no transition at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ocamba_provider import CampaignRunState
from ocamba_provider.emulator import Emulator, RateLimit
from ocamba_provider.summary import summarize
from tests.support.engine_stacks import TOKEN, StackUnderTest, inline_stack, urn
from tests.support.ledger import applied_actions

A, B, C, D = "3000001", "3000002", "3000003", "3000004"
REFRESH_CHECK = ("refresh", "--preview-only", "--expect-no-changes", "--non-interactive")


@pytest.fixture
def hood() -> Iterator[Emulator]:
    with Emulator(token=TOKEN, rate_limit=RateLimit(burst=100, steady=1500)) as emulator:
        emulator.control.seed(
            [{"id": i, "name": f"Campaign {i}", "status": "paused"} for i in (A, B, C, D)]
        )
        yield emulator


@pytest.fixture
def stack(tmp_path: Path, hood: Emulator) -> StackUnderTest:
    return StackUnderTest(tmp_path, hood.url, TOKEN, extra_config={"ocamba:rateLimitScale": 10})


def _resume(*ids: str) -> list[dict[str, Any]]:
    return [{"id": i, "state": "active", "run_immediately": True} for i in ids]


def _resume_a_and_b() -> None:
    CampaignRunState("a", campaign_id=A, state="active", run_immediately=True)
    CampaignRunState("b", campaign_id=B, state="active", run_immediately=True)


# --- Automation API, inline programs -------------------------------------------------------


def test_inline_program_previews_then_applies_once_in_one_process(
    tmp_path: Path, hood: Emulator
) -> None:
    stack = inline_stack(tmp_path, "dev", _resume_a_and_b, hood.url, token=TOKEN)

    stack.preview(color="never")
    assert applied_actions(hood) == []
    stack.up(color="never")
    stack.preview(color="never", expect_no_changes=True)
    stack.up(color="never")

    assert sorted(applied_actions(hood)) == [(A, "resume"), (B, "resume")]


def test_several_inline_stacks_run_one_after_another_in_one_process(
    tmp_path: Path, hood: Emulator
) -> None:
    staging = inline_stack(tmp_path, "staging", _resume_a_and_b, hood.url, token=TOKEN)
    production = inline_stack(tmp_path, "production", _resume_a_and_b, hood.url, token=TOKEN)

    staging.up(color="never")
    production.up(color="never")  # same campaigns: already running, nothing to send

    assert sorted(applied_actions(hood)) == [(A, "resume"), (B, "resume")]
    resources = [
        r
        for r in production.export_stack().deployment["resources"]
        if r["type"].endswith("CampaignRunState")
    ]
    assert sorted(r["outputs"]["status"] for r in resources) == ["running", "running"]


# --- refresh as a drift check ------------------------------------------------------------


def test_refresh_check_is_clean_after_an_up_and_sends_nothing(
    stack: StackUnderTest, hood: Emulator
) -> None:
    stack.declare(_resume(A, B))
    stack.up()

    clean = stack.cli(*REFRESH_CHECK, check=False)

    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert sorted(applied_actions(hood)) == [(A, "resume"), (B, "resume")]


def test_refresh_check_fails_after_an_out_of_band_pause_naming_only_that_campaign(
    stack: StackUnderTest, hood: Emulator
) -> None:
    stack.declare(_resume(A, B))
    stack.up()
    hood.control.set_status(A, "paused")

    drift = stack.cli(*REFRESH_CHECK, check=False)

    assert drift.returncode != 0
    assert "no changes were expected for refresh but changes were proposed" in drift.stderr
    assert re.search(rf"campaign-{A} +update", drift.stdout), drift.stdout
    assert not re.search(rf"campaign-{B} +update", drift.stdout)
    assert len(applied_actions(hood)) == 2


def test_a_persisted_refresh_leaves_later_manual_pauses_to_be_reverted(
    stack: StackUnderTest, hood: Emulator
) -> None:
    stack.declare(_resume(A, B))
    stack.up()
    stack.refresh()
    stack.preview(expect_no_changes=True)
    hood.control.set_status(A, "paused")

    stack.up()

    assert applied_actions(hood)[2:] == [(A, "resume")]
    assert stack.cli(*REFRESH_CHECK, check=False).returncode == 0


# --- --target, --exclude, --target-dependents -----------------------------------------------


def test_target_of_one_campaign_on_a_fresh_stack_touches_only_it(
    stack: StackUnderTest, hood: Emulator
) -> None:
    stack.declare(_resume(A, B, C))

    stack.cli("up", "--yes", "--non-interactive", "--target", urn("e2e", f"campaign-{B}"))

    assert applied_actions(hood) == [(B, "resume")]
    assert set(stack.resources()) == {B}


def test_target_exclude_and_target_dependents_on_an_existing_stack(
    stack: StackUnderTest, hood: Emulator
) -> None:
    stack.declare(_resume(A, B, C, D))
    stack.cli("up", "--yes", "--non-interactive", "--target", urn("e2e", f"campaign-{B}"))

    stack.cli("up", "--yes", "--non-interactive", "--target", urn("e2e", f"campaign-{C}"))
    assert applied_actions(hood) == [(B, "resume"), (C, "resume")]

    stack.cli("up", "--yes", "--non-interactive", "--exclude", urn("e2e", f"campaign-{A}"))
    assert applied_actions(hood)[2:] == [(D, "resume")]

    target_a = ("--target", urn("e2e", f"campaign-{A}"), "--target-dependents")
    stack.cli("up", "--yes", "--non-interactive", *target_a)
    assert applied_actions(hood)[3:] == [(A, "resume")]
    assert set(stack.resources()) == {A, B, C, D}


# --- the one-run guard override -----------------------------------------------------------


def test_allow_transitions_lets_one_run_past_the_guard_and_is_not_saved(
    stack: StackUnderTest, hood: Emulator
) -> None:
    hood.control.generate(30, status="paused", first_id=2000000)
    ids = [str(2000000 + i) for i in range(30)]
    stack.declare(_resume(*ids))
    override = {"OCAMBA_ALLOW_TRANSITIONS": "30"}

    refused = stack.cli("preview", "--non-interactive", check=False)
    assert refused.returncode != 0
    assert "OCAMBA_ALLOW_TRANSITIONS=30" in refused.stdout + refused.stderr
    preview = json.loads(stack.cli("preview", "--json", env=override).stdout)
    marks = [s["newState"]["inputs"].get("guard_override") for s in preview["steps"][1:]]
    assert marks == [{"variable": "OCAMBA_ALLOW_TRANSITIONS", "allowed": 30, "limit": 25}] * 30
    assert "`OCAMBA_ALLOW_TRANSITIONS=30` allows 30 transitions" in summarize(preview)
    stack.cli("up", "--yes", "--non-interactive", env=override)
    assert sorted(applied_actions(hood)) == sorted((i, "resume") for i in ids)

    for i in ids:
        hood.control.set_status(i, "paused")
    again = stack.cli("preview", "--non-interactive", check=False)
    assert again.returncode != 0  # the next run without the variable is guarded again
    assert "ALLOW" not in stack.config_file.read_text().upper()
    assert len(applied_actions(hood)) == 30


# --- outputs for later CI steps, and adopting instead of `pulumi import` ---------------------


def test_stack_output_campaigns_gives_status_last_action_and_when(
    stack: StackUnderTest, hood: Emulator
) -> None:
    stack.declare([*_resume(A), {"id": B, "state": "paused"}])

    stack.up()

    campaigns = stack.stack.outputs()["campaigns"].value
    assert set(campaigns) == {A, B}
    assert (campaigns[A]["status"], campaigns[A]["last_action"]) == ("running", "resumed")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", campaigns[A]["last_action_at"])
    assert campaigns[B] == {
        "status": "paused",
        "last_action": "none",
        "last_action_at": "",
        "next_transition": None,
    }


def test_declaring_a_running_campaign_adopts_it_without_a_transition(
    stack: StackUnderTest, hood: Emulator
) -> None:
    hood.control.set_status(A, "running")
    stack.declare(_resume(A))

    stack.up()

    assert applied_actions(hood) == []
    assert stack.resources()[A]["status"] == "running"
    assert stack.resources()[A]["adopted_status"] == "running"


def test_stack_code_up_skip_preview_past_the_guard_sends_nothing(
    stack: StackUnderTest, hood: Emulator
) -> None:
    hood.control.generate(30, status="paused", first_id=2000000)
    ids = [str(2000000 + i) for i in range(30)]
    (stack.project / "stacks" / "__main__.py").write_text(
        "from ocamba_provider import CampaignRunState\n"
        f"for campaign_id in {ids!r}:\n"
        "    CampaignRunState(campaign_id, campaign_id=campaign_id, state='active',\n"
        "                     run_immediately=True)\n"
    )

    refused = stack.cli("up", "--yes", "--skip-preview", "--non-interactive", check=False)

    assert refused.returncode != 0
    assert "would resume or pause 30 campaigns" in refused.stdout
    assert applied_actions(hood) == []
