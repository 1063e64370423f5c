"""`ocamba-campaigns due` against the emulator over real HTTP: one bulk read, no write, no engine.

The stack file is the one a team commits (`stacks/Pulumi.<stack>.yaml` under the project's
`Pulumi.yaml`), or a YAML program's. The workspace holds many more campaigns than the stack
declares; the answer costs `ceil(N/100)` list pages (plus at most two), whatever the calendar
says, and it never starts `pulumi` nor imports its SDK.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from ocamba_provider.emulator import Emulator
from tests.support.request_counts import FIRST_ID, gets, requests_seen, spread_ids
from tests.support.schedule_commands import due
from tests.support.stack_files import stack_file

ENDED = "2026-12-01 09:00:00"
AHEAD = "2030-01-01 09:00:00"


@pytest.fixture
def hood(fast_emulator: Emulator) -> Emulator:
    fast_emulator.control.reset()
    return fast_emulator


def test_nothing_due_exits_3_and_says_when_a_run_will_be(hood: Emulator, tmp_path: Path) -> None:
    hood.control.seed([{"id": "1000262", "name": "Holiday push", "status": "running"}])
    path = stack_file(tmp_path, [{"id": "1000262", "state": "active", "active_until": AHEAD}])

    done = due(hood, path)

    assert done.returncode == 3, done.stderr
    assert "nothing due at 2026-12-06 12:00:00 GMT" in done.stdout
    assert "next run needed: 2030-01-01 09:00 GMT: pause campaign 1000262" in done.stdout
    assert hood.control.ledger() == []


def test_a_flight_over_on_a_running_campaign_is_due_and_says_why(
    hood: Emulator, tmp_path: Path
) -> None:
    hood.control.seed([{"id": "1000262", "name": "Holiday push", "status": "running"}])
    path = stack_file(
        tmp_path,
        [{"id": "1000262", "state": "active", "active_until": "2026-12-01 10:00:00"}],
        **{"ocamba:timeZone": "Europe/Belgrade"},
    )
    outputs = tmp_path / "github_output"

    done = due(hood, path, "--outputs", str(outputs))

    assert done.returncode == 0, done.stderr
    assert "due at 2026-12-06 12:00:00 GMT: 1 campaign(s) to change" in done.stdout
    assert (
        "campaign 1000262 (Holiday push): pause: flight ended at 2026-12-01 09:00:00 GMT "
        "(late: the flight ended 123 h ago)"
    ) in done.stdout
    assert outputs.read_text() == "due=true\nlate=true\n"
    assert hood.control.ledger() == []


@pytest.mark.parametrize(("workspace", "declared"), [(5_000, 40), (3_000, 250)])
def test_the_answer_costs_one_bulk_read_no_write_and_no_engine(
    hood: Emulator, tmp_path: Path, workspace: int, declared: int
) -> None:
    hood.control.generate(workspace, status="running", first_id=FIRST_ID)
    ids = spread_ids(workspace, declared)
    path = stack_file(tmp_path, [{"id": i, "state": "active", "active_until": ENDED} for i in ids])
    # A `pulumi` that leaves a mark if anything starts it.
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    (fake_bin / "pulumi").write_text(f"#!/bin/sh\ntouch {tmp_path / 'engine-started'}\n")
    (fake_bin / "pulumi").chmod(0o755)
    hood.control.reset_stats()

    done = due(hood, path, "--json", path_dirs=str(fake_bin))

    answer = json.loads(done.stdout.rsplit("\n", 2)[0])
    assert done.returncode == 0, done.stderr
    assert len(answer["campaigns"]) == declared
    requests = requests_seen(hood)
    assert gets(requests) == sum(requests.values()) <= math.ceil(declared / 100) + 2
    assert hood.control.ledger() == []
    assert done.stdout.rstrip().endswith("pulumi imported: False")
    assert not (tmp_path / "engine-started").exists()


def test_a_yaml_program_is_read_from_its_resources(hood: Emulator, tmp_path: Path) -> None:
    hood.control.seed([{"id": "1000262", "name": "Holiday push", "status": "running"}])
    program = {
        "name": "ocamba-campaigns-yaml",
        "runtime": "yaml",
        "config": {"ocamba:timeZone": {"value": "Asia/Kathmandu"}},
        "resources": {
            "holiday-push": {
                "type": "ocamba:CampaignRunState",
                "properties": {
                    "campaignId": "1000262",
                    "state": "active",
                    "activeUntil": "2026-12-01 14:45:00",
                },
            },
            "elsewhere": {"type": "aws:s3:Bucket"},
        },
    }
    (tmp_path / "Pulumi.yaml").write_text(yaml.safe_dump(program))
    path = tmp_path / "Pulumi.production.yaml"
    path.write_text("config: {}\n")

    done = due(hood, path)

    assert done.returncode == 0, done.stderr
    assert "pause: flight ended at 2026-12-01 09:00:00 GMT" in done.stdout


@pytest.mark.parametrize(
    ("campaigns", "token", "said"),
    [
        (
            [{"id": "1000262", "state": "paused", "active_until": AHEAD}],
            None,
            "campaigns[0].state",
        ),
        (
            [{"id": "1000262", "state": "active", "active_until": "2026-12-01 10:00:00"}],
            "",
            "OCAMBA_API_TOKEN",
        ),
        (
            [{"id": "1000262", "state": "active", "active_until": "2027-03-28 02:30:00"}],
            None,
            "campaigns[0].active_until",
        ),
    ],
    ids=["a flight with state paused", "no token", "a bound in a skipped hour"],
)
def test_bad_input_is_one_error_line_naming_what_to_fix(
    hood: Emulator, tmp_path: Path, campaigns: list[dict[str, Any]], token: str | None, said: str
) -> None:
    path = stack_file(tmp_path, campaigns, **{"ocamba:timeZone": "Europe/Belgrade"})

    done = due(hood, path, token=token)

    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and said in done.stderr
    assert "Traceback" not in done.stderr


def test_the_console_script_is_installed_and_documents_its_exit_codes() -> None:
    script = Path(sys.executable).parent / "ocamba-campaigns"
    done = subprocess.run(
        [str(script), "due", "--help"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ},
    )

    assert done.returncode == 0
    assert "--outputs" in done.stdout and "--at" in done.stdout
