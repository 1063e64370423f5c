"""When the Pulumi engine dies, the plugins it started stop sending and exit.

The engine starts every plugin (language host, dynamic provider) in a process group of its own,
so a SIGKILL of `pulumi up`, or of its group, reaches neither. Left alone they finish the hooks
they hold, including ones waiting for the next rate-limit window, and resume campaigns tens of
seconds after the kill, while the user is already following the recovery steps: two writers on
the same campaigns. So every plugin process of ours watches its engine and, once it is gone,
refuses every request not yet sent (`the_gate`, checked by HoodClient right before it sends),
lets the ones in flight finish for a short grace, and exits without running any more Python.

Process-wide on purpose: the engine's process model makes the whole process one plugin. This
module imports nothing beyond the standard library, so the language host can use it before it
loads the Pulumi SDK, and the client can check the gate without importing the adapter layer.
"""

from __future__ import annotations

import os
import re
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

EXIT_ENGINE_GONE = 70
"""The exit status of a plugin that outlived its engine (nobody is left to read it)."""

_ADDRESS = re.compile(r"(127\.0\.0\.1|localhost|\[::1\]):([0-9]{1,5})")


class EngineGone(Exception):
    """The engine that started this process is gone: no request may start any more."""


class SendGate:
    """Counts requests on the wire and, once closed, lets no new one start."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._closed = False
        self._on_the_wire = 0

    @property
    def closed(self) -> bool:
        """Whether requests are refused."""
        with self._changed:
            return self._closed

    @contextmanager
    def request(self) -> Iterator[None]:
        """Hold the gate open for one request: `with gate.request(): send()`.

        Raises:
            EngineGone: the gate is closed; nothing may be sent.
        """
        with self._changed:
            if self._closed:
                raise EngineGone("the Pulumi engine is gone: no request is sent any more")
            self._on_the_wire += 1
        try:
            yield
        finally:
            with self._changed:
                self._on_the_wire -= 1
                self._changed.notify_all()

    def close(self) -> None:
        """Refuse every request from now on."""
        with self._changed:
            self._closed = True

    def wait_until_idle(self, timeout_s: float) -> bool:
        """Wait up to `timeout_s` for the requests in flight to finish; True if none is left."""
        with self._changed:
            return self._changed.wait_for(lambda: self._on_the_wire == 0, timeout=timeout_s)


the_gate = SendGate()
"""The gate of this process: every HoodClient request passes it."""


def engine_address(argv: Sequence[str]) -> tuple[str, int] | None:
    """The engine's gRPC address among a plugin's arguments (the engine passes it last)."""
    for arg in reversed(argv):
        match = _ADDRESS.fullmatch(arg)
        if match:
            host = match.group(1).strip("[]")
            return host, int(match.group(2))
    return None


def refuses_connections(address: tuple[str, int]) -> bool:
    """True when nothing listens at `address` any more (a busy engine is not a dead one)."""
    try:
        with socket.create_connection(address, timeout=2.0):
            return False
    except ConnectionRefusedError:
        return True
    except OSError:
        return False


class EngineWatch:
    """The engine is gone when this process's parent changed or the engine's port refuses.

    The parent check is the fast one: our own wrappers `exec` the plugin, so its parent is
    the engine, and an orphan is adopted by another process at once. Pulumi's own wrapper of
    the dynamic provider does not `exec` (the parent is a shell that outlives the engine), so
    the engine's address is probed too, less often, as Pulumi's Go plugins do.
    """

    def __init__(
        self,
        parent: int,
        address: tuple[str, int] | None,
        *,
        current_parent: Callable[[], int] = os.getppid,
        refused: Callable[[tuple[str, int]], bool] = refuses_connections,
        probe_every: int = 5,
    ) -> None:
        self._parent = parent
        self._address = address
        self._current_parent = current_parent
        self._refused = refused
        self._probe_every = probe_every
        self._looks = 0

    def engine_gone(self) -> bool:
        """One look; call it every interval."""
        self._looks += 1
        if self._current_parent() != self._parent:
            return True
        if self._address is None or self._looks % self._probe_every:
            return False
        return self._refused(self._address)


def stop_after_engine(
    watch: EngineWatch,
    gate: SendGate,
    *,
    interval_s: float,
    grace_s: float,
    sleep: Callable[[float], None] = time.sleep,
    exit_process: Callable[[int], object] = os._exit,
) -> None:
    """Look until the engine is gone, then close `gate`, let requests in flight finish (at
    most `grace_s`), and end the process. Runs in the watcher thread."""
    while not watch.engine_gone():
        sleep(interval_s)
    gate.close()
    gate.wait_until_idle(grace_s)
    # os._exit: no atexit hooks, no flushing to the dead engine's pipes, no thread joins.
    exit_process(EXIT_ENGINE_GONE)


_watchers: list[threading.Thread] = []
_watchers_lock = threading.Lock()


def watch_engine(*, interval_s: float = 0.2, grace_s: float = 2.0) -> None:
    """Start, once per process, the thread that ends this plugin process after its engine."""
    with _watchers_lock:
        if _watchers:
            return
        watch = EngineWatch(os.getppid(), engine_address(sys.argv[1:]))
        thread = threading.Thread(
            target=stop_after_engine,
            args=(watch, the_gate),
            kwargs={"interval_s": interval_s, "grace_s": grace_s},
            name="ocamba-engine-lifeline",
            daemon=True,
        )
        _watchers.append(thread)
    thread.start()
