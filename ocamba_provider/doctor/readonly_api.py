"""`ReadOnlyApi`: the doctor's only way to reach the Hood API. It can send GET and nothing else.

A diagnostic must be safe to point at a production account: there is no method here that
takes an HTTP method, so no code path of the doctor can pause or resume a campaign. It also
keeps a hard request budget (the account's rate limits are shared with real runs) and paces
its requests well under the documented burst limit.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ocamba_provider.client.transport import Transport, TransportFailure

CAMPAIGNS = "/v1/hood/campaigns"
REQUEST_BUDGET = 10
PACE_S = 0.12  # about 8 per second: under the documented burst of 10 per 1 s
TIMEOUT_S = (5.0, 30.0)
_MAX_RETRY_AFTER_S = 10.0


class DoctorFailure(Exception):
    """The doctor cannot go on; the message says why, in words for the person running it."""


@dataclass(frozen=True)
class Reply:
    """One answer: status, headers, the JSON document (None if the body is not JSON)."""

    status: int
    headers: Mapping[str, str]
    document: Any
    is_json: bool
    content_type: str

    def message(self) -> str:
        """The error body's `message` (or `title`), empty if there is none."""
        if isinstance(self.document, dict):
            return str(self.document.get("message") or self.document.get("title") or "")
        return ""


class ReadOnlyApi:
    """GET requests to one Hood API with one token, at most `budget` of them."""

    def __init__(self, base_url: str, token: str, *, budget: int = REQUEST_BUDGET) -> None:
        self._transport = Transport(base_url, token, timeout=TIMEOUT_S)
        self.base_url = self._transport.base_url
        self.budget = budget
        self.sent = 0
        self._last_sent: float | None = None

    def get(self, path: str, params: Mapping[str, str] | None = None) -> Reply:
        """GET `path`; one retry after a 429 if the budget allows.

        Raises:
            DoctorFailure: no answer, or the request budget is spent.
        """
        reply = self._get_once(path, params)
        if reply.status == 429 and self.sent < self.budget:
            time.sleep(_retry_after(reply.headers))
            reply = self._get_once(path, params)
        return reply

    def _get_once(self, path: str, params: Mapping[str, str] | None) -> Reply:
        if self.sent >= self.budget:
            raise DoctorFailure(f"the doctor's budget of {self.budget} requests is spent")
        if self._last_sent is not None:
            time.sleep(max(0.0, self._last_sent + PACE_S - time.monotonic()))
        self.sent += 1
        self._last_sent = time.monotonic()
        try:
            answer = self._transport.send("GET", path, params=params)
        except TransportFailure as failure:
            raise DoctorFailure(f"no answer from the API: {failure.reason}") from None
        content_type = answer.headers.get("Content-Type", "").split(";")[0].strip()
        try:
            document, is_json = json.loads(answer.body), True
        except ValueError:
            document, is_json = None, False
        return Reply(answer.status, answer.headers, document, is_json, content_type)

    def close(self) -> None:
        """Release the connection pool."""
        self._transport.close()


def _retry_after(headers: Mapping[str, str]) -> float:
    # -1 is the documented "concurrent request limit": an in-flight request must finish first.
    try:
        seconds = float(headers.get("Retry-After", "1"))
    except ValueError:
        seconds = 1.0
    return min(_MAX_RETRY_AFTER_S, max(1.0, seconds))
