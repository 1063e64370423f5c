"""One class per Hood API error, each rendering the documented error body.

Body: `{"code": <HTTP status>, "title": str, "message": str, "trace_id": <fresh UUID>}`; the
documented 500 examples carry no `message`, so neither does `InternalServerError`.

By default a message says what was wrong (a client bug shows up quickly). The documented 400
messages say nothing specific, so an `ErrorStyle` can render the docs' generic wording instead
(and leave out `trace_id`): that is how the emulator checks that no decision depends on wording.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any, ClassVar

from werkzeug.wrappers import Response

REQUEST_NOT_VALID = "The request is not valid."
BODY_NOT_VALID = "The request body is not valid."


@dataclass(frozen=True)
class ErrorStyle:
    """How error bodies are worded: the emulator's specific messages or the docs' generic ones,
    with or without `trace_id`."""

    documented_wording: bool = False
    trace_id: bool = True


EMULATOR_STYLE = ErrorStyle()


class HoodError(Exception):
    """Root of every error the emulated API answers with."""

    status: ClassVar[int] = 400
    title: ClassVar[str] = "Bad Request."
    # The message the docs show for this error, when it differs from ours; None = keep ours.
    documented_message: ClassVar[str | None] = None

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.title)
        self.message = message

    @property
    def status_code(self) -> int:
        """The HTTP status (an instance may differ from the class default, see CampaignNotFound)."""
        return self.status

    def headers(self) -> dict[str, str]:
        """Extra response headers; most errors have none."""
        return {}

    def body(self, style: ErrorStyle | None = None) -> dict[str, Any]:
        """The documented error JSON, with a trace id of its own unless `style` drops it."""
        style = style or EMULATOR_STYLE
        body: dict[str, Any] = {"code": self.status_code, "title": self.error_title()}
        message = self.message
        if style.documented_wording and message is not None and self.documented_message:
            message = self.documented_message
        if message is not None:
            body["message"] = message
        if style.trace_id:
            body["trace_id"] = str(uuid.uuid4())
        return body

    def error_title(self) -> str:
        """The `title` field; instances whose status varies override it."""
        return self.title

    def response(self, style: ErrorStyle | None = None) -> Response:
        """The complete HTTP answer."""
        return Response(
            json.dumps(self.body(style)),
            status=self.status_code,
            headers=self.headers(),
            content_type="application/json",
        )


class BadRequest(HoodError):
    """400: a malformed path or query, or a state change the campaign's status forbids."""

    documented_message = REQUEST_NOT_VALID


class InvalidBody(BadRequest):
    """400: a request body that is not JSON, breaks its schema or a documented body rule."""

    documented_message = BODY_NOT_VALID


class CampaignNotFound(HoodError):
    """Unknown campaign id: 400 like the docs' only "does not exist" example, or 404 if switched."""

    def __init__(self, campaign_id: str, status: int = 400) -> None:
        super().__init__(f"Campaign {campaign_id} does not exist.")
        self._status = status

    @property
    def status_code(self) -> int:
        return self._status

    def error_title(self) -> str:
        return "Not Found." if self._status == 404 else self.title


class Unauthorized(HoodError):
    """401: missing or wrong bearer token; body exactly as on the core API page."""

    status = 401
    title = "Unauthorized."

    def __init__(self) -> None:
        super().__init__("Unauthorized.")


class RouteNotFound(HoodError):
    """404: a path the API does not have (not a missing campaign)."""

    status = 404
    title = "Not Found."


class MethodNotAllowed(HoodError):
    """405: a known path with a method it does not accept."""

    status = 405
    title = "Method Not Allowed."


class PayloadTooLarge(HoodError):
    """413: a body past the emulator's size limit (the real limit is undocumented)."""

    status = 413
    title = "Payload Too Large."


class TooManyRequests(HoodError):
    """429: a rate-limit window is full (`Retry-After` in whole seconds, at least 1), or the
    concurrency cap is reached (`Retry-After: -1`, as documented)."""

    status = 429
    title = "Too Many Requests."

    def __init__(self, retry_after: int, message: str = "Rate limit exceeded.") -> None:
        super().__init__(message)
        self.retry_after = retry_after

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


class ProtocolError(HoodError):
    """Any other HTTP-level refusal (from werkzeug's routing or parsing), in the API's shape."""

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(message)
        self._status, self._title = status, title

    @property
    def status_code(self) -> int:
        return self._status

    def error_title(self) -> str:
        return self._title


class InternalServerError(HoodError):
    """500: only ever injected as a fault; like the documented examples it has no `message`."""

    status = 500
    title = "Internal Server Error."

    def __init__(self) -> None:
        super().__init__(None)
