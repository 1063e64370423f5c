"""The first hour of a new user, on the real engine: nothing silent, nothing printed twice.

A misspelt setting is refused naming the nearest one; a stack without its campaigns key warns
when new and refuses when it already manages campaigns; each campaign gets a line in the
domain's words in the preview; a destroy says what it leaves; an id that `config set --path`
stored as a number says how to store it as text.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from pulumi import automation as auto

from ocamba_provider.emulator import Emulator
from tests.support.engine_stacks import TOKEN, StackUnderTest
from tests.support.ledger import applied_actions
from tests.support.yaml_stack import YamlStack

A, B, C = "1000248", "1000251", "1000260"
SEED: list[dict[str, Any]] = [
    {"id": A, "name": "Spring sale", "status": "paused"},
    {"id": B, "name": "Newsletter", "status": "running"},
    {"id": C, "name": "Black Friday", "status": "running"},
    {"id": "1000270", "name": "Winter promo", "status": "paused"},
]
DECLARED: list[dict[str, Any]] = [
    {"id": A, "name": "spring-sale", "state": "active", "run_immediately": True},
    {"id": B, "name": "newsletter", "state": "active", "run_immediately": True},
    {"id": C, "name": "black-friday", "state": "paused", "pause_reason": "budget review"},
]


@pytest.fixture(scope="module")
def emulator(module_emulator: Emulator) -> Emulator:
    module_emulator.control.seed(SEED)
    return module_emulator


@pytest.fixture(scope="module")
def stack(module_stack: StackUnderTest, emulator: Emulator) -> StackUnderTest:
    return module_stack


def _preview(stack: StackUnderTest) -> tuple[int, str]:
    done = stack.cli("preview", "--non-interactive", check=False)
    return done.returncode, done.stdout + done.stderr


def test_1_a_new_stack_without_its_campaigns_key_warns_and_plans_nothing(
    stack: StackUnderTest,
) -> None:
    code, out = _preview(stack)

    assert code == 0, out
    assert "ocamba-campaigns:campaigns is not set: this stack declares no campaigns" in out


def test_2_each_campaign_gets_a_line_in_the_domains_words(stack: StackUnderTest) -> None:
    stack.declare(DECLARED)

    code, out = _preview(stack)

    assert code == 0, out
    assert f"ocamba: campaign {A} (Spring sale): will resume now" in out
    assert f"ocamba: campaign {B} (Newsletter): in sync" in out
    assert f"ocamba: campaign {C} (Black Friday): will pause: budget review" in out


def test_3_a_misspelt_provider_setting_is_refused_naming_the_nearest(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    stack.stack.set_config("ocamba:maxTransitionPerRun", auto.ConfigValue("1"))

    code, out = _preview(stack)
    stack.stack.remove_config("ocamba:maxTransitionPerRun")

    assert code != 0
    assert (
        "ocamba:maxTransitionPerRun is not a setting of the ocamba provider; did you mean "
        "ocamba:maxTransitionsPerRun?"
    ) in out
    assert applied_actions(emulator) == []


def test_4_a_misspelt_program_key_is_refused_naming_the_nearest(stack: StackUnderTest) -> None:
    stack.stack.set_config("ocamba-campaigns:campaign", auto.ConfigValue("[]"))

    code, out = _preview(stack)
    stack.stack.remove_config("ocamba-campaigns:campaign")

    assert code != 0
    assert (
        "ocamba-campaigns:campaign is not read by this program; did you mean "
        "ocamba-campaigns:campaigns?"
    ) in out
    # Printed once in the diagnostics: no "an unhandled error occurred:" copy of it.
    diagnostics = out.partition("Diagnostics:")[2]
    assert diagnostics.count("is not read by this program") == 1, out
    assert "an unhandled error occurred" not in out


def test_4b_a_failed_check_is_not_followed_by_the_programs_shutdown_noise(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    emulator.control.set_status(C, "draft")

    code, out = _preview(stack)
    emulator.control.set_status(C, "running")

    assert code != 0
    assert "a draft cannot be paused (observed status: draft)" in out
    assert "Resource monitor has terminated" not in out


def test_5_an_id_stored_as_a_number_says_how_to_store_it_as_text(stack: StackUnderTest) -> None:
    # A new entry added the way a user would: `config set --path` stores the digits as a number.
    stack.cli("config", "set", "--path", "ocamba-campaigns:campaigns[3].id", "1000270")
    stack.cli("config", "set", "--path", "ocamba-campaigns:campaigns[3].state", "paused")

    code, out = _preview(stack)
    # The fix the message suggests, run as written, makes the preview pass.
    stack.cli(
        "config", "set", "--path", "ocamba-campaigns:campaigns[3].id", "--type", "string", "1000270"
    )
    fixed, after = _preview(stack)
    stack.declare(DECLARED)

    assert fixed == 0, after
    assert code != 0
    assert (
        "campaigns[3].id: id must be the campaign's id as a quoted string of digits, "
        'e.g. "1000248" (got 1000270)'
    ) in out
    assert (
        "run `pulumi config set --path 'ocamba-campaigns:campaigns[3].id' --type string 1000270`"
    ) in out


def test_6_a_stack_that_manages_campaigns_refuses_to_lose_its_campaigns_key(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    stack.up()
    document = yaml.safe_load(stack.config_file.read_text())
    del document["config"]["ocamba-campaigns:campaigns"]
    stack.config_file.write_text(yaml.safe_dump(document, sort_keys=False))

    code, out = _preview(stack)
    stack.declare(DECLARED)

    assert code != 0
    assert "ocamba-campaigns:campaigns is not set, but this stack manages 3 campaign(s)" in out
    assert "set it to [] to forget them on purpose" in out


def test_7_a_destroy_says_what_it_leaves_each_campaign(stack: StackUnderTest) -> None:
    done = stack.destroy()

    out = done.stdout + done.stderr
    assert f"ocamba: campaign {A} (Spring sale): forgotten: keeps running" in out
    assert f"ocamba: campaign {C} (Black Friday): forgotten: keeps paused" in out


# --- the native provider's list in Pulumi.yaml -------------------------------------------------


@pytest.fixture(scope="module")
def yaml_stack(tmp_path_factory: pytest.TempPathFactory, emulator: Emulator) -> YamlStack:
    program = YamlStack(tmp_path_factory.mktemp("yaml"), emulator.url, TOKEN)
    program.declare(
        {"spring-sale": {"campaignId": A, "state": "active", "runImmediately": True}},
        listed=True,  # the example's way: ocamba:declaredCampaigns in Pulumi.yaml
    )
    return program


def test_8_a_campaign_missing_from_the_list_in_pulumi_yaml_gets_a_fix_that_works(
    yaml_stack: YamlStack,
) -> None:
    resources = {
        "spring-sale": {"campaignId": A, "state": "active", "runImmediately": True},
        "winter": {"campaignId": "1000270", "state": "active", "runImmediately": True},
    }
    program = yaml.safe_load((yaml_stack.project / "Pulumi.yaml").read_text())
    program["resources"] = {
        name: {"type": "ocamba:CampaignRunState", "properties": props}
        for name, props in resources.items()
    }
    (yaml_stack.project / "Pulumi.yaml").write_text(yaml.safe_dump(program, sort_keys=False))

    refused = yaml_stack.cli("preview", "--non-interactive", check=False)
    # The fix the message gives, made as written: the line under `value:` in Pulumi.yaml.
    program["config"]["ocamba:declaredCampaigns"]["value"]["1000270"] = "active"
    (yaml_stack.project / "Pulumi.yaml").write_text(yaml.safe_dump(program, sort_keys=False))
    fixed = yaml_stack.cli("preview", "--non-interactive", check=False)

    assert refused.returncode != 0
    assert (
        "edit Pulumi.yaml: under `config:` -> `ocamba:declaredCampaigns:` -> `value:`, write "
        'the line `"1000270": active`'
    ) in refused.stdout + refused.stderr
    assert "pulumi config set --path" not in refused.stdout
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
