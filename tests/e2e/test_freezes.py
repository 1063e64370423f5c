"""Freezes on the real engine, through both adapters (issue 25).

During a freeze a resume is refused at preview, naming the freeze and the override; a pause
goes through; a one-off start inside the freeze is an error naming both. OCAMBA_ALLOW_FREEZE
lets one command through, the PR comment says so, and nothing saves it: the next preview
without it holds again. The freeze spans the test's own hours, so nothing waits.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ocamba_provider.domain.times import format_api_time
from ocamba_provider.emulator import Emulator
from ocamba_provider.summary import summarize
from tests.support.adapters import Adapter, adapter_for
from tests.support.engine_stacks import TOKEN
from tests.support.ledger import applied_actions

R, P, S = "1000601", "1000602", "1000603"
FREEZE = "incident-freeze"
OPENED = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
FREEZES = [
    {
        "name": FREEZE,
        "from": format_api_time(OPENED),
        "until": format_api_time(OPENED + timedelta(hours=25)),
    }
]
INSIDE = format_api_time(OPENED + timedelta(hours=13))
"""Times from the module's import, wide enough for a parallel run that starts it much later."""
SEED: list[dict[str, Any]] = [
    {"id": R, "name": "Resume me", "status": "paused"},
    {"id": P, "name": "Pause me", "status": "running"},
    {"id": S, "name": "Start me", "status": "paused"},
]
RESUME = {"id": R, "name": "resume-me", "state": "active", "run_immediately": True}
PAUSE = {"id": P, "name": "pause-me", "state": "paused", "pause_reason": "incident"}
ALLOW = {"OCAMBA_ALLOW_FREEZE": FREEZE}


@pytest.fixture(scope="module")
def emulator(adapter_emulator: Emulator) -> Emulator:
    adapter_emulator.control.seed(SEED)
    return adapter_emulator


@pytest.fixture(scope="module")
def stack(
    tmp_path_factory: pytest.TempPathFactory, adapter_kind: str, emulator: Emulator
) -> Adapter:
    return adapter_for(
        adapter_kind,
        tmp_path_factory.mktemp(f"freezes-{adapter_kind}"),
        emulator.url,
        TOKEN,
        extra_config={"ocamba:freezes": json.dumps(FREEZES), "ocamba:settleSeconds": 5},
    )


def test_1_a_resume_in_a_freeze_is_refused_at_preview_naming_it_and_the_override(
    stack: Adapter, emulator: Emulator
) -> None:
    stack.declare([RESUME])

    done = stack.cli("preview", "--non-interactive", check=False)

    said = done.stdout + done.stderr
    assert done.returncode != 0, said
    assert f"campaign {R}" in said
    assert f"freeze {FREEZE}" in said
    assert f'OCAMBA_ALLOW_FREEZE="{FREEZE}"' in said
    assert "Traceback" not in said
    assert applied_actions(emulator) == []


def test_2_a_pause_in_the_freeze_goes_through(stack: Adapter, emulator: Emulator) -> None:
    stack.declare([PAUSE])

    stack.up()

    assert applied_actions(emulator) == [(P, "pause")]
    assert emulator.control.campaign(P)["status"] == "paused"


def test_3_the_override_lets_one_command_through_and_the_comment_says_so(
    stack: Adapter, emulator: Emulator
) -> None:
    stack.declare([PAUSE, RESUME])

    preview = stack.cli("preview", "--json", "--non-interactive", check=False, env=ALLOW)
    up = stack.cli("up", "--yes", "--non-interactive", check=False, env=ALLOW)

    assert preview.returncode == 0, preview.stdout + preview.stderr
    comment = summarize(json.loads(preview.stdout))
    assert f"OCAMBA_ALLOW_FREEZE lets `{FREEZE}` through" in comment
    assert "**resume now**" in comment
    assert "#### Upcoming" in comment
    assert f"{FREEZE} :crit," in comment
    assert up.returncode == 0, up.stdout + up.stderr
    assert applied_actions(emulator) == [(P, "pause"), (R, "resume")]


def test_4_the_override_is_not_saved(stack: Adapter, emulator: Emulator) -> None:
    emulator.control.set_status(R, "paused")  # paused again by hand during the freeze

    done = stack.cli("preview", "--non-interactive", check=False)

    assert done.returncode != 0
    assert f"freeze {FREEZE}" in done.stdout + done.stderr
    assert applied_actions(emulator) == [(P, "pause"), (R, "resume")]


def test_5_a_one_off_start_inside_the_freeze_is_an_error_naming_both(
    stack: Adapter, emulator: Emulator
) -> None:
    emulator.control.set_status(R, "running")
    start = {"id": S, "name": "start-me", "state": "active", "scheduled_time": INSIDE}
    stack.declare([PAUSE, RESUME, start])

    done = stack.cli("preview", "--non-interactive", check=False)

    said = done.stdout + done.stderr
    assert done.returncode != 0
    assert f"campaign {S}" in said
    assert f"{stack.key('scheduled_time')} {INSIDE} GMT is inside freeze {FREEZE}" in said
    assert applied_actions(emulator) == [(P, "pause"), (R, "resume")]
