"""`Emulator` start/stop, threading and the programmatic API other tests build on."""

from __future__ import annotations

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from ocamba_provider.emulator import Emulator, EmulatorControl, RateLimit
from tests.support.emulator_http import CAMPAIGNS, Hood


def test_starts_on_a_free_loopback_port() -> None:
    emulator = Emulator().start()
    try:
        assert emulator.url == f"http://127.0.0.1:{emulator.port}"
        assert emulator.token == "emulator-token"
        assert isinstance(emulator.control, EmulatorControl)
        assert requests.get(emulator.url + "/_emulator/stats", timeout=5).status_code == 200
    finally:
        emulator.stop()


def test_stop_releases_the_port_and_is_idempotent() -> None:
    emulator = Emulator().start()
    port = emulator.port
    emulator.stop()
    emulator.stop()
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_context_manager_starts_and_stops() -> None:
    with Emulator("secret", rate_limit=RateLimit(burst=1, steady=2)) as emulator:
        hood = Hood(emulator)
        assert hood.token == "secret"
        assert [hood.get(CAMPAIGNS).status_code for _ in range(2)] == [200, 429]
    with pytest.raises(RuntimeError):
        _ = emulator.url


def test_refuses_non_loopback_hosts() -> None:
    with pytest.raises(ValueError, match="loopback"):
        Emulator(host="0.0.0.0")


def test_starting_twice_is_an_error(fast_emulator: Emulator) -> None:
    with pytest.raises(RuntimeError):
        fast_emulator.start()


def test_concurrent_resumes_apply_exactly_once(fast_emulator: Emulator) -> None:
    fast_emulator.control.seed([{"id": "1000248", "status": "paused"}])
    hood = Hood(fast_emulator)
    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(
            pool.map(
                lambda _: hood.resume("1000248", {"run_immediately": 1}).status_code, range(32)
            )
        )
    assert statuses.count(204) == 1
    assert statuses.count(400) == 31
    assert len(fast_emulator.control.ledger()) == 1


def test_requests_are_served_in_parallel(fast_emulator: Emulator) -> None:
    fast_emulator.control.set_faults([{"route": "list", "fault": "latency", "ms": 300}])
    hood = Hood(fast_emulator)
    started = time.monotonic()
    threads = [threading.Thread(target=hood.get, args=(CAMPAIGNS,)) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert time.monotonic() - started < 1.0


def test_request_logging_is_silent(
    fast_emulator: Emulator, capfd: pytest.CaptureFixture[str]
) -> None:
    Hood(fast_emulator).get(CAMPAIGNS)
    out, err = capfd.readouterr()
    assert "GET /v1" not in out + err
