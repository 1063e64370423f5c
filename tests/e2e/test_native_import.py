"""`pulumi import` through the native provider: adopt without a write, generate the declaration.

Seed: A running, B scheduled, D draft, E paused. The dynamic provider cannot be imported at all
(pulumi/pulumi#16175); the native type is the path for campaigns a team already runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ocamba_provider.emulator import Emulator
from tests.support.engine_stacks import TOKEN
from tests.support.yaml_stack import NATIVE_TYPE, YamlStack

A, B, D, E, F = "1000248", "1000251", "1000270", "1000280", "1000290"
SCHEDULED_GMT = "2027-06-01 08:00:00"


@pytest.fixture(scope="module")
def emulator(module_emulator: Emulator) -> Emulator:
    module_emulator.control.seed(
        [
            {"id": A, "name": "Spring sale", "status": "running"},
            {"id": B, "name": "Newsletter", "status": "scheduled", "scheduled_time": SCHEDULED_GMT},
            {"id": D, "name": "Winter draft", "status": "draft"},
            {"id": E, "name": "Autumn promo", "status": "paused"},
            {
                "id": F,
                "name": "Weekly digest",
                "status": "scheduled",
                "scheduled_time": "2028-01-03 07:00:00",
            },
        ]
    )
    return module_emulator


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, emulator: Emulator) -> YamlStack:
    return YamlStack(tmp_path_factory.mktemp("import"), emulator.url, TOKEN)


def _import(stack: YamlStack, name: str, campaign_id: str, out: Path) -> str:
    done = stack.cli("import", NATIVE_TYPE, name, campaign_id, "--yes", "--out", str(out))
    return done.stdout


def test_1_import_adopts_a_running_campaign_without_a_write(
    stack: YamlStack, emulator: Emulator, tmp_path: Path
) -> None:
    out = tmp_path / "spring-sale.yaml"

    stdout = _import(stack, "spring-sale", A, out)

    assert "1 imported" in stdout
    assert emulator.control.ledger() == []
    generated = yaml.safe_load(out.read_text())["resources"]["spring-sale"]
    assert generated["type"] == "ocamba:CampaignRunState"
    assert generated["properties"] == {"campaignId": A, "state": "active", "runImmediately": True}
    assert stack.resources()[A]["status"] == "running"


def test_2_a_scheduled_campaign_keeps_its_time_and_the_program_is_then_in_sync(
    stack: YamlStack, emulator: Emulator, tmp_path: Path
) -> None:
    out = tmp_path / "newsletter.yaml"

    _import(stack, "newsletter", B, out)

    generated = yaml.safe_load(out.read_text())["resources"]
    properties = generated["newsletter"]["properties"]
    # pulumi-yaml writes the time unquoted, which PyYAML reads as a datetime (Pulumi YAML
    # itself reads a string); the text is what matters.
    assert {**properties, "scheduledTime": str(properties["scheduledTime"])} == {
        "campaignId": B,
        "state": "active",
        "scheduledTime": SCHEDULED_GMT,
    }
    spring = {
        "type": "ocamba:CampaignRunState",
        "properties": {"campaignId": A, "state": "active", "runImmediately": True},
        "options": {"protect": True},
    }
    stack.write_resources({"spring-sale": spring, **generated})
    stack.cli("preview", "--expect-no-changes")
    assert emulator.control.ledger() == []


def test_2b_a_time_hood_reports_as_the_next_run_is_the_time_imported(
    stack: YamlStack, emulator: Emulator, tmp_path: Path
) -> None:
    # Hood may answer a scheduled campaign's time in next_run_time only (hood-api.md, INFER).
    emulator.control.variant("time-in-next-run")
    out = tmp_path / "digest.yaml"

    _import(stack, "digest", F, out)
    emulator.control.settings(schedule_field="scheduled_time")

    properties = yaml.safe_load(out.read_text())["resources"]["digest"]["properties"]
    assert str(properties.get("scheduledTime")) == "2028-01-03 07:00:00"
    assert "runImmediately" not in properties
    assert emulator.control.ledger() == []


def test_3_a_draft_cannot_be_imported_and_the_error_says_why(
    stack: YamlStack, emulator: Emulator
) -> None:
    done = stack.cli("import", NATIVE_TYPE, "winter", D, "--yes", check=False)

    assert done.returncode != 0
    assert (
        "campaign 1000270 (Winter draft): a draft cannot be resumed (observed status: draft)"
        in done.stdout
    )
    assert "Traceback" not in done.stdout + done.stderr
    assert D not in stack.resources()
    assert TOKEN not in done.stdout + done.stderr + stack.state_text()


def test_4_an_import_is_not_held_to_the_stacks_declared_list(
    emulator: Emulator, tmp_path: Path
) -> None:
    # A new stack (its provider is configured from config, not from state) lists what the
    # program declares; the campaign being imported is not declared yet. Stack config:
    # `pulumi import` runs no program.
    stack = YamlStack(tmp_path / "listed", emulator.url, TOKEN)
    for campaign_id in (A, B):
        key = f'ocamba:declaredCampaigns["{campaign_id}"]'
        stack.cli("config", "set", "--path", key, "active")
    out = tmp_path / "autumn.yaml"

    stdout = _import(stack, "autumn-promo", E, out)

    assert "1 imported" in stdout
    assert "bug in the `ocamba` provider" not in stdout
    assert yaml.safe_load(out.read_text())["resources"]["autumn-promo"]["properties"] == {
        "campaignId": E,
        "state": "paused",
    }
    assert emulator.control.ledger() == []
