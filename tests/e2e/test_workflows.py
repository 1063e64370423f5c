"""The CI recipes, command for command, on the real engine against the emulator.

Each step runs one command of ALLOWED_COMMANDS (tests/support/ci_commands.py), exactly as the
workflows and docs/ci.md write it (plus `--stack` and `--non-interactive`), in the order of a
team's week: a pull request's preview and comment, the merge (the strict variant: a plan saved
and applied in one run; then plain `up`), the daily drift check and its summary, a plan that
reality outran, and the scheduled tick (`due`, then an unattended `up` only when due). Seed: A
paused, C running. The commands that talk to GitHub or build the
release are tested in tests/ci and tests/release (NOT_ON_THE_ENGINE).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from typing import Any

import pytest

from ocamba_provider.emulator import Emulator
from tests.support.ci_commands import ALLOWED_COMMANDS, NOT_ON_THE_ENGINE
from tests.support.engine_stacks import TOKEN, StackUnderTest
from tests.support.ledger import applied_actions
from tests.support.paths import REPO

A, C = "1000248", "1000260"
DECLARED: list[dict[str, Any]] = [
    {"id": A, "state": "active", "run_immediately": True},
    {"id": C, "state": "paused", "pause_reason": "budget review"},
]
exercised: set[str] = set()
PREVIEW_SUMMARY = (
    "python -m ocamba_provider.summary preview.json --problems problems.jsonl --output comment.md"
)


def run(
    stack: StackUnderTest,
    command: str,
    stdout_to: str | None = None,
    job_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """One allowed command, as CI runs it, in the stack's project directory (`job_env`: what
    the workflow's `env:` adds, e.g. the tick's OCAMBA_UNATTENDED)."""
    assert command in ALLOWED_COMMANDS
    exercised.add(command)
    # What the job's `env:` gives its steps: the problems file, in the workspace; the stack
    # name and GitHub's outputs file, which the shell expands.
    variables = {"PULUMI_STACK": stack.stack.name, "GITHUB_OUTPUT": str(stack.project / "outputs")}
    env = {
        **os.environ,
        **stack.env,
        "OCAMBA_PROBLEMS_FILE": str(stack.project / "problems.jsonl"),
        **variables,
        **(job_env or {}),
    }
    argv = [_expanded(token, variables) for token in shlex.split(command)]
    if argv[0] == "python":
        argv[0] = sys.executable
    else:
        argv += ["--stack", stack.stack.name, "--non-interactive"]
    done = subprocess.run(
        argv,
        cwd=stack.project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if stdout_to:
        (stack.project / stdout_to).write_text(done.stdout)
    return done


def _expanded(token: str, variables: dict[str, str]) -> str:
    for name, value in variables.items():
        token = token.replace(f"${name}", value)
    return token


@pytest.fixture(scope="module")
def emulator(module_emulator: Emulator) -> Emulator:
    module_emulator.control.seed(
        [
            {"id": A, "name": "Spring sale", "status": "paused"},
            {"id": C, "name": "Black Friday", "status": "running"},
        ]
    )
    return module_emulator


@pytest.fixture(scope="module")
def stack(module_stack: StackUnderTest, emulator: Emulator) -> StackUnderTest:
    module_stack.declare(DECLARED)
    return module_stack


def test_1_pull_request_preview_and_comment_save_no_plan(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    human = run(stack, "pulumi preview --refresh --diff")
    machine = run(stack, "pulumi preview --refresh --json --show-sames", stdout_to="preview.json")
    summary = run(stack, PREVIEW_SUMMARY)

    assert (human.returncode, machine.returncode, summary.returncode) == (0, 0, 0)
    assert "campaign_id" in human.stdout
    assert not (stack.project / "plan.json").exists()
    comment = (stack.project / "comment.md").read_text()
    assert "**1 to resume, 1 to pause**" in comment
    assert "**pause: budget review**" in comment
    assert emulator.control.ledger() == []


def test_2_strict_merge_saves_and_applies_a_plan_in_one_run(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    saved = run(
        stack,
        "pulumi preview --refresh --json --show-sames --save-plan plan.json",
        stdout_to="preview.json",
    )
    done = run(stack, "pulumi up --yes --refresh --plan plan.json")

    assert saved.returncode == 0, saved.stdout + saved.stderr

    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(applied_actions(emulator)) == [(A, "resume"), (C, "pause")]


DRIFT = "pulumi preview --refresh --expect-no-changes --json --show-sames"
DRIFT_SUMMARY = (
    "python -m ocamba_provider.summary drift.json --problems problems.jsonl --output drift.md"
)


def test_3_drift_check_passes_when_in_sync(stack: StackUnderTest) -> None:
    done = run(stack, DRIFT, stdout_to="drift.json")
    summary = run(stack, DRIFT_SUMMARY)

    assert done.returncode == 0, done.stdout + done.stderr
    assert summary.returncode == 0
    assert "**2 unchanged**" in (stack.project / "drift.md").read_text()


def test_4_drift_check_fails_on_an_out_of_band_pause_and_summarises_it(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    emulator.control.set_status(A, "paused")

    done = run(stack, DRIFT, stdout_to="drift.json")
    run(stack, DRIFT_SUMMARY)

    assert done.returncode != 0
    assert "no changes were expected" in (done.stdout + done.stderr).lower()
    assert "**1 to resume, 1 unchanged**" in (stack.project / "drift.md").read_text()
    assert len(emulator.control.ledger()) == 2


def test_5_merge_without_a_plan_converges_with_one_resume(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    done = run(stack, "pulumi up --yes --refresh")

    assert done.returncode == 0, done.stdout + done.stderr
    assert applied_actions(emulator)[2:] == [(A, "resume")]


def test_6_saved_plan_skips_a_resume_that_reality_already_did(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    emulator.control.set_status(A, "paused")
    run(
        stack,
        "pulumi preview --refresh --json --show-sames --save-plan plan.json",
        stdout_to="preview.json",
    )
    emulator.control.set_status(A, "running")  # someone resumed it by hand meanwhile

    done = run(stack, "pulumi up --yes --refresh --plan plan.json")

    assert done.returncode == 0, done.stdout + done.stderr
    assert len(emulator.control.ledger()) == 3


def test_7_saved_plan_is_refused_when_a_change_appeared_after_the_preview(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    run(
        stack,
        "pulumi preview --refresh --json --show-sames --save-plan plan.json",
        stdout_to="preview.json",
    )
    emulator.control.set_status(A, "paused")  # paused by hand after the review

    done = run(stack, "pulumi up --yes --refresh --plan plan.json")

    assert done.returncode != 0
    assert "update is not allowed by the plan" in done.stdout + done.stderr
    assert len(emulator.control.ledger()) == 3


DUE = (
    'python -m ocamba_provider.discovery due "stacks/Pulumi.$PULUMI_STACK.yaml" '
    '--outputs "$GITHUB_OUTPUT"'
)
TICK = "pulumi up --yes --refresh --continue-on-error"
UNATTENDED = {"OCAMBA_UNATTENDED": "1"}
TOKEN_ONLY = {"OCAMBA_API_TOKEN": TOKEN}
"""The `due` step's env: the token alone (the stack's own is a secret only the engine reads)."""


def flight_until(end: str) -> dict[str, Any]:
    return {"id": A, "state": "active", "active_until": end}


def test_8_a_tick_with_nothing_due_stops_before_the_engine(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    emulator.control.set_status(A, "running")
    stack.declare(
        [{"id": A, "state": "active", "active_until": "2030-01-01 00:00:00"}, DECLARED[1]]
    )
    (stack.project / "outputs").unlink(missing_ok=True)

    done = run(stack, DUE, job_env=TOKEN_ONLY)

    assert done.returncode == 3, done.stdout + done.stderr
    assert "next run needed: 2030-01-01 00:00 GMT: pause campaign 1000248" in done.stdout
    assert (stack.project / "outputs").read_text() == "due=false\nlate=false\n"
    assert len(emulator.control.ledger()) == 3


def test_9_a_tick_after_the_flight_pauses_it_unattended_and_once(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    stack.declare(
        [{"id": A, "state": "active", "active_until": "2026-01-01 00:00:00"}, DECLARED[1]]
    )
    (stack.project / "outputs").unlink(missing_ok=True)

    answer = run(stack, DUE, job_env=TOKEN_ONLY)
    done = run(stack, TICK, job_env=UNATTENDED)
    again = run(stack, DUE, job_env=TOKEN_ONLY)

    assert answer.returncode == 0, answer.stdout + answer.stderr
    assert "pause: flight ended at 2026-01-01 00:00:00 GMT" in answer.stdout
    assert (stack.project / "outputs").read_text().startswith("due=true\nlate=true\n")
    assert done.returncode == 0, done.stdout + done.stderr
    assert applied_actions(emulator)[3:] == [(A, "pause")]
    assert again.returncode == 3  # the next tick finds nothing to do


def test_10_every_allowed_engine_command_ran_here() -> None:
    assert exercised == set(ALLOWED_COMMANDS) - NOT_ON_THE_ENGINE


def test_11_docs_recipe_files_match_what_the_workflows_use() -> None:
    preview = (REPO / ".github/workflows/preview.yml").read_text()

    assert "preview.json" in preview and "comment.md" in preview
    assert "--save-plan" not in preview
