"""ScriptedHood: a requests adapter that answers each request with the next scripted step.

HoodClient sends through it as through the real transport (no sockets), so a test sees every
request the client made and decides every answer: a status and body, headers, or an exception
such as a dropped connection.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

TOKEN = "tok-3f9a1c-secret"
URL = "https://api.example.test"
Step = tuple[int, Any] | tuple[int, Any, dict[str, str]] | BaseException


class ScriptedHood(BaseAdapter):
    """Answers each request with the next scripted step, and records what was sent."""

    def __init__(self, *steps: Step | Callable[[requests.PreparedRequest], Step]) -> None:
        super().__init__()
        self.steps = list(steps)
        self.sent: list[requests.PreparedRequest] = []

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        self.sent.append(request)
        step = self.steps.pop(0)
        if callable(step):
            step = step(request)
        if isinstance(step, BaseException):
            raise step
        status, body, *rest = step
        response = requests.Response()
        response.status_code = status
        response.headers = CaseInsensitiveDict(rest[0] if rest else {})
        if not isinstance(body, str | bytes):
            body = json.dumps(body)
            response.headers.setdefault("Content-Type", "application/json")
        response._content = body.encode() if isinstance(body, str) else body
        response.request = request
        response.url = request.url or ""
        return response

    def close(self) -> None:
        pass

    def paths(self) -> list[str]:
        return [f"{r.method} {urlsplit(r.url or '').path}" for r in self.sent]

    def query(self, index: int) -> dict[str, str]:
        return dict(parse_qsl(urlsplit(self.sent[index].url or "").query))
