"""Discovery against the emulator over real HTTP: the list command and find_campaigns()."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ocamba_provider.client import HoodClient
from ocamba_provider.discovery import find_campaigns, render_yaml
from ocamba_provider.domain.stack_config import parse_campaigns
from ocamba_provider.emulator import Emulator

SEED = [
    {"id": "1000248", "name": "Spring sale", "status": "paused"},
    {
        "id": "1000251",
        "name": "Newsletter",
        "status": "scheduled",
        "scheduled_time": "2030-12-01 09:00:00",
    },
    {"id": "1000260", "name": "Black Friday", "status": "running"},
    {"id": "1000270", "name": "Winter draft", "status": "draft"},
    {"id": "1000272", "name": "Old loyalty", "status": "canceled"},
    {"id": "1000275", "name": "Price drop sale", "status": "paused"},
]


@pytest.fixture
def hood(fast_emulator: Emulator) -> Emulator:
    fast_emulator.control.seed(SEED)
    return fast_emulator


def _run(
    hood: Emulator, *args: str, token: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {"OCAMBA_API_URL": hood.url, "PATH": ""}
    if token is not None:
        env["OCAMBA_API_TOKEN"] = token
    return subprocess.run(
        [sys.executable, "-m", "ocamba_provider.discovery", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=cwd,
    )


def test_find_campaigns_filters_by_status_and_text(hood: Emulator) -> None:
    client = HoodClient(hood.url, hood.token)

    paused = {c.id for c in find_campaigns(status="paused", client=client)}
    sales = {c.id for c in find_campaigns(status="paused", q="sale", client=client)}

    assert paused == {"1000248", "1000275"}
    assert sales == {"1000248", "1000275"}
    assert {c.id for c in find_campaigns(q="Black", client=client)} == {"1000260"}


def test_find_campaigns_paginates_past_one_page(fast_emulator: Emulator) -> None:
    fast_emulator.control.generate(250, status="paused")

    found = list(
        find_campaigns(status="paused", client=HoodClient(fast_emulator.url, fast_emulator.token))
    )

    assert len(found) == 250
    assert len({c.id for c in found}) == 250


def test_list_prints_a_table_with_id_name_status_and_next_run(hood: Emulator) -> None:
    done = _run(hood, "list", "--status", "paused", token=hood.token)

    assert done.returncode == 0, done.stderr
    header, *rows = done.stdout.strip().splitlines()
    assert header.split() == ["ID", "NAME", "STATUS", "NEXT", "RUN", "(GMT)"]
    assert sorted(row.split()[0] for row in rows) == ["1000248", "1000275"]


def test_list_yaml_round_trips_through_the_stack_config_schema(hood: Emulator) -> None:
    done = _run(hood, "list", "--format", "yaml", token=hood.token)

    assert done.returncode == 0, done.stderr
    document = yaml.safe_load(done.stdout)
    entries = parse_campaigns(document["ocamba-campaigns:campaigns"])
    assert {(e.id, e.state) for e in entries} == {
        ("1000248", "paused"),
        ("1000251", "active"),
        ("1000260", "active"),
        ("1000275", "paused"),
    }
    scheduled = next(e for e in entries if e.id == "1000251")
    assert scheduled.scheduled_time == "2030-12-01 09:00:00"
    assert "2 draft or canceled campaign(s) left out" in done.stdout


def test_render_yaml_names_each_campaign_in_a_comment(hood: Emulator) -> None:
    client = HoodClient(hood.url, hood.token)

    text = render_yaml(find_campaigns(status="running", client=client))

    assert "# Black Friday (now running)" in text


def test_list_without_a_token_says_where_to_put_it(hood: Emulator) -> None:
    done = _run(hood, "list")

    assert done.returncode == 1
    assert "OCAMBA_API_TOKEN" in done.stderr
    assert "Traceback" not in done.stderr


def test_list_with_a_wrong_token_is_a_clear_error(hood: Emulator) -> None:
    done = _run(hood, "list", token="wrong-token-123")

    assert done.returncode == 1
    assert "401" in done.stderr
    assert "Traceback" not in done.stderr
    assert "wrong-token-123" not in done.stderr


def test_the_module_command_answers_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ocamba_provider.discovery", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: ocamba-campaigns")


def test_yaml_entries_go_under_the_key_of_the_project_they_are_pasted_into(
    hood: Emulator, tmp_path: Path
) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: my-campaigns\nruntime: python\n")

    here = _run(
        hood, "list", "--status", "running", "--format", "yaml", token=hood.token, cwd=tmp_path
    )
    named = _run(
        hood, "list", "--format", "yaml", "--project", "other", token=hood.token, cwd=tmp_path
    )

    assert here.stdout.startswith("my-campaigns:campaigns:\n"), here.stderr
    assert named.stdout.startswith("other:campaigns:\n"), named.stderr
