"""A group on the real engine (the config-driven Python program): one `select` entry of the
stack config, its members read in bulk at preview, each resumed exactly once by the up.

Seed: four campaigns labelled `bf` (G1, G2 paused, G3 running, G4 running and also declared by
id as paused: a pause wins), two that are not (O1 labelled `newsletter`, O2 without labels,
both paused). Steps in order, the ledger checked after each: preview lists the members and sends
nothing; up resumes G1 and G2 once and pauses G4 once (by its own entry); a second preview has
no changes; a label added out of band shows as a join, which the next up resumes once; refresh
is clean after that up, and dirty (as a drift check) while a member is paused out of band.
"""

from __future__ import annotations

import copy
import math
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from pulumi import automation as auto

from ocamba_provider.emulator import Emulator, RateLimit
from ocamba_provider.emulator.behaviour.variants import variant_settings
from ocamba_provider.summary import summarize
from tests.support.engine_stacks import TOKEN, StackUnderTest, inline_stack
from tests.support.ledger import applied, applied_actions, ledger_problems
from tests.support.yaml_stack import YamlStack

G1, G2, G3, G4, O1, O2 = "3000001", "3000002", "3000003", "3000004", "3000005", "3000006"
SEED = [
    {"id": G1, "name": "BF push", "status": "paused", "labels": ["bf", "push"]},
    {"id": G2, "name": "BF mail", "status": "paused", "labels": "bf, mail"},  # the string form
    {"id": G3, "name": "BF banner", "status": "running", "labels": ["bf"]},
    {"id": G4, "name": "BF checkout", "status": "running", "labels": ["bf"]},
    {"id": O1, "name": "Newsletter", "status": "paused", "labels": ["newsletter"]},
    {"id": O2, "name": "Welcome", "status": "paused"},
]
DECLARED: list[dict[str, Any]] = [
    {
        "name": "bf",
        "select": {"labels": ["bf"]},
        "state": "active",
        "run_immediately": True,
    },
    {"id": G4, "state": "paused", "pause_reason": "checkout is down"},
]


def _preview(stack: StackUnderTest) -> str:
    """`pulumi preview` as a user runs it: the provider's lines reach the CLI's output."""
    done = stack.cli("preview", "--non-interactive", "--diff", check=False)
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    return out


def _requests(emulator: Emulator) -> Counter[str]:
    return Counter(emulator.control.stats()["requests"])


def _group_outputs(stack: StackUnderTest, name: str) -> dict[str, Any]:
    for resource in stack.stack.export_stack().deployment.get("resources", []):
        if resource["type"].endswith("ocamba:CampaignGroup") and resource["urn"].endswith(name):
            outputs: dict[str, Any] = resource.get("outputs", {})
            return outputs
    raise AssertionError(f"no group {name} in state")


@pytest.fixture(scope="module")
def emulator(module_emulator: Emulator) -> Emulator:
    module_emulator.control.seed(SEED)
    return module_emulator


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, emulator: Emulator) -> StackUnderTest:
    stack = StackUnderTest(
        tmp_path_factory.mktemp("groups"),
        emulator.url,
        TOKEN,
        extra_config={"ocamba:settleSeconds": 1},
    )
    stack.declare(DECLARED)
    return stack


def test_1_preview_lists_who_joins_and_what_each_member_will_do_and_sends_nothing(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    emulator.control.reset_stats()

    out = _preview(stack)

    assert "3 to create" in out  # the group, the entry, the stack
    assert "ocamba: group bf: 4 members: 4 join, 2 resume" in out
    assert f"ocamba: group bf: campaign {G1} (BF push): joins: will resume now" in out
    assert f"ocamba: group bf: campaign {G2} (BF mail): joins: will resume now" in out
    assert f"ocamba: group bf: campaign {G3} (BF banner): joins: in sync" in out
    assert f"campaign {G4} (BF checkout): joins: held: the entry for campaign {G4} pauses it" in (
        out
    )
    assert O1 not in out and O2 not in out
    assert emulator.control.ledger() == []
    # One listing of the workspace (6 campaigns: one page) finds the members and observes the
    # entry's campaign too; no GET per member.
    seen = _requests(emulator)
    assert sum(n for route, n in seen.items() if route.startswith("GET")) <= math.ceil(6 / 100) + 2
    assert not any(route.startswith("POST") for route in seen)


def test_2_up_resumes_each_member_once_and_the_entry_pauses_its_campaign_once(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    emulator.control.reset_stats()

    up = stack.up()

    assert sorted(applied_actions(emulator)) == [(G1, "resume"), (G2, "resume"), (G4, "pause")]
    assert f"ocamba: resumed campaign {G1} (BF push): running immediately" in up.stdout
    ledger = {(e["campaign_id"], e["action"]): e["body"] for e in emulator.control.ledger()}
    assert ledger[(G4, "pause")]["reason"].startswith("checkout is down")
    members = _group_outputs(stack, "bf")["members"]
    assert sorted(members) == [G1, G2, G3, G4]
    assert {cid: members[cid]["status"] for cid in (G1, G2, G3)} == dict.fromkeys(
        (G1, G2, G3), "running"
    )
    assert members[G1]["last_action"] == "resumed"
    assert members[G3]["last_action"] == "none"
    # `pulumi stack output campaigns`: each member by id with its group; the entry's own row.
    listed = stack.stack.outputs()["campaigns"].value
    assert listed[G1] | {"last_action_at": ""} == {
        "status": "running",
        "last_action": "resumed",
        "last_action_at": "",
        "next_transition": None,
        "group": "bf",
    }
    assert listed[G4]["last_action"] == "paused" and "group" not in listed[G4]
    seen = _requests(emulator)
    assert seen["POST /v1/hood/campaigns/{id}/resume"] == 2
    assert seen["POST /v1/hood/campaigns/{id}/pause"] == 1


def test_3_preview_after_up_has_no_changes_and_sends_nothing(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    before = emulator.control.ledger()

    stack.preview(expect_no_changes=True)

    assert emulator.control.ledger() == before


def test_4_a_label_added_out_of_band_is_a_join_that_the_next_up_resumes_once(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    emulator.control.set_labels(O1, ["newsletter", "bf"])

    out = _preview(stack)

    assert "1 to update" in out
    assert f"ocamba: group bf: campaign {O1} (Newsletter): joins: will resume now" in out
    assert len(emulator.control.ledger()) == 3
    # The PR comment: the group as one row with its counts, its members folded below.
    comment = summarize(stack.preview_json())
    assert "| group bf | 5 members |  | active | **1 join, 1 resume** |" in comment
    assert "<summary>group bf: 5 members (1 join, 1 resume)</summary>" in comment
    assert f"| {O1} | Newsletter | paused | joins: will resume now |" in comment
    assert f"| {G3} | BF banner | running | in sync |" in comment

    # `--target` of the group alone: the run's plan still knows the entry by id beside it.
    group_urn = "urn:pulumi:e2e::ocamba-campaigns::pulumi-python:dynamic/ocamba:CampaignGroup::bf"
    stack.up(target=[group_urn])

    assert applied_actions(emulator)[3:] == [(O1, "resume")]
    assert sorted(_group_outputs(stack, "bf")["members"]) == [G1, G2, G3, G4, O1]


def test_5_refresh_is_clean_after_the_up(stack: StackUnderTest, emulator: Emulator) -> None:
    stack.refresh(expect_no_changes=True)

    stack.preview(expect_no_changes=True)
    assert len(emulator.control.ledger()) == 4


def test_5b_refresh_as_a_drift_check_is_dirty_after_a_member_moved_and_sends_nothing(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    emulator.control.set_status(G2, "paused")  # someone paused a member in Hood's UI
    try:
        drift = stack.cli(
            "refresh", "--preview-only", "--expect-no-changes", "--non-interactive", check=False
        )
    finally:
        emulator.control.set_status(G2, "running")

    assert drift.returncode != 0, drift.stdout
    assert "no changes were expected for refresh but changes were proposed" in drift.stderr
    assert re.search(r"CampaignGroup +bf +update", drift.stdout), drift.stdout
    assert len(emulator.control.ledger()) == 4
    stack.refresh(expect_no_changes=True)  # moved back: clean again, and the check saved nothing


def test_6_a_member_whose_label_was_removed_leaves_per_on_delete_and_nothing_is_sent(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    emulator.control.set_labels(G3, ["banner"])

    out = _preview(stack)

    assert "1 to update" in out
    assert f"ocamba: group bf: campaign {G3} (BF banner): leaves: forgotten: keeps running" in out
    stack.up()
    assert sorted(_group_outputs(stack, "bf")["members"]) == [G1, G2, G4, O1]
    assert len(emulator.control.ledger()) == 4


def test_7_two_groups_that_resume_one_campaign_differently_fail_at_preview_naming_both(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    later = {
        "name": "bf-later",
        "select": {"labels": ["bf"], "name_contains": "push"},
        "state": "active",
        "scheduled_time": "2031-01-01 09:00:00",
    }
    stack.declare([*DECLARED, later])

    done = stack.cli("preview", "--non-interactive", check=False)

    out = done.stdout + done.stderr
    assert done.returncode != 0
    assert f"campaign {G1} (BF push) is selected by groups bf and bf-later" in out
    assert "Traceback" not in out
    assert len(emulator.control.ledger()) == 4
    stack.declare(DECLARED)


# --- Python stack code (an Automation API inline program) ---------------------------------


def _group_in_code() -> None:
    from ocamba_provider import CampaignGroup, CampaignRunState, Selector

    CampaignGroup("bf-code", select=Selector(labels=["bf"]), state="active", run_immediately=True)
    CampaignRunState("checkout", campaign_id=G4, state="paused", pause_reason="checkout is down")


def test_a_group_in_python_stack_code_previews_then_resumes_each_member_once(
    tmp_path: Path,
) -> None:
    with Emulator(token=TOKEN, rate_limit=RateLimit(burst=100, steady=1500)) as hood:
        hood.control.seed(SEED)
        stack = inline_stack(tmp_path, "code", _group_in_code, hood.url, token=TOKEN)
        stack.set_config("ocamba:rateLimitScale", auto.ConfigValue("10"))

        stack.preview(color="never")
        assert hood.control.ledger() == []
        hood.control.reset_stats()
        stack.up(color="never")
        up_requests = _requests(hood)
        stack.preview(color="never", expect_no_changes=True)

        assert sorted(applied_actions(hood)) == [(G1, "resume"), (G2, "resume"), (G4, "pause")]
        assert up_requests["POST /v1/hood/campaigns/{id}/resume"] == 2
        resources = stack.export_stack().deployment["resources"]
        (group,) = [r for r in resources if r["type"].endswith("ocamba:CampaignGroup")]
        assert group["type"] == "pulumi-python:dynamic/ocamba:CampaignGroup"
        assert sorted(group["outputs"]["members"]) == [G1, G2, G3, G4]


# --- Pulumi YAML (the native provider) -------------------------------------------------------


def test_a_group_in_pulumi_yaml_previews_then_resumes_each_member_once(tmp_path: Path) -> None:
    group = {"select": {"labels": ["bf"]}, "state": "active", "runImmediately": True}
    with Emulator(token=TOKEN, rate_limit=RateLimit(burst=100, steady=1500)) as hood:
        hood.control.seed(SEED)
        stack = YamlStack(tmp_path, hood.url, TOKEN, extra_config={"ocamba:rateLimitScale": 10})
        stack.write_resources(
            {
                "bf": {"type": "ocamba:CampaignGroup", "properties": group},
                "checkout": {
                    "type": "ocamba:CampaignRunState",
                    "properties": {
                        "campaignId": G4,
                        "state": "paused",
                        "pauseReason": "checkout is down",
                    },
                },
            },
            listed={"bf": copy.deepcopy(group), G4: "paused"},  # a copy: YAML has no aliases
        )

        done = stack.cli("preview", "--non-interactive", "--diff", check=False)
        out = done.stdout + done.stderr
        assert done.returncode == 0, out
        assert f"ocamba: group bf: campaign {G1} (BF push): joins: will resume now" in out
        assert hood.control.ledger() == []
        stack.up()
        stack.preview(expect_no_changes=True)

        assert sorted(applied_actions(hood)) == [(G1, "resume"), (G2, "resume"), (G4, "pause")]
        resources = stack.stack.export_stack().deployment["resources"]
        (native,) = [r for r in resources if r["type"] == "ocamba:index:CampaignGroup"]
        assert sorted(native["outputs"]["members"]) == [G1, G2, G3, G4]
        assert native["outputs"]["select"] == {"labels": ["bf"]}


def test_a_group_missing_from_declared_campaigns_fails_at_preview_saying_what_to_add(
    tmp_path: Path,
) -> None:
    group = {"select": {"labels": ["bf"]}, "state": "paused", "pauseReason": "stop"}
    with Emulator(token=TOKEN, rate_limit=RateLimit(burst=100, steady=1500)) as hood:
        hood.control.seed(SEED)
        stack = YamlStack(tmp_path, hood.url, TOKEN)
        stack.write_resources({"bf": {"type": "ocamba:CampaignGroup", "properties": group}})

        done = stack.cli("preview", "--non-interactive", check=False)

        out = done.stdout + done.stderr
        assert done.returncode != 0
        assert "group bf: declared but not listed in ocamba:declaredCampaigns" in out
        assert "Traceback" not in out
        assert hood.control.ledger() == []


# --- break glass: a paused group entry, past the guard with the one-run override -------------

STOP_IDS = [str(4000000 + i) for i in range(40)]


def test_an_emergency_stop_group_pauses_40_running_campaigns_once_each_under_a_hostile_api(
    tmp_path: Path,
) -> None:
    with Emulator(token=TOKEN, rate_limit=RateLimit(burst=100, steady=1500)) as hood:
        hood.control.seed(
            [
                {"id": cid, "name": f"Checkout {i}", "status": "running", "labels": ["checkout"]}
                for i, cid in enumerate(STOP_IDS)
            ]
        )
        hood.control.settings(**variant_settings(["hostile"]))
        stack = StackUnderTest(
            tmp_path,
            hood.url,
            TOKEN,
            extra_config={"ocamba:rateLimitScale": 10, "ocamba:settleSeconds": 4},
        )
        # An active group and an entry by id declare some of the same campaigns: a pause wins.
        stack.declare(
            [
                {
                    "name": "checkout-stop",
                    "select": {"labels": ["checkout"]},
                    "state": "paused",
                    "pause_reason": "checkout is down",
                },
                {
                    "name": "checkout-push",
                    "select": {"labels": ["checkout"], "name_contains": "Checkout 1"},
                    "state": "active",
                    "run_immediately": True,
                },
                {"id": STOP_IDS[0], "state": "active", "run_immediately": True},
            ]
        )

        refused = stack.cli("preview", "--non-interactive", check=False)
        assert refused.returncode != 0
        assert "OCAMBA_ALLOW_TRANSITIONS=40" in refused.stdout + refused.stderr
        hood.control.set_faults(
            [{"route": "pause", "fault": "drop_after_apply", "rate": 0.3, "count": 8}], seed=5
        )
        up = stack.cli("up", "--yes", "--non-interactive", env={"OCAMBA_ALLOW_TRANSITIONS": "40"})

        assert "Traceback" not in up.stdout + up.stderr
        assert ledger_problems(hood.control, resumed=(), paused=STOP_IDS) == []
        assert applied(hood.control, "resume") == Counter()
        assert hood.control.fault_counts()[0] > 0  # answers were really dropped
