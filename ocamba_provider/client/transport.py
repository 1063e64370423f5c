"""The HTTP transport: the only code in the project that calls `requests`.

One call in, one Answer or one TransportFailure out; no retries, no redirects, no parsing.
Whether a failed request left this machine is decided here, because only here do the
`requests`/`urllib3` exception types mean anything.
"""

from __future__ import annotations

import ipaddress
import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from http.client import RemoteDisconnected
from typing import Any
from urllib.parse import urlencode, urlsplit

import requests
from requests.adapters import BaseAdapter, HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util.retry import Retry

from ocamba_provider._version import __version__
from ocamba_provider.client.errors import HoodInvalidArgument

log = logging.getLogger("ocamba_provider.client")


@dataclass(frozen=True, slots=True)
class Answer:
    """An HTTP answer: status, headers (case-insensitive) and the decoded body."""

    status: int
    headers: Mapping[str, str]
    body: str


class TransportFailure(Exception):
    """No answer. `request_sent` is False only when the connection was never made."""

    def __init__(self, reason: str, *, request_sent: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.request_sent = request_sent


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_base_url(base_url: str) -> str:
    """`base_url` without a trailing slash, if it is https (or http to a loopback host).

    Raises:
        HoodInvalidArgument: another scheme, plain http to a remote host, credentials, a
            query or a fragment in the URL. The message names the host only.
    """
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    if parts.scheme not in ("https", "http") or not host:
        raise HoodInvalidArgument(f"API URL must be https://<host>, got scheme {parts.scheme!r}")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise HoodInvalidArgument(
            f"API URL for host {host} must not carry credentials, a query or a fragment"
        )
    if parts.scheme == "http" and not _is_loopback(host):
        # The bearer token would cross the network in clear text.
        raise HoodInvalidArgument(
            f"API URL for host {host} must use https; plain http is allowed only for "
            "localhost, 127.0.0.0/8 and ::1"
        )
    return base_url.rstrip("/")


class _Bearer(requests.auth.AuthBase):
    """Bearer auth. Setting it as `session.auth` also stops requests from reading ~/.netrc,
    which would silently replace the header with Basic auth."""

    def __init__(self, token: str) -> None:
        self._token = token

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"Bearer {self._token}"
        return request

    def __repr__(self) -> str:
        return "_Bearer(***)"


def _chain(error: BaseException) -> list[object]:
    """`error`, what it wraps (requests keeps urllib3's error in args[0]), and its causes."""
    seen: list[object] = []
    todo: list[object] = [error]
    while todo and len(seen) < 20:
        item = todo.pop()
        if item is None or any(item is s for s in seen):
            continue
        seen.append(item)
        if isinstance(item, BaseException):
            todo.extend([item.__cause__, item.__context__, *item.args])
        todo.append(getattr(item, "reason", None))
    return seen


def classify_failure(
    error: requests.RequestException, where: str, read_s: float
) -> TransportFailure:
    """Name what went wrong and whether the request can have reached the server."""
    chain = _chain(error)
    if any(isinstance(e, NameResolutionError) for e in chain):
        return TransportFailure(f"cannot resolve host {where}", request_sent=False)
    if isinstance(error, requests.exceptions.ConnectTimeout) or any(
        isinstance(e, NewConnectionError | ConnectTimeoutError) for e in chain
    ):
        # urllib3 raises these only from connect(): nothing was written to a socket.
        refused = any(isinstance(e, ConnectionRefusedError) for e in chain)
        why = f"connection refused by {where}" if refused else f"could not connect to {where}"
        return TransportFailure(why, request_sent=False)
    if isinstance(error, requests.exceptions.SSLError):
        return TransportFailure(f"TLS handshake with {where} failed", request_sent=False)
    if isinstance(error, requests.exceptions.ReadTimeout):
        return TransportFailure(f"no answer from {where} within {read_s:g} s", request_sent=True)
    if isinstance(error, requests.exceptions.ChunkedEncodingError):
        return TransportFailure(f"answer from {where} was cut off", request_sent=True)
    # http.client.RemoteDisconnected subclasses ConnectionResetError: test it first.
    if any(isinstance(e, RemoteDisconnected) for e in chain):
        return TransportFailure(
            f"connection to {where} closed without an answer", request_sent=True
        )
    if any(isinstance(e, ConnectionResetError) for e in chain):
        return TransportFailure(f"connection reset by {where}", request_sent=True)
    return TransportFailure(f"connection to {where} closed without an answer", request_sent=True)


class Transport:
    """A lazily created `requests.Session` bound to one base URL and token."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        timeout: tuple[float, float],
        adapter: BaseAdapter | None = None,
    ) -> None:
        self.base_url = check_base_url(base_url)
        self.timeout = timeout
        self._token = token
        self._adapter = adapter
        self._session: requests.Session | None = None
        self._lock = threading.Lock()
        self._where = urlsplit(self.base_url).netloc

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_session"] = None
        del state["_lock"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Transport({self.base_url!r})"

    @property
    def session(self) -> requests.Session:
        """The session, created on first use (and again after unpickling)."""
        with self._lock:
            if self._session is None:
                self._session = self._new_session()
            return self._session

    def _new_session(self) -> requests.Session:
        session = requests.Session()
        session.auth = _Bearer(self._token)
        session.headers["User-Agent"] = (
            f"ocamba_provider/{__version__} python-requests/{requests.__version__}"
        )
        session.headers["Accept"] = "application/json"
        session.verify = True
        # A proxy from HTTP(S)_PROXY must not capture traffic to a local emulator.
        session.trust_env = not _is_loopback(urlsplit(self.base_url).hostname or "")
        # No retries underneath us, ever: urllib3 resending a POST after a dropped connection
        # could resume a campaign twice. read=False re-raises the original read error so
        # classify_failure can tell "never connected" from "sent, no answer".
        adapter = self._adapter or HTTPAdapter(max_retries=Retry(0, read=False), pool_maxsize=16)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        return session

    def send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        body: Mapping[str, Any] | None = None,
    ) -> Answer:
        """Send one request and return its answer, whatever the status.

        Raises:
            TransportFailure: no answer arrived (`request_sent` says if it left this machine).
        """
        url = self.base_url + path
        if params:
            # Hood's docs write `page=1,100` and `status=in:a,b`; keep ',' and ':' literal.
            url += "?" + urlencode(params, safe=",:")
        started = time.monotonic()
        try:
            response = self.session.request(
                method,
                url,
                json=body,
                timeout=self.timeout,
                verify=True,
                # A 307 would make requests re-POST a resume; Hood documents no redirects.
                allow_redirects=False,
            )
        except requests.RequestException as error:
            failure = classify_failure(error, self._where, self.timeout[1])
            log.debug("%s %s failed: %s", method, url, failure.reason)
            raise failure from error
        log.debug(
            "%s %s -> %s in %.0f ms",
            method,
            url,
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        # JSON is UTF-8 (RFC 8259); requests would guess a charset when none is declared.
        text = response.content.decode("utf-8", errors="replace")
        return Answer(response.status_code, response.headers, text)

    def close(self) -> None:
        """Close pooled connections; the next call opens new ones."""
        with self._lock:
            if self._session is not None:
                self._session.close()
                self._session = None
