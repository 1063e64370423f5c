"""`list --labels` and `stop --labels` against the emulator over real HTTP, as a shell runs them.

Labels are matched by the command itself (the emulator ignores `labels=` by default, as a
server that does not know the filter would); `stop` pauses each running or scheduled campaign
once, refuses without a reason, and asks first unless `--yes`.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import yaml

from ocamba_provider.domain.stack_config import parse_entries
from ocamba_provider.emulator import Emulator
from tests.support.ledger import applied

SEED: list[dict[str, Any]] = [
    {"id": "1", "name": "Checkout push", "status": "running", "labels": ["checkout", "push"]},
    {"id": "2", "name": "Checkout mail", "status": "running", "labels": "checkout, mail"},
    {
        "id": "3",
        "name": "Checkout later",
        "status": "scheduled",
        "scheduled_time": "2030-12-01 09:00:00",
        "labels": ["checkout"],
    },
    {"id": "4", "name": "Checkout old", "status": "paused", "labels": ["checkout"]},
    {"id": "5", "name": "Newsletter", "status": "running", "labels": ["newsletter"]},
]


@pytest.fixture
def hood(fast_emulator: Emulator) -> Emulator:
    fast_emulator.control.seed(SEED)
    return fast_emulator


def run(hood: Emulator, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ocamba_provider.discovery", *args],
        env={"OCAMBA_API_URL": hood.url, "OCAMBA_API_TOKEN": hood.token, "PATH": ""},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_list_labels_shows_only_campaigns_carrying_every_label_in_either_form(
    hood: Emulator,
) -> None:
    done = run(hood, "list", "--labels", "checkout")

    assert done.returncode == 0, done.stderr
    shown = [line.split()[0] for line in done.stdout.splitlines()[1:]]
    assert sorted(shown) == ["1", "2", "3", "4"]
    narrower = run(hood, "list", "--labels", "checkout,mail")
    assert [line.split()[0] for line in narrower.stdout.splitlines()[1:]] == ["2"]


def test_list_labels_as_yaml_is_one_group_entry_the_program_accepts(hood: Emulator) -> None:
    done = run(hood, "list", "--labels", "newsletter", "--format", "yaml")

    assert done.returncode == 0, done.stderr
    document = yaml.safe_load(done.stdout)
    (entry,) = document["ocamba-campaigns:campaigns"]
    assert entry == {
        "name": "newsletter",
        "select": {"labels": ["newsletter"]},
        "state": "active",
        "run_immediately": True,
    }
    assert len(parse_entries([entry]).groups) == 1
    assert "#   5  Newsletter (now running)" in done.stdout


def test_list_labels_as_yaml_never_resumes_by_default_when_members_disagree(
    hood: Emulator,
) -> None:
    done = run(hood, "list", "--labels", "checkout", "--format", "yaml")

    (entry,) = yaml.safe_load(done.stdout)["ocamba-campaigns:campaigns"]
    assert entry["state"] == "paused"
    assert "CHECK: the members disagree; as written this entry pauses the 3 running" in (
        done.stdout
    )


def test_stop_refuses_without_a_reason_and_sends_nothing(hood: Emulator) -> None:
    done = run(hood, "stop", "--labels", "checkout", "--yes")

    assert done.returncode == 2
    assert "error: stop needs --reason" in done.stderr
    assert "Traceback" not in done.stderr
    assert hood.control.ledger() == []


def test_stop_shows_the_count_first_and_sends_nothing_unless_confirmed(hood: Emulator) -> None:
    done = run(hood, "stop", "--labels", "checkout", "--reason", "checkout is down", stdin="n\n")

    assert done.returncode == 2
    assert done.stdout.startswith(
        "4 campaigns match labels checkout: 3 running or scheduled to pause (reason: checkout "
        "is down); 1 in another status left as they are.\n"
    )
    assert "Nothing was sent." in done.stdout
    assert hood.control.ledger() == []


def test_stop_without_a_terminal_or_yes_sends_nothing(hood: Emulator) -> None:
    done = run(hood, "stop", "--labels", "checkout", "--reason", "down")

    assert done.returncode == 2
    assert "pass --yes to pause" in done.stderr
    assert hood.control.ledger() == []


def test_stop_pauses_each_running_or_scheduled_match_once_with_the_reason(
    hood: Emulator,
) -> None:
    done = run(hood, "stop", "--labels", "checkout", "--reason", "checkout is down", "--yes")

    assert done.returncode == 0, done.stderr
    assert sorted(applied(hood.control, "pause")) == ["1", "2", "3"]
    assert set(applied(hood.control, "pause").values()) == {1}
    assert all(
        entry["body"]["reason"].startswith("checkout is down") for entry in hood.control.ledger()
    )
    assert "ocamba: paused campaign 1 (Checkout push)" in done.stderr
    assert done.stdout.endswith("paused 3 of 3.\n")

    again = run(hood, "stop", "--labels", "checkout", "--reason", "checkout is down", "--yes")

    assert again.returncode == 0
    assert "0 running or scheduled to pause" in again.stdout
    assert len(hood.control.ledger()) == 3
