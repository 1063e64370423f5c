"""A recording reverse proxy between the provider and the emulator: what went over the wire.

The emulator's ledger shows what the API *applied*; it cannot show a resume that was resent
blindly and then refused (the API refuses to resume a campaign that is not paused, so a blind
resend usually leaves no trace there). The wire log can: the rule (docs/guarantees.md) is
"never resend a write whose outcome is unknown without reading the campaign first", and
`blind_resends` checks exactly that, request by request. A dropped answer upstream is passed
on as a dropped connection, so the client sees the same ambiguity it would see without the
proxy.
"""

from __future__ import annotations

import contextlib
import http.client
import re
import socket
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

_WRITE = re.compile(r"^/v1/hood/campaigns/([0-9]+)/(resume|pause)$")
_GET = re.compile(r"^/v1/hood/campaigns/([^/?]+)$")
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


@dataclass(frozen=True)
class Exchange:
    """One request through the proxy; `status` None means no answer (connection dropped)."""

    method: str
    path: str
    query: dict[str, list[str]]
    started: float
    finished: float
    status: int | None

    @property
    def write(self) -> tuple[str, str] | None:
        """(campaign id, "resume" | "pause") for a write, else None."""
        match = _WRITE.match(self.path) if self.method == "POST" else None
        return (match.group(1), match.group(2)) if match else None

    def reads(self, campaign_id: str) -> bool:
        """Whether this request read `campaign_id`'s status (a get, or a list that covers it)."""
        if self.method != "GET" or self.status is None or self.status >= 300:
            return False
        single = _GET.match(self.path)
        if single:
            return single.group(1) == campaign_id
        if self.path.rstrip("/") != "/v1/hood/campaigns":
            return False
        ids = self.query.get("id")
        if not ids:
            return True  # a listing without an id filter covers the workspace
        wanted = ids[0].removeprefix("in:").removeprefix("eq:").split(",")
        return campaign_id in wanted

    @property
    def ambiguous(self) -> bool:
        """No answer or a 5xx: the write may or may not have been applied."""
        return self.status is None or self.status >= 500


class RecordingProxy:
    """`with RecordingProxy(upstream_url) as proxy: ... proxy.url ... proxy.exchanges()`."""

    def __init__(self, upstream_url: str) -> None:
        parts = urlsplit(upstream_url)
        self._upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self._lock = threading.Lock()
        self._log: list[Exchange] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _relay_handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> RecordingProxy:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()

    def exchanges(self) -> list[Exchange]:
        """Every exchange so far, in the order the answers arrived."""
        with self._lock:
            return list(self._log)

    def clear(self) -> None:
        with self._lock:
            self._log.clear()

    def _record(self, exchange: Exchange) -> None:
        with self._lock:
            self._log.append(exchange)

    def _forward(
        self, method: str, path: str, headers: dict[str, str], body: bytes | None
    ) -> tuple[int, list[tuple[str, str]], bytes] | None:
        connection = http.client.HTTPConnection(*self._upstream, timeout=300)
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            return answer.status, answer.getheaders(), answer.read()
        except (OSError, http.client.HTTPException):
            return None
        finally:
            connection.close()


def _relay_handler(proxy: RecordingProxy) -> type[BaseHTTPRequestHandler]:
    class Relay(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self._relay()

        def do_POST(self) -> None:
            self._relay()

        def do_PUT(self) -> None:
            self._relay()

        def _relay(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            started = time.monotonic()
            answer = proxy._forward(self.command, self.path, headers, body)
            parts = urlsplit(self.path)
            proxy._record(
                Exchange(
                    self.command,
                    parts.path,
                    parse_qs(parts.query),
                    started,
                    time.monotonic(),
                    None if answer is None else answer[0],
                )
            )
            if answer is None:
                # The upstream closed without answering: so do we.
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)
                return
            status, answer_headers, data = answer
            self.send_response_only(status)
            for name, value in answer_headers:
                if name.lower() not in _HOP_BY_HOP and name.lower() not in ("date", "server"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)

    return Relay


def blind_resends(exchanges: list[Exchange]) -> list[str]:
    """Every write resent after an ambiguous attempt with no read of the campaign in between.

    Each entry names the campaign and action; the list must be empty.
    """
    found: list[str] = []
    ordered = sorted(exchanges, key=lambda e: e.started)
    last_write: dict[tuple[str, str], Exchange] = {}
    for exchange in ordered:
        write = exchange.write
        if write is None:
            continue
        previous = last_write.get(write)
        if previous is not None and previous.ambiguous:
            read_between = any(
                other.reads(write[0]) and previous.finished <= other.started < exchange.started
                for other in ordered
            )
            if not read_between:
                found.append(f"{write[1]} of campaign {write[0]} resent without a read")
        last_write[write] = exchange
    return found
