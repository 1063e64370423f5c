"""The lifeline: once the engine is gone, no request starts, the ones in flight finish, exit."""

from __future__ import annotations

import threading

import pytest

from ocamba_provider import lifeline
from ocamba_provider.client import HoodClient, Limits
from ocamba_provider.lifeline import EXIT_ENGINE_GONE, EngineGone, EngineWatch, SendGate
from tests.support.scripted_http import TOKEN, URL, ScriptedHood


def test_a_closed_gate_refuses_every_new_request() -> None:
    gate = SendGate()
    gate.close()
    with pytest.raises(EngineGone, match="engine is gone: no request is sent"), gate.request():
        raise AssertionError("the request body must not run")


def test_closing_the_gate_lets_the_request_in_flight_finish() -> None:
    gate = SendGate()
    sending, release, finished = threading.Event(), threading.Event(), threading.Event()

    def in_flight() -> None:
        with gate.request():
            sending.set()
            release.wait()
        finished.set()

    thread = threading.Thread(target=in_flight)
    thread.start()
    sending.wait()
    gate.close()
    assert gate.wait_until_idle(0.0) is False
    release.set()
    assert gate.wait_until_idle(30.0) is True
    thread.join()
    assert finished.is_set()


def test_the_engine_is_gone_when_this_process_gets_another_parent() -> None:
    parents = iter([100, 100, 1])
    watch = EngineWatch(100, None, current_parent=lambda: next(parents))
    assert [watch.engine_gone() for _ in range(3)] == [False, False, True]


def test_the_engine_is_gone_when_its_port_refuses_probed_every_few_looks() -> None:
    probed: list[tuple[str, int]] = []

    def refused(address: tuple[str, int]) -> bool:
        probed.append(address)
        return len(probed) == 2

    watch = EngineWatch(
        100, ("127.0.0.1", 4242), current_parent=lambda: 100, refused=refused, probe_every=3
    )
    looks = [watch.engine_gone() for _ in range(6)]
    assert looks == [False, False, False, False, False, True]
    assert probed == [("127.0.0.1", 4242)] * 2


@pytest.mark.parametrize(
    ("argv", "address"),
    [
        (["127.0.0.1:39915"], ("127.0.0.1", 39915)),
        (["--logtostderr", "-v=9", "127.0.0.1:1234"], ("127.0.0.1", 1234)),
        (["-root=/work/project", "localhost:80"], ("localhost", 80)),
        (["[::1]:555"], ("::1", 555)),
        ([], None),
        (["--tracing=127.0.0.1:9"], None),
    ],
)
def test_the_engine_address_is_the_loopback_address_among_the_arguments(
    argv: list[str], address: tuple[str, int] | None
) -> None:
    assert lifeline.engine_address(argv) == address


def test_after_the_engine_the_watcher_closes_the_gate_waits_for_requests_and_exits() -> None:
    gate = SendGate()
    looks = iter([False, False, True])
    watch = EngineWatch(1, None, current_parent=lambda: 1)
    watch.engine_gone = lambda: next(looks)  # type: ignore[method-assign]
    slept: list[float] = []
    exits: list[int] = []

    lifeline.stop_after_engine(
        watch, gate, interval_s=0.2, grace_s=0.0, sleep=slept.append, exit_process=exits.append
    )

    assert slept == [0.2, 0.2]
    assert gate.closed
    assert exits == [EXIT_ENGINE_GONE]


@pytest.mark.parametrize("limits", [None, Limits()], ids=["unpaced", "paced"])
def test_the_client_sends_nothing_once_the_engine_is_gone(
    monkeypatch: pytest.MonkeyPatch, limits: Limits | None
) -> None:
    gate = SendGate()
    gate.close()
    monkeypatch.setattr("ocamba_provider.client.client.the_gate", gate)
    hood = ScriptedHood((204, ""))
    # A token of its own: the paced case must not draw from other tests' account budget.
    client = HoodClient(URL, f"{TOKEN}-lifeline", limits=limits, adapter=hood)

    with pytest.raises(EngineGone):
        client.resume("1000248", run_immediately=True)

    assert hood.sent == []
