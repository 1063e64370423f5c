"""`python -m ocamba_provider.emulator`."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

COMMAND = [sys.executable, "-m", "ocamba_provider.emulator"]


@pytest.fixture
def running() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=10)


def launch(running: list[subprocess.Popen[str]], *args: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [*COMMAND, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    running.append(process)
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    assert line.startswith("http://127.0.0.1:"), line
    return process, line


def test_prints_one_url_line_and_serves(running: list[subprocess.Popen[str]]) -> None:
    # --empty: no demo campaigns; --quiet: no block for people after the URL line.
    process, url = launch(running, "--port", "0", "--empty", "--quiet")
    response = requests.get(
        url + "/v1/hood/campaigns", headers={"Authorization": "Bearer emulator-token"}, timeout=5
    )
    assert response.json() == {"total": 0, "items": []}
    assert response.headers["X-RateLimit-Limit"] == "10"
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=10)
    assert process.returncode == 0
    assert out == ""  # nothing after the URL line
    assert "GET /v1" not in err  # no request log


def test_seed_token_and_options(running: list[subprocess.Popen[str]], tmp_path: Path) -> None:
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps({"campaigns": [{"id": "1000248", "status": "paused"}]}))
    _, url = launch(
        running,
        "--port",
        "0",
        "--seed",
        str(seed),
        "--token",
        "t0k",
        "--no-rate-limit",
        "--not-found-status",
        "404",
    )
    headers = {"Authorization": "Bearer t0k"}
    found = requests.get(url + "/v1/hood/campaigns/1000248", headers=headers, timeout=5)
    assert found.json()["items"][0]["status"] == "paused"
    assert "X-RateLimit-Limit" not in found.headers
    missing = requests.get(url + "/v1/hood/campaigns/1", headers=headers, timeout=5)
    assert missing.status_code == 404


def test_burst_and_steady_options(running: list[subprocess.Popen[str]]) -> None:
    _, url = launch(running, "--port", "0", "--burst", "2", "--steady", "5")
    headers = {"Authorization": "Bearer emulator-token"}
    statuses = [
        requests.get(url + "/v1/hood/campaigns", headers=headers, timeout=5).status_code
        for _ in range(3)
    ]
    assert statuses == [200, 200, 429]


def test_variants_merge_in_order_and_single_flags_win(
    running: list[subprocess.Popen[str]],
) -> None:
    _, url = launch(
        running,
        "--port",
        "0",
        "--variant",
        "hostile",
        "--variant",
        "offset-times",
        "--page-size-cap",
        "7",
        "--not-found-status",
        "400",
    )
    settings = requests.get(url + "/_emulator/settings", timeout=5).json()
    assert settings["time_format"] == "iso_offset"
    assert (settings["page_size_cap"], settings["not_found_status"]) == (7, 400)
    assert (settings["id_type"], settings["write_check_lags"]) == ("integer", True)


def test_single_variant_flags(running: list[subprocess.Popen[str]]) -> None:
    _, url = launch(
        running,
        "--port",
        "0",
        "--error-wording",
        "documented",
        "--no-error-trace-id",
        "--default-view-without-status",
        "--id-type",
        "integer",
        "--time-format",
        "iso_z",
        "--status-lag-ms",
        "250",
        "--write-check-lags",
    )
    settings = requests.get(url + "/_emulator/settings", timeout=5).json()
    assert {key: settings[key] for key in settings if key not in ("rate_limit",)} == {
        "not_found_status": 400,
        "status_lag_ms": 250,
        "concurrency_cap": None,
        "page_size_cap": None,
        "error_wording": "documented",
        "error_trace_id": False,
        "default_view_has_status": False,
        "id_type": "integer",
        "time_format": "iso_z",
        "write_check_lags": True,
        "run_seconds": None,
        "past_schedule": "run",
        "schedule_field": "scheduled_time",
        "answer_time_zone": None,
        "labels_as_string": False,
        "label_filter": "ignore",
    }


@pytest.mark.parametrize(
    "args",
    [
        ["--port", "0", "--variant", "nasty"],
        ["--port", "0", "--page-size-cap", "0"],
        ["--port", "0", "--status-lag-ms", "-5"],
        ["--port", "0", "--host", "0.0.0.0"],
        ["--port", "0", "--host", "192.168.1.10"],
        ["--port", "0", "--no-rate-limit", "--burst", "3"],
        ["--port", "0", "--not-found-status", "410"],
    ],
)
def test_refuses_bad_options(args: list[str]) -> None:
    result = subprocess.run(
        [*COMMAND, *args], check=False, capture_output=True, text=True, timeout=20
    )
    assert result.returncode == 2
    assert result.stdout == ""


def test_refuses_a_bad_seed_file(tmp_path: Path) -> None:
    seed = tmp_path / "seed.json"
    seed.write_text('{"campaigns": [{"id": "x"}]}')
    result = subprocess.run(
        [*COMMAND, "--port", "0", "--seed", str(seed)],
        check=False,
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert result.returncode == 2
    assert "cannot seed" in result.stderr
