"""The gate every request to the emulated API passes, in the order the real service implies:
authenticate (401), concurrency cap and rate limits (429, per token), injected faults, handler.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable

from flask import request
from werkzeug.wrappers import Response

from ..backend import HoodBackend
from ..behaviour.faults import html_502, spoil_read
from .errors import ErrorStyle, HoodError, InternalServerError, TooManyRequests, Unauthorized
from .routes import ApiRoute

# Set in the WSGI environ when the answer must be replaced by a closed socket (see server.py).
DROP_CONNECTION = "ocamba_emulator.drop_connection"


class ApiPipeline:
    """Wraps each API handler with auth, limits, faults and the rate-limit headers."""

    def __init__(self, backend: HoodBackend) -> None:
        self.backend = backend

    def serve(self, route: ApiRoute, handle: Callable[[], Response]) -> Response:
        """The answer to one API request."""
        style = self.backend.settings.error_style()
        try:
            token = self._authenticate()
            with self.backend.concurrency.slot(token):
                limiter = self.backend.limiter
                quota = None if limiter is None else limiter.admit(token)
                response, from_api = self._answer(route, handle, style)
        except HoodError as error:  # 401 and 429 carry no rate-limit headers
            return error.response(style)
        if quota is not None and from_api:
            response.headers.update(quota.headers())
        return response

    def _authenticate(self) -> str:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        expected = self.backend.token.encode()
        if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), expected):
            raise Unauthorized()
        return self.backend.token

    def _answer(
        self, route: ApiRoute, handle: Callable[[], Response], style: ErrorStyle
    ) -> tuple[Response, bool]:
        plan = self.backend.faults.draw(route.name)
        if plan.latency_ms:
            time.sleep(plan.latency_ms / 1000)
        fault = plan.fault
        if fault is not None and fault.fault == "500":
            return InternalServerError().response(style), False
        if fault is not None and fault.fault == "429":
            return TooManyRequests(fault.retry_after).response(style), False
        if fault is not None and fault.fault == "html_502":
            return html_502(), False
        try:
            response = handle()
        except HoodError as error:
            response = error.response(style)
        if fault is not None and fault.fault == "drop_after_apply":
            request.environ[DROP_CONNECTION] = True
        elif fault is not None:
            response = spoil_read(fault, response)
        return response, True
