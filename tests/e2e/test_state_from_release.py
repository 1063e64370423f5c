"""A stack written by release 0.1.0 keeps working: preview, refresh, up and destroy on its state.

The state (tests/fixtures/release-0.1.0) pickles the provider by reference to
`ocamba_provider.resources.provider.CampaignRunStateProvider` and carries 0.1.0's inputs and
outputs. The workspace is what that release's up left; nothing has moved since, so nothing may
be sent until the destroy restores the one campaign declared `on_delete: restore`.
"""

from __future__ import annotations

import json
import shutil
from typing import Any

import pytest
from pulumi import automation as auto

from ocamba_provider.emulator import Emulator, RateLimit
from tests.support.engine_stacks import StackUnderTest
from tests.support.ledger import applied_actions
from tests.support.paths import FIXTURES

FIXTURE = FIXTURES / "release-0.1.0"
TOKEN = "tok-RELEASE-STATE-do-not-leak"
LEFT_BY_THE_UP: list[dict[str, Any]] = [
    {"id": "1000248", "name": "Spring sale", "status": "running"},
    {
        "id": "1000251",
        "name": "Newsletter",
        "status": "scheduled",
        "scheduled_time": "2030-12-01 09:00:00",
    },
    {"id": "1000260", "name": "Black Friday", "status": "paused"},
    {"id": "1000263", "name": "Cart reminder", "status": "running"},
    {"id": "1000271", "name": "Summer clearance", "status": "sent"},
]
CAMPAIGNS = sorted(seed["id"] for seed in LEFT_BY_THE_UP)


@pytest.fixture(scope="module")
def hood() -> Any:
    with Emulator(token=TOKEN, rate_limit=RateLimit(burst=10, steady=150)) as emulator:
        emulator.control.seed(LEFT_BY_THE_UP)
        yield emulator


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, hood: Emulator) -> StackUnderTest:
    """The release's stack: its config file (salt, encrypted token, campaigns) and its state."""
    under_test = StackUnderTest(tmp_path_factory.mktemp("release"), hood.url, TOKEN, "release")
    # The release's own file: its salt decrypts the state's secrets and its token.
    shutil.copy(FIXTURE / "Pulumi.release.yaml", under_test.config_file)
    under_test.stack.set_config("ocamba:apiUrl", auto.ConfigValue(hood.url))
    # The default provider keeps the URL it was configured with (refresh runs no program): the
    # release's stack talked to the API this test's emulator plays, so its state names it.
    state = json.loads((FIXTURE / "state.json").read_text())
    for resource in state["deployment"]["resources"]:
        for props in (resource.get("inputs"), resource.get("outputs")):
            if props and "ocamba:apiUrl" in props:
                props["ocamba:apiUrl"] = hood.url
    imported = under_test.root / "state.json"
    imported.write_text(json.dumps(state))
    under_test.cli("stack", "import", "--file", str(imported))
    return under_test


def _campaign_ops(result: Any) -> dict[str, int]:
    return {op: n for op, n in (result.change_summary or {}).items() if op != "same"}


def test_1_preview_of_the_old_state_plans_no_write(stack: StackUnderTest, hood: Emulator) -> None:
    preview = stack.preview(diff=True)

    # The stack and the five campaigns, each as 0.1.0 left it (default providers are not counted).
    assert preview.change_summary == {"same": 6}, preview.stdout
    assert applied_actions(hood) == []


def test_2_refresh_reads_every_campaign_and_finds_no_drift(
    stack: StackUnderTest, hood: Emulator
) -> None:
    stack.refresh()
    outputs = stack.resources()

    assert sorted(outputs) == CAMPAIGNS
    assert {cid: outs["status"] for cid, outs in outputs.items()} == {
        seed["id"]: seed["status"] for seed in LEFT_BY_THE_UP
    }
    # 0.1.0 recorded the adoption for `on_delete: restore`; the new code keeps it.
    assert outputs["1000260"]["adopted_status"] == "running"
    assert applied_actions(hood) == []


def test_3_up_sends_nothing_and_a_second_preview_is_clean(
    stack: StackUnderTest, hood: Emulator
) -> None:
    stack.up()
    again = stack.preview()

    assert applied_actions(hood) == []
    assert _campaign_ops(again) == {}


def test_4_destroy_restores_the_adopted_status_once_and_forgets_the_rest(
    stack: StackUnderTest, hood: Emulator
) -> None:
    stack.destroy()

    # Black Friday was running when 0.1.0 adopted it: restore resumes it, once; Summer
    # clearance (on_delete: pause) is sent, so there is nothing to pause.
    assert applied_actions(hood) == [("1000260", "resume")]
    assert stack.resources() == {}
