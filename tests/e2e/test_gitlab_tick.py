"""The GitLab recipe's `schedule` job, its script run as GitLab's shell runner runs it (one bash,
`set -eo pipefail`, the lines in order), in a project on the real engine against the emulator.

Nothing due: the job succeeds and starts no engine. A flight that just ended: the job's
unattended `pulumi up` pauses that campaign and nothing else. A flight that ended long ago (a
late tick): the pause is still sent, then the job fails so the schedule's owner hears of it.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import yaml

from ocamba_provider.emulator import Emulator, RateLimit
from tests.support.engine_stacks import TOKEN, StackUnderTest
from tests.support.ledger import applied_actions
from tests.support.paths import REPO
from tests.support.ticks import entry, local

RECIPE = REPO / "examples" / "gitlab" / ".gitlab-ci.yml"
JUST_ENDED, LONG_ENDED, STAYS = "1000411", "1000412", "1000413"
LONG_AGO = "2026-01-01 09:00:00"
FAR = "2031-01-01 09:00:00"


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    with Emulator(token=TOKEN, rate_limit=RateLimit(burst=10, steady=150)) as emulator:
        emulator.control.seed(
            [
                {"id": cid, "name": f"Flight {cid}", "status": "running"}
                for cid in (JUST_ENDED, LONG_ENDED, STAYS)
            ]
        )
        yield emulator


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, emulator: Emulator) -> StackUnderTest:
    return StackUnderTest(
        tmp_path_factory.mktemp("gitlab-tick"),
        emulator.url,
        TOKEN,
        extra_config={"ocamba:settleSeconds": 5},
    )


def schedule_job(stack: StackUnderTest) -> subprocess.CompletedProcess[str]:
    """The recipe's `schedule` job: its variables and script, in the project's directory."""
    recipe: dict[str, Any] = yaml.safe_load(RECIPE.read_text())
    job = recipe["schedule"]
    script = "\n".join(["set -eo pipefail", *job["script"]])
    env = {
        **os.environ,
        **stack.env,
        **recipe["variables"],
        **job["variables"],
        "PULUMI_STACK": stack.stack.name,
        "OCAMBA_API_TOKEN": TOKEN,
        "CI_PROJECT_DIR": str(stack.project),
    }
    env.pop("OCAMBA_PROBLEMS_FILE", None)  # $CI_PROJECT_DIR/... is GitLab's to expand
    for leftover in ("due.env", "due.txt"):  # each GitLab job starts from a clean checkout
        (stack.project / leftover).unlink(missing_ok=True)
    return subprocess.run(
        ["bash", "-c", script],
        cwd=stack.project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_1_nothing_due_succeeds_without_starting_the_engine(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    stack.declare([entry(cid, LONG_AGO, FAR) for cid in (JUST_ENDED, LONG_ENDED, STAYS)])
    stack.up()  # adopted inside their flights: running, in sync

    done = schedule_job(stack)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "nothing due at" in done.stdout, done.stdout
    assert "Updating (" not in done.stdout and "Resources:" not in done.stdout
    assert applied_actions(emulator) == []


def test_2_a_flight_that_just_ended_is_paused_by_the_job(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    ended = local(datetime.now(UTC) - timedelta(minutes=5))
    stack.declare(
        [
            entry(JUST_ENDED, LONG_AGO, ended),
            entry(LONG_ENDED, LONG_AGO, FAR),
            entry(STAYS, LONG_AGO, FAR),
        ]
    )

    done = schedule_job(stack)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "Resources:" in done.stdout  # the engine ran
    assert applied_actions(emulator) == [(JUST_ENDED, "pause")]
    assert (stack.project / "due.env").read_text().splitlines() == ["due=true", "late=false"]


def test_3_a_late_tick_still_pauses_then_fails_the_job(
    stack: StackUnderTest, emulator: Emulator
) -> None:
    before = len(applied_actions(emulator))
    stack.declare(
        [
            entry(JUST_ENDED, LONG_AGO, "2026-12-01 09:00:00"),
            entry(LONG_ENDED, LONG_AGO, "2026-12-01 09:00:00"),
            entry(STAYS, LONG_AGO, FAR),
        ]
    )

    done = schedule_job(stack)

    assert done.returncode == 1, done.stdout + done.stderr
    assert "late tick" in done.stdout
    assert applied_actions(emulator)[before:] == [(LONG_ENDED, "pause")]
    assert emulator.control.campaign(STAYS)["status"] == "running"
