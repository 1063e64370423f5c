"""`Emulator`: the emulated Hood API served over real HTTP on 127.0.0.1, in a daemon thread.

A threaded werkzeug server (a thread per request, like the concurrent client and Pulumi
engine need), request logging silenced.
"""

from __future__ import annotations

import errno
import socket
import threading
from collections.abc import Iterable, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from .api.errors import HoodError
from .api.pipeline import DROP_CONNECTION
from .app import create_app
from .backend import HoodBackend
from .behaviour.settings import DOCUMENTED_RATE_LIMIT, RateLimit, Settings
from .behaviour.variants import variant_settings
from .control.client import EmulatorControl
from .loopback import is_loopback

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

DEFAULT_TOKEN = "emulator-token"  # noqa: S105 - a local test credential, not a secret


class _QuietRequestHandler(WSGIRequestHandler):
    """No access-log line per request (errors are still logged)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class _ConnectionDropper:
    """WSGI middleware realising the `drop_after_apply` fault: the handler has run (and a write
    is applied), the answer is discarded and the socket shut, so the client sees the connection
    close with no response at all: the ambiguous failure."""

    def __init__(self, app: WSGIApplication) -> None:
        self.app = app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        answer = self.app(environ, start_response)
        if not environ.get(DROP_CONNECTION):
            return answer
        close = getattr(answer, "close", None)
        if close is not None:
            close()
        connection = environ.get("werkzeug.socket")
        if isinstance(connection, socket.socket):
            connection.shutdown(socket.SHUT_RDWR)
        # werkzeug treats ConnectionError as "client went away": no 500, no traceback.
        raise ConnectionAbortedError("fault injected: drop_after_apply")


class Emulator:
    """A local Ocamba Hood API: `with Emulator().start() as hood: ...hood.url...`.

    `variant` names one or more API variants (behaviour/variants.py, merged in order) and
    `settings` is a `PUT /_emulator/settings` body applied on top; both become the start-up
    settings that `reset` returns to. `Emulator(variant="hostile")` disagrees with every guess
    at once. `run_seconds` makes a running campaign `sent` after that long (emulator clock).
    A non-loopback host, an unknown variant or a malformed setting raise ValueError.

    The emulator keeps its own clock (`control.set_clock`): scheduled campaigns start at their
    time and, with `run_seconds`, runs finish, evaluated on each request (no thread).

    Not emulated: campaign create/PATCH/set-winner, recurrence, several accounts or workspaces,
    HTTPS, keep-alive (werkzeug's server closes every connection), request bodies over 1 MiB,
    and the `r rf rl rr` filter operators. The variants change only what answers look like and
    when writes become visible; they never make the emulator accept a request format other than
    the documented one.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        rate_limit: RateLimit | None = DOCUMENTED_RATE_LIMIT,
        not_found_status: int = 400,
        run_seconds: float | None = None,
        variant: str | Sequence[str] = (),
        settings: Mapping[str, Any] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        if not is_loopback(host):
            raise ValueError(f"the emulator only binds to loopback addresses, not {host!r}")
        if not_found_status not in (400, 404):
            raise ValueError("not_found_status must be 400 or 404")
        names = [variant] if isinstance(variant, str) else list(variant)
        body = {**variant_settings(names), **(settings or {})}
        try:
            start_up = Settings(rate_limit=rate_limit, not_found_status=not_found_status)
            start_up = start_up.updated({"run_seconds": run_seconds}).updated(body)
        except HoodError as error:
            raise ValueError(str(error)) from error
        self.token = token
        self.host, self._port = host, port
        self.backend = HoodBackend(token, start_up)
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self._control: EmulatorControl | None = None

    def start(self) -> Emulator:
        """Listen and serve in a daemon thread; returns self.

        Raises:
            RuntimeError: already started.
            OSError: the address cannot be bound (e.g. the port is taken).
        """
        if self._server is not None:
            raise RuntimeError("emulator already started")
        app = _ConnectionDropper(create_app(self.backend))
        try:
            server = make_server(
                self.host, self._port, app, threaded=True, request_handler=_QuietRequestHandler
            )
        except SystemExit as exit_:
            # werkzeug exits the process when the port is taken; a library must not.
            raise OSError(errno.EADDRINUSE, "Address already in use") from exit_
        # A short poll keeps stop() fast; werkzeug's default would cost 0.5 s per test.
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name=f"hood-emulator-{server.port}",
            daemon=True,
        )
        self._server = server
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port (idempotent)."""
        server, thread = self._server, self._thread
        self._server, self._thread, self._control = None, None, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    @property
    def port(self) -> int:
        """The bound port (useful with port 0).

        Raises:
            RuntimeError: not started.
        """
        if self._server is None:
            raise RuntimeError("emulator not started")
        return self._server.port

    @property
    def url(self) -> str:
        """Base URL, e.g. `http://127.0.0.1:54321` (no trailing slash)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def control(self) -> EmulatorControl:
        """An HTTP client for the `/_emulator/` control surface."""
        if self._control is None:
            self._control = EmulatorControl(self.url)
        return self._control

    def __enter__(self) -> Emulator:
        if self._server is None:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
