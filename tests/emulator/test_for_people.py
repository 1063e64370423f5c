"""`python -m ocamba_provider.emulator` for people: the demo campaigns by default, and after the
URL line (still the first line, for programs) everything needed to point the provider at it."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from ocamba_provider.emulator import DEFAULT_TOKEN, demo_campaigns

REPO = Path(__file__).resolve().parents[2]
COMMAND = [sys.executable, "-m", "ocamba_provider.emulator"]
HEADERS = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}


class Served:
    """A running emulator command: its URL line and, once stopped, the rest of its stdout."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [*COMMAND, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert self.process.stdout is not None
        self.url = self.process.stdout.readline().rstrip("\n")

    def stop(self) -> str:
        """Stop it; everything it printed after the URL line."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=10)
        assert self.process.stdout is not None  # read through the buffer readline filled
        return self.process.stdout.read()


@pytest.fixture
def serve() -> Iterator[type[Served]]:
    started: list[Served] = []

    class Tracked(Served):
        def __init__(self, *args: str) -> None:
            super().__init__(*args)
            started.append(self)

    yield Tracked
    for served in started:
        served.stop()


def campaigns(url: str) -> dict[str, str]:
    answer = requests.get(
        url + "/v1/hood/campaigns", params={"page": "1,100"}, headers=HEADERS, timeout=5
    )
    return {item["id"]: item["status"] for item in answer.json()["items"]}


def test_the_first_line_is_exactly_the_url(serve: type[Served]) -> None:
    served = serve("--port", "0")
    assert served.url.startswith("http://127.0.0.1:")
    assert served.url == served.url.strip() and served.url.rsplit(":", 1)[1].isdigit()


def test_it_starts_with_the_demo_campaigns(serve: type[Served]) -> None:
    served = serve("--port", "0")
    expected = {entry["id"]: entry["status"] for entry in demo_campaigns()}
    assert len(expected) == 12
    assert campaigns(served.url) == expected


def test_the_block_after_the_url_says_how_to_use_it(serve: type[Served]) -> None:
    served = serve("--port", "0")
    block = served.stop()
    url = served.url
    for line in (
        f"token: {DEFAULT_TOKEN}",
        f"export OCAMBA_API_URL={url}",
        f"export OCAMBA_API_TOKEN={DEFAULT_TOKEN}",
        f"ocamba:apiUrl: {url}",
        f"pulumi config set --secret ocamba:apiToken {DEFAULT_TOKEN}",
        "1000248  paused          Spring sale push",
        "1000274  needs_decision  Subject line A/B test",
        "docs/emulator.md",
    ):
        assert line in block, line


def test_the_block_names_the_token_it_was_given(serve: type[Served]) -> None:
    served = serve("--port", "0", "--token", "t0k")
    block = served.stop()
    assert "export OCAMBA_API_TOKEN=t0k" in block
    assert DEFAULT_TOKEN not in block


def test_quiet_prints_only_the_url(serve: type[Served]) -> None:
    served = serve("--port", "0", "--quiet")
    assert len(campaigns(served.url)) == 12
    assert served.stop() == ""


def test_empty_starts_with_no_campaigns(serve: type[Served]) -> None:
    served = serve("--port", "0", "--empty")
    assert campaigns(served.url) == {}
    assert "Campaigns: none" in served.stop()


def test_empty_and_seed_exclude_each_other(tmp_path: Path) -> None:
    seed = tmp_path / "seed.json"
    seed.write_text('{"campaigns": []}')
    done = subprocess.run(
        [*COMMAND, "--port", "0", "--empty", "--seed", str(seed)],
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    assert done.returncode == 2
    assert "not allowed with argument" in done.stderr


def test_run_seconds_from_the_command_line(serve: type[Served]) -> None:
    served = serve("--port", "0", "--quiet", "--run-seconds", "30")
    settings = requests.get(served.url + "/_emulator/settings", timeout=5).json()
    assert settings["run_seconds"] == 30.0


def test_the_new_switches_have_flags(serve: type[Served]) -> None:
    served = serve(
        "--port",
        "0",
        "--quiet",
        "--past-schedule",
        "refuse",
        "--schedule-field",
        "next_run_time",
        "--answer-time-zone",
        "Europe/Belgrade",
        "--labels-as-string",
        "--label-filter",
        "filter",
    )
    settings = requests.get(served.url + "/_emulator/settings", timeout=5).json()
    assert {key: settings[key] for key in ("past_schedule", "schedule_field")} == {
        "past_schedule": "refuse",
        "schedule_field": "next_run_time",
    }
    assert settings["answer_time_zone"] == "Europe/Belgrade"
    assert (settings["labels_as_string"], settings["label_filter"]) == (True, "filter")


def test_a_bad_time_zone_flag_is_a_usage_error() -> None:
    done = subprocess.run(
        [*COMMAND, "--port", "0", "--answer-time-zone", "Mars/Base"],
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert "answer_time_zone" in done.stderr


def test_a_busy_port_is_a_clear_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [*COMMAND, "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    assert (done.returncode, done.stdout) == (2, "")
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr
    assert "--port" in done.stderr


def test_help_names_the_token_the_defaults_and_the_environment() -> None:
    done = subprocess.run(
        [*COMMAND, "--help"], capture_output=True, text=True, timeout=20, check=True
    )
    for text in (
        DEFAULT_TOKEN,
        "default 8080",
        "--empty",
        "OCAMBA_API_URL",
        "OCAMBA_API_TOKEN",
        "ocamba:apiToken",
        "oob",
        "docs/emulator.md",
    ):
        assert text in done.stdout, text


def test_make_emulator_runs_it_on_the_default_port() -> None:
    done = subprocess.run(
        ["make", "-n", "emulator"], cwd=REPO, capture_output=True, text=True, timeout=20, check=True
    )
    assert "-m ocamba_provider.emulator --port 8080" in done.stdout


def test_the_demo_seed_ships_with_the_package() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())
    package_data = pyproject["tool"]["setuptools"]["package-data"]["ocamba_provider"]
    assert "emulator/state/demo_seed.json" in package_data
    assert (REPO / "ocamba_provider" / "emulator" / "state" / "demo_seed.json").is_file()
    assert not (REPO / "tools" / "demo_seed.json").exists()  # one source for make demo too
    scripts = pyproject["project"]["scripts"]
    assert scripts["ocamba-emulator"] == "ocamba_provider.emulator.cli:main"
