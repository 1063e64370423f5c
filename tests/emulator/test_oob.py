"""`python -m ocamba_provider.emulator oob ...`: a campaign changed behind the provider's back,
through the control surface only, and never anything sent to a server that is not an emulator."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from ocamba_provider.emulator import Emulator

COMMAND = [sys.executable, "-m", "ocamba_provider.emulator", "oob"]


@pytest.fixture
def hood() -> Iterator[Emulator]:
    with Emulator(rate_limit=None) as emulator:
        emulator.control.set_clock(now="2027-03-01 12:00:00")
        emulator.control.seed(
            [
                {"id": "1000248", "status": "paused", "labels": ["spring"]},
                {"id": "1000260", "status": "running"},
            ]
        )
        yield emulator


def oob(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *args], capture_output=True, text=True, timeout=30, check=False
    )


def test_pause_changes_the_campaign_out_of_band(hood: Emulator) -> None:
    done = oob("pause", "1000260", "--url", hood.url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1000260: running -> paused (out of band)"
    assert hood.control.campaign("1000260")["status"] == "paused"
    assert hood.control.ledger() == []
    assert hood.control.stats()["requests"] == {}  # not one call to the API


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["resume", "1000248"], "running"),
        (["cancel", "1000248"], "canceled"),
        (["status", "1000248", "needs_decision"], "needs_decision"),
    ],
)
def test_each_status_action(hood: Emulator, args: list[str], status: str) -> None:
    done = oob(*args, "--url", hood.url)
    assert done.returncode == 0, done.stderr
    assert hood.control.campaign("1000248")["status"] == status
    assert hood.control.ledger() == []


def test_relabel_replaces_the_labels(hood: Emulator) -> None:
    done = oob("relabel", "1000248", "black-friday-2026", "sms", "--url", hood.url)
    assert done.returncode == 0, done.stderr
    assert hood.control.campaign("1000248")["labels"] == ["black-friday-2026", "sms"]
    assert "[spring] -> paused [black-friday-2026,sms]" in done.stdout


def test_reschedule_makes_it_start_at_the_new_time(hood: Emulator) -> None:
    done = oob("reschedule", "1000248", "2027-03-01 13:00:00", "--url", hood.url)
    assert done.returncode == 0, done.stderr
    assert "-> scheduled for 2027-03-01 13:00:00 GMT" in done.stdout
    hood.control.set_clock(advance_s=3600)
    assert hood.control.campaign("1000248")["status"] == "running"
    assert [event["event"] for event in hood.control.events()] == ["started"]


def test_reschedule_refuses_a_time_the_clock_has_passed(hood: Emulator) -> None:
    done = oob("reschedule", "1000248", "2027-03-01 11:00:00", "--url", hood.url)
    assert done.returncode == 1
    assert "not ahead of the emulator's clock" in done.stderr
    assert hood.control.campaign("1000248")["status"] == "paused"


def test_an_unknown_campaign_or_status_is_a_clear_error(hood: Emulator) -> None:
    missing = oob("pause", "999", "--url", hood.url)
    odd = oob("status", "1000248", "archived", "--url", hood.url)
    assert (missing.returncode, odd.returncode) == (1, 1)
    assert "Campaign 999 does not exist" in missing.stderr
    assert "status must be one of" in odd.stderr


class _Recorder(BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, str]]] = []

    def _answer(self) -> None:
        self.seen.append((self.command, self.path))
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def stranger() -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """A plain HTTP server on 127.0.0.1 that answers 200 to everything: not an emulator."""
    seen: ClassVar[list[tuple[str, str]]] = []
    handler = type("Handler", (_Recorder,), {"seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


def test_refuses_a_server_that_is_not_the_emulator(
    stranger: tuple[str, list[tuple[str, str]]],
) -> None:
    url, seen = stranger
    done = oob("pause", "1000260", "--url", url)
    assert done.returncode == 1
    assert f"refusing {url}" in done.stderr
    assert "not an ocamba-hood" in done.stderr
    assert "Nothing was changed" in done.stderr
    assert seen == [("GET", "/_emulator/info")]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://192.0.2.10:8080", "not a loopback address"),
        ("http://api.ocamba.com", "not a loopback address"),
        ("https://127.0.0.1:8080", "not an http:// URL"),
        ("127.0.0.1:8080", "not an http:// URL"),
        ("http://127.0.0.1:8080/v1", "more than a scheme, host and port"),
    ],
)
def test_refuses_a_url_that_cannot_be_an_emulator_before_sending(url: str, reason: str) -> None:
    done = oob("pause", "1000260", "--url", url)
    assert done.returncode == 1
    assert reason in done.stderr


def test_refuses_a_port_where_nothing_listens() -> None:
    with Emulator() as gone:
        url = gone.url
    done = oob("pause", "1000260", "--url", url)
    assert done.returncode == 1
    assert "failed: ConnectionError" in done.stderr


def test_the_emulator_says_what_it_is(hood: Emulator) -> None:
    info = hood.control.info()
    assert info["emulator"] == "ocamba-hood"
    assert isinstance(info["version"], str) and info["version"]
