"""The pull-request summary on previews of the native type (`ocamba:index:CampaignRunState`).

The same rows as for the dynamic type, from camelCase steps: the summary must not say "no
campaigns declared" for a YAML program. Seed: A paused, B paused, C running, D draft.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from ocamba_provider.emulator import Emulator
from ocamba_provider.summary import FailedResource, read_problems, summarize
from tests.support.comment_rows import rows_of
from tests.support.engine_stacks import TOKEN
from tests.support.workspaces import A, B, C, D, seeded
from tests.support.yaml_stack import YamlStack

DECLARED: dict[str, dict[str, Any]] = {
    "spring-sale": {"campaignId": A, "state": "active", "runImmediately": True},
    "newsletter": {"campaignId": B, "state": "active", "scheduledTime": "2027-06-01 08:00:00"},
    "black-friday": {"campaignId": C, "state": "paused", "pauseReason": "budget review"},
}


@pytest.fixture(scope="module")
def emulator(module_emulator: Emulator) -> Emulator:
    return seeded(module_emulator)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, emulator: Emulator) -> YamlStack:
    yaml_stack = YamlStack(tmp_path_factory.mktemp("summary"), emulator.url, TOKEN)
    yaml_stack.declare(DECLARED)
    return yaml_stack


def _preview_json(stack: YamlStack) -> tuple[int, dict[str, Any], dict[str, FailedResource]]:
    """The preview's JSON and the failed checks it recorded (OCAMBA_PROBLEMS_FILE), as CI."""
    problems = stack.project / "problems.jsonl"
    problems.unlink(missing_ok=True)
    done = stack.cli(
        "preview",
        "--json",
        "--show-sames",
        "--non-interactive",
        check=False,
        env={"OCAMBA_PROBLEMS_FILE": str(problems)},
    )
    document: dict[str, Any] = json.loads(done.stdout)
    failed = read_problems(problems.read_text().splitlines()) if problems.exists() else {}
    return done.returncode, document, failed


def test_1_native_steps_become_rows_with_the_reason(stack: YamlStack) -> None:
    code, document, failed = _preview_json(stack)
    text = summarize(document, failed=failed)

    assert code == 0
    assert "**2 to resume, 1 to pause**" in text
    assert rows_of(text) == {
        A: [A, "Spring sale", "paused", "active", "**resume now**"],
        B: [B, "Newsletter", "paused", "active", "**resume at 2027-06-01 08:00 GMT**"],
        C: [C, "Black Friday", "running", "paused", "**pause: budget review**"],
    }


def test_2_a_draft_in_a_yaml_program_is_an_error_row_naming_it(stack: YamlStack) -> None:
    stack.declare(
        {**DECLARED, "winter": {"campaignId": D, "state": "active", "runImmediately": True}}
    )

    code, document, failed = _preview_json(stack)
    text = summarize(document, failed=failed)

    assert code != 0
    assert "> The preview failed" in text
    assert rows_of(text)[D][:3] == [D, "Winter draft", "draft"]
    assert rows_of(text)[D][4].startswith(
        f"**error**: campaign {D} (Winter draft): a draft cannot be resumed"
    )
    assert TOKEN not in json.dumps(document)
