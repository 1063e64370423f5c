"""docs/pulumi-cloud.md, as far as a file backend can take it: the stack config an ESC
environment would project, the token only as a secret, and remediation as `up --refresh`.

The ESC environment is read from the page itself (its `pulumiConfig`), and the same keys are set
on a file-backend stack, the token as a secret, with no OCAMBA_API_TOKEN anywhere: what the
provider then sees is what it would see from ESC. Only `ocamba:apiUrl` points at the emulator
instead. Steps in order on one stack: A and B resumed, both paused by hand, a remediation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pulumi import automation as auto

from ocamba_provider.emulator import Emulator, RateLimit
from tests.support.engine_stacks import StackUnderTest
from tests.support.ledger import applied_actions
from tests.support.paths import REPO

A, B = "1000248", "1000251"  # B may be paused by hand: drift: hold
PAGE = REPO / "docs" / "pulumi-cloud.md"


def projected_config() -> dict[str, Any]:
    """The page's ESC environment, its `pulumiConfig` with `${...}` references resolved."""
    block = re.search(r"<!-- esc-environment.*?-->\n```yaml\n(.*?)```", PAGE.read_text(), re.S)
    assert block, "docs/pulumi-cloud.md lost its ESC environment example"
    values = yaml.safe_load(block.group(1))["values"]

    def resolve(value: Any) -> Any:
        found = re.fullmatch(r"\$\{([\w.]+)\}", str(value))
        if not found:
            return value
        target: Any = values
        for part in found.group(1).split("."):
            target = target[part]
        return target["fn::secret"] if isinstance(target, dict) else target

    return {key: resolve(value) for key, value in values["pulumiConfig"].items()}


ESC = projected_config()
TOKEN = ESC["ocamba:apiToken"]


@pytest.fixture(autouse=True)
def no_token_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OCAMBA_API_TOKEN", raising=False)


@pytest.fixture(scope="module")
def hood() -> Iterator[Emulator]:
    with Emulator(token=TOKEN, rate_limit=RateLimit(burst=100, steady=1500)) as emulator:
        yield emulator


def esc_stack(root: Path, hood: Emulator) -> StackUnderTest:
    """A stack with the ESC environment's config: the token secret, the rest as projected."""
    rest = {k: v for k, v in ESC.items() if k not in ("ocamba:apiToken", "ocamba:apiUrl")}
    return StackUnderTest(root, hood.url, TOKEN, extra_config={**rest, "ocamba:rateLimitScale": 10})


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, hood: Emulator) -> StackUnderTest:
    hood.control.seed(
        [
            {"id": A, "name": "Spring sale", "status": "paused"},
            {"id": B, "name": "Newsletter", "status": "paused"},
        ]
    )
    found = esc_stack(tmp_path_factory.mktemp("esc"), hood)
    entry = {"state": "active", "run_immediately": True}
    found.declare([{"id": A, **entry}, {"id": B, **entry, "drift": "hold"}])
    return found


def test_1_the_projected_config_is_the_pages_and_holds_the_token_as_a_secret() -> None:
    assert set(ESC) == {"ocamba:apiToken", "ocamba:apiUrl", "ocamba:maxTransitionsPerRun"}
    assert TOKEN == "hood-token-value"


def test_2_preview_and_up_read_the_token_from_secret_config_only(
    stack: StackUnderTest, hood: Emulator
) -> None:
    preview = stack.preview_json()
    up = stack.up()

    assert sorted(applied_actions(hood)) == [(A, "resume"), (B, "resume")]
    shown = str(preview) + up.stdout + up.stderr + stack.state_text()
    assert TOKEN not in shown


def test_3_remediation_resumes_a_manual_pause_and_leaves_a_held_one_paused(
    stack: StackUnderTest, hood: Emulator
) -> None:
    hood.control.set_status(A, "paused")
    hood.control.set_status(B, "paused")

    stack.up(refresh=True)  # what Deployments' auto-remediation runs

    assert applied_actions(hood)[2:] == [(A, "resume")]  # B stays paused: held


def test_the_projected_limit_refuses_a_run_past_it_until_that_run_is_allowed(
    tmp_path: Path, hood: Emulator
) -> None:
    limit = int(ESC["ocamba:maxTransitionsPerRun"])
    ids = [str(3000000 + i) for i in range(limit + 1)]
    hood.control.generate(limit + 1, status="paused", first_id=3000000)
    stack = esc_stack(tmp_path, hood)
    stack.declare([{"id": i, "state": "active", "run_immediately": True} for i in ids])
    before = len(hood.control.ledger())

    refused = stack.cli("up", "--yes", check=False)
    allowed = stack.cli("up", "--yes", env={"OCAMBA_ALLOW_TRANSITIONS": str(limit + 1)})

    assert refused.returncode != 0
    assert f"ocamba:maxTransitionsPerRun ({limit})" in refused.stdout + refused.stderr
    assert allowed.returncode == 0
    assert sorted(applied_actions(hood)[before:]) == sorted((i, "resume") for i in ids)


def test_a_file_backend_refuses_an_esc_environment_in_the_stack_file(
    tmp_path: Path, hood: Emulator
) -> None:
    stack = esc_stack(tmp_path, hood)
    document = yaml.safe_load(stack.config_file.read_text())
    stack.config_file.write_text(yaml.safe_dump({"environment": ["ocamba/production"], **document}))

    with pytest.raises(auto.CommandError) as refused:
        stack.preview()

    assert "does not support environments" in str(refused.value)
