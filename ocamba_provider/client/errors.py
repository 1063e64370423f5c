"""Errors raised by HoodClient, and the one function that picks the class for a failure.

Every error names the operation and campaign it belongs to, the HTTP status and the Hood
trace id when there was an answer, and never the API token.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ocamba_provider.schemas import validator

TOKEN_HINT = "Check the API token: stack config `ocamba:apiToken` or env `OCAMBA_API_TOKEN`."  # noqa: S105


class HoodError(Exception):
    """Root of every error HoodClient raises: about an API call, or one refused before sending."""

    def __init__(
        self,
        detail: str,
        *,
        operation: str,
        campaign_id: str | None = None,
        http_status: int | None = None,
        code: int | None = None,
        title: str | None = None,
        message: str | None = None,
        trace_id: str | None = None,
    ) -> None:
        self.detail = detail
        self.operation = operation
        self.campaign_id = campaign_id
        self.http_status = http_status
        self.code = code
        self.title = title
        self.message = message
        self.trace_id = trace_id
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.operation} {self.campaign_id}" if self.campaign_id else self.operation
        return f"{where}: {self.detail}"

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only constructors do not survive the default Exception pickling.
        return (_rebuild, (type(self), self.__dict__.copy()))


def _rebuild(cls: type[HoodError], state: dict[str, Any]) -> HoodError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, str(error))
    return error


class HoodNotFound(HoodError):
    """The campaign does not exist in this workspace (400 "does not exist", or 404)."""


class HoodBadRequest(HoodError):
    """The API refused the request (400): invalid body, or a state change not allowed now.

    A refused write was not applied, whatever the message says. The documented 400 messages
    are generic ("The request is not valid."), so nothing here reads meaning into them.
    """


class HoodAuthError(HoodError):
    """The token was refused (401, 403)."""


class HoodRateLimited(HoodError):
    """The account is over its rate limit (429).

    `retry_after` is the server's `Retry-After` in seconds; -1 means the concurrent-request
    limit was hit; None means the header was missing.
    """

    def __init__(self, detail: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        self.retry_after = retry_after
        super().__init__(detail, **kwargs)


class HoodServerError(HoodError):
    """The API failed (5xx) on a read."""


class HoodConnectionError(HoodError):
    """No answer arrived. `request_sent` is False only when the connection was never made."""

    def __init__(self, detail: str, *, request_sent: bool = True, **kwargs: Any) -> None:
        self.request_sent = request_sent
        super().__init__(detail, **kwargs)


class HoodAmbiguousWrite(HoodError):
    """A write was sent but its outcome is unknown; read the campaign before deciding again."""


class HoodProtocolError(HoodError):
    """The answer is not what the API documents (not JSON, truncated, wrong shape)."""


class HoodInvalidArgument(HoodError, ValueError):
    """HoodClient refused a call before sending anything: bad campaign id, base URL or body.

    Under the root, so one `except HoodError` covers whatever the client raises; still a
    ValueError for callers that treat it as bad input. The message is complete as given (it
    names the operation itself), and no HTTP field is set: nothing was sent.
    """

    def __init__(self, detail: str, *, operation: str = "", campaign_id: str | None = None) -> None:
        super().__init__(detail, operation=operation, campaign_id=campaign_id)

    def __str__(self) -> str:
        return self.detail


def _error_fields(body: str) -> tuple[dict[str, Any] | None, bool]:
    """The fields of the JSON error object in `body` (None if not an object), and whether
    the body matches the documented error schema."""
    try:
        document = json.loads(body)
    except ValueError:
        return None, False
    if not isinstance(document, dict):
        return None, False
    fields = {
        key: value
        for key in ("code", "title", "message", "trace_id")
        if isinstance(value := document.get(key), str | int) and not isinstance(value, bool)
    }
    return fields, bool(validator("error").is_valid(document))


def _http_detail(
    status: int, fields: Mapping[str, Any] | None, headers: Mapping[str, str], hint: str = ""
) -> str:
    """`400 Bad Request. <message> <hint> (trace <id>)`, or `502 with a text/html body`."""
    if fields is None:
        content_type = headers.get("Content-Type", "").split(";")[0].strip()
        return f"{status} with a {content_type or 'non-JSON'} body" + (f". {hint}" if hint else "")
    title = str(fields.get("title") or "")
    message = str(fields.get("message") or "")
    parts = [str(status), title, message if message != title else "", hint]
    text = " ".join(part for part in parts if part)
    if fields.get("trace_id"):
        text += f" (trace {fields['trace_id']})"
    return text


def _retry_after(headers: Mapping[str, str]) -> float | None:
    raw = headers.get("Retry-After")
    if raw is None:
        return None
    try:
        return float(raw)
    except ValueError:
        # An HTTP-date is legal HTTP but not what Hood documents; back off normally.
        return None


URL_HINT = "Check the API URL: stack config `ocamba:apiUrl` or env `OCAMBA_API_URL`."
AMBIGUOUS_HINT = "It may have been applied: read the campaign status before retrying."


def map_error(
    *,
    operation: str,
    campaign_id: str | None = None,
    status: int | None = None,
    body: str = "",
    headers: Mapping[str, str] | None = None,
    write: bool = False,
    request_sent: bool = True,
    reason: str | None = None,
) -> HoodError:
    """The one place that turns a failed call into the right HoodError subclass.

    `status` None means no answer arrived (`reason` says why, `request_sent` whether the
    request left this machine). A `status` in 2xx with a `reason` is an answer that broke the
    documented shape; `write` marks resume and pause, whose failures after sending are
    ambiguous.
    """
    headers = headers or {}
    where: dict[str, Any] = {"operation": operation, "campaign_id": campaign_id}

    if status is None:
        why = reason or "connection failed"
        if write and request_sent:
            return HoodAmbiguousWrite(
                f"outcome unknown: {why} after the request was sent. {AMBIGUOUS_HINT}", **where
            )
        return HoodConnectionError(f"no answer: {why}", request_sent=request_sent, **where)

    if 200 <= status < 300:
        return HoodProtocolError(
            f"unexpected answer: {status} {reason or 'not as documented'}",
            http_status=status,
            **where,
        )

    fields, documented = _error_fields(body)
    http: dict[str, Any] = {"http_status": status, **where}
    if fields is not None:
        code = fields.get("code")
        http |= {
            "code": code if isinstance(code, int) else None,
            "title": fields.get("title"),
            "message": fields.get("message"),
            "trace_id": fields.get("trace_id"),
        }

    # These statuses mean the same thing whoever wrote the body (Hood or a proxy).
    if status == 429:
        retry_after = _retry_after(headers)
        hint = (
            ""
            if retry_after is None
            else "Retry when a request in flight finishes."
            if retry_after < 0
            else f"Retry after {retry_after:g} s."
        )
        return HoodRateLimited(
            _http_detail(status, fields, headers, hint), retry_after=retry_after, **http
        )
    if status in (401, 403):
        return HoodAuthError(_http_detail(status, fields, headers, TOKEN_HINT), **http)
    if status >= 500 and write:
        # The API or a gateway failed after receiving the write: it may have been applied.
        detail = _http_detail(status, fields, headers, AMBIGUOUS_HINT)
        return HoodAmbiguousWrite(f"outcome unknown: {detail}", **http)

    message = str(fields.get("message") or "").lower() if fields else ""
    # Hood documents only 400 "does not exist" for an unknown id; a deployment may answer 404,
    # with or without a trace id. Only an answer about one campaign can say it is missing:
    # a 404 of the list (a wrong base URL) must never make every campaign look deleted, and
    # neither may an HTML page or a foreign JSON body.
    hood_body = documented or (fields is not None and {"code", "title"} <= fields.keys())
    says_missing = "does not exist" in message or "not found" in message
    about_one = campaign_id is not None
    # A 404 that names something else ("No route /v2/x.") is a wrong URL, not a campaign.
    generic = message in ("", str((fields or {}).get("title") or "").lower())
    if (
        about_one
        and fields is not None
        and hood_body
        and (
            (status == 400 and says_missing)
            or (status == 404 and fields.get("code") == 404 and (says_missing or generic))
        )
    ):
        return HoodNotFound(_http_detail(status, fields, headers), **http)
    if fields is None or status == 404 or 300 <= status < 400:
        # An HTML 502 from a proxy, a redirect (never followed: a re-POST could double a
        # resume), or anything else that is not a Hood error object.
        hint = URL_HINT if status == 404 else ""
        detail = _http_detail(status, fields, headers, hint)
        return HoodProtocolError(f"unexpected answer: {detail}", **http)
    # A 400 body missing `trace_id` still says why: keep its "not paused".
    detail = _http_detail(status, fields, headers)
    if status >= 500:
        return HoodServerError(detail, **http)
    return HoodBadRequest(detail, **http)


def redact(error: HoodError, secret: str) -> HoodError:
    """`error` with every occurrence of `secret` in its text replaced, in place."""
    if not secret:
        return error
    for name in ("detail", "title", "message"):
        value = getattr(error, name)
        if isinstance(value, str) and secret in value:
            setattr(error, name, value.replace(secret, "***"))
    error.args = (str(error),)
    return error
