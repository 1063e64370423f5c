"""map_error: which HoodError class, and exactly what it says, for every kind of failure."""

from __future__ import annotations

import json
import pickle
from typing import Any

import pytest

from ocamba_provider.client import (
    HoodAmbiguousWrite,
    HoodAuthError,
    HoodBadRequest,
    HoodConnectionError,
    HoodError,
    HoodNotFound,
    HoodProtocolError,
    HoodRateLimited,
    HoodServerError,
    map_error,
)
from ocamba_provider.client.errors import redact

JSON = {"Content-Type": "application/json"}
HTML = {"Content-Type": "text/html; charset=utf-8"}
HINT_TOKEN = "Check the API token: stack config `ocamba:apiToken` or env `OCAMBA_API_TOKEN`."
HINT_URL = "Check the API URL: stack config `ocamba:apiUrl` or env `OCAMBA_API_URL`."
HINT_AMBIGUOUS = "It may have been applied: read the campaign status before retrying."


def hood_body(code: int, title: str, message: str | None = None) -> str:
    body: dict[str, Any] = {"code": code, "title": title, "trace_id": "99a8"}
    if message is not None:
        body["message"] = message
    return json.dumps(body)


CASES: list[tuple[str, dict[str, Any], type[HoodError], str]] = [
    (
        "bad body",
        {"status": 400, "body": hood_body(400, "Bad request.", "The request body is not valid.")},
        HoodBadRequest,
        "resume campaign 1000248: 400 Bad request. The request body is not valid. (trace 99a8)",
    ),
    (
        "not paused",
        {"status": 400, "body": hood_body(400, "Bad Request.", "Campaign 1000248 is not paused.")},
        HoodBadRequest,
        "resume campaign 1000248: 400 Bad Request. Campaign 1000248 is not paused. (trace 99a8)",
    ),
    (
        "unknown id as 400",
        {"status": 400, "body": hood_body(400, "Bad Request.", "Campaign 1000248 does not exist.")},
        HoodNotFound,
        "resume campaign 1000248: 400 Bad Request. Campaign 1000248 does not exist. (trace 99a8)",
    ),
    (
        "unknown id as 404",
        {"status": 404, "body": hood_body(404, "Not Found.", "Campaign 1000248 does not exist.")},
        HoodNotFound,
        "resume campaign 1000248: 404 Not Found. Campaign 1000248 does not exist. (trace 99a8)",
    ),
    (
        "404 without a campaign message is a wrong URL",
        {"status": 404, "body": hood_body(404, "Not Found.", "No route /v2/x.")},
        HoodProtocolError,
        f"resume campaign 1000248: unexpected answer: 404 Not Found. No route /v2/x. {HINT_URL}"
        " (trace 99a8)",
    ),
    (
        "html 404",
        {"status": 404, "body": "<html>nope</html>", "headers": HTML},
        HoodProtocolError,
        f"resume campaign 1000248: unexpected answer: 404 with a text/html body. {HINT_URL}",
    ),
    (
        "401",
        {"status": 401, "body": hood_body(401, "Unauthorized.", "Unauthorized.")},
        HoodAuthError,
        f"resume campaign 1000248: 401 Unauthorized. {HINT_TOKEN} (trace 99a8)",
    ),
    (
        "403 from a proxy",
        {"status": 403, "body": "Forbidden", "headers": {"Content-Type": "text/plain"}},
        HoodAuthError,
        f"resume campaign 1000248: 403 with a text/plain body. {HINT_TOKEN}",
    ),
    (
        "429",
        {
            "status": 429,
            "body": hood_body(429, "Too Many Requests.", "Rate limit exceeded."),
            "headers": {"Retry-After": "3"},
        },
        HoodRateLimited,
        "resume campaign 1000248: 429 Too Many Requests. Rate limit exceeded. Retry after 3 s."
        " (trace 99a8)",
    ),
    (
        "500 on a write is ambiguous",
        {"status": 500, "body": hood_body(500, "Internal Server Error.")},
        HoodAmbiguousWrite,
        f"resume campaign 1000248: outcome unknown: 500 Internal Server Error. {HINT_AMBIGUOUS}"
        " (trace 99a8)",
    ),
    (
        "html 502 on a write is ambiguous",
        {"status": 502, "body": "<html>502</html>", "headers": HTML},
        HoodAmbiguousWrite,
        f"resume campaign 1000248: outcome unknown: 502 with a text/html body. {HINT_AMBIGUOUS}",
    ),
    (
        "dropped after sending a write",
        {"reason": "connection reset by h:1"},
        HoodAmbiguousWrite,
        "resume campaign 1000248: outcome unknown: connection reset by h:1 after the request "
        f"was sent. {HINT_AMBIGUOUS}",
    ),
    (
        "refused before sending a write",
        {"reason": "connection refused by h:1", "request_sent": False},
        HoodConnectionError,
        "resume campaign 1000248: no answer: connection refused by h:1",
    ),
    (
        "redirect",
        {"status": 307, "body": "", "headers": {"Location": "https://x"}},
        HoodProtocolError,
        "resume campaign 1000248: unexpected answer: 307 with a non-JSON body",
    ),
]


@pytest.mark.parametrize(("case", "failure", "cls", "text"), CASES, ids=[c[0] for c in CASES])
def test_write_failures_map_to_the_documented_class_and_message(
    case: str, failure: dict[str, Any], cls: type[HoodError], text: str
) -> None:
    error = map_error(operation="resume campaign", campaign_id="1000248", write=True, **failure)
    assert type(error) is cls
    assert str(error) == text


READ_CASES: list[tuple[str, dict[str, Any], type[HoodError], str]] = [
    (
        "500 on a read",
        {"status": 500, "body": hood_body(500, "Internal Server Error.")},
        HoodServerError,
        "list campaigns: 500 Internal Server Error. (trace 99a8)",
    ),
    (
        "html 502 on a read",
        {"status": 502, "body": "<html>502</html>", "headers": HTML},
        HoodProtocolError,
        "list campaigns: unexpected answer: 502 with a text/html body",
    ),
    (
        "no answer to a read",
        {"reason": "no answer from h:1 within 30 s"},
        HoodConnectionError,
        "list campaigns: no answer: no answer from h:1 within 30 s",
    ),
    (
        "broken 200",
        {"status": 200, "reason": "with truncated or invalid JSON (Expecting value)"},
        HoodProtocolError,
        "list campaigns: unexpected answer: 200 with truncated or invalid JSON (Expecting value)",
    ),
    (
        "405",
        {"status": 405, "body": hood_body(405, "Method Not Allowed.", "Method PUT is not.")},
        HoodBadRequest,
        "list campaigns: 405 Method Not Allowed. Method PUT is not. (trace 99a8)",
    ),
]


@pytest.mark.parametrize(
    ("case", "failure", "cls", "text"), READ_CASES, ids=[c[0] for c in READ_CASES]
)
def test_read_failures_map_to_the_documented_class_and_message(
    case: str, failure: dict[str, Any], cls: type[HoodError], text: str
) -> None:
    error = map_error(operation="list campaigns", **failure)
    assert type(error) is cls
    assert str(error) == text


def test_error_carries_the_hood_error_fields() -> None:
    error = map_error(
        operation="pause campaign",
        campaign_id="7",
        status=400,
        body=hood_body(400, "Bad Request.", "Campaign 7 is not running."),
        write=True,
    )
    assert (error.http_status, error.code, error.title, error.trace_id) == (
        400,
        400,
        "Bad Request.",
        "99a8",
    )
    assert (error.message, error.operation, error.campaign_id) == (
        "Campaign 7 is not running.",
        "pause campaign",
        "7",
    )


def test_a_refusal_is_one_class_whatever_its_message_says() -> None:
    # No decision may depend on wording: the documented 400 messages are generic.
    worded = map_error(
        operation="resume campaign",
        campaign_id="7",
        status=400,
        body=hood_body(400, "Bad Request.", "Campaign 7 is not paused (status: running)."),
    )
    generic = map_error(
        operation="resume campaign",
        campaign_id="7",
        status=400,
        body=hood_body(400, "Bad Request.", "The request is not valid."),
    )
    assert type(worded) is type(generic) is HoodBadRequest
    assert set(vars(worded)) == set(vars(generic))


def test_does_not_exist_in_a_foreign_json_body_is_not_read_as_not_found() -> None:
    error = map_error(
        operation="get campaign", status=400, body=json.dumps({"message": "x does not exist"})
    )
    assert type(error) is HoodBadRequest


def test_retry_after_minus_one_means_the_concurrency_limit() -> None:
    error = map_error(
        operation="list campaigns",
        status=429,
        headers={"Retry-After": "-1"},
        body=hood_body(429, "Too Many Requests.", "Too many concurrent requests."),
    )
    assert isinstance(error, HoodRateLimited)
    assert error.retry_after == -1
    assert str(error) == (
        "list campaigns: 429 Too Many Requests. Too many concurrent requests. Retry when a "
        "request in flight finishes. (trace 99a8)"
    )


def test_a_non_numeric_retry_after_is_treated_as_missing() -> None:
    error = map_error(
        operation="list campaigns", status=429, headers={"Retry-After": "Wed, 21 Oct 2015"}
    )
    assert isinstance(error, HoodRateLimited)
    assert error.retry_after is None


def test_connection_error_records_whether_the_request_was_sent() -> None:
    error = map_error(operation="get campaign", reason="x", request_sent=False)
    assert isinstance(error, HoodConnectionError)
    assert error.request_sent is False


def test_errors_survive_pickling_with_their_fields() -> None:
    error = map_error(
        operation="list campaigns", status=429, headers={"Retry-After": "2"}, body="{}"
    )
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert type(copy) is HoodRateLimited
    assert str(copy) == str(error)
    assert copy.retry_after == 2


def test_redact_removes_an_echoed_token_from_every_text_field() -> None:
    error = map_error(
        operation="get campaign",
        campaign_id="1",
        status=400,
        body=hood_body(400, "Bad token s3cr3t-t0ken", "token s3cr3t-t0ken is odd"),
    )
    redact(error, "s3cr3t-t0ken")
    assert "s3cr3t-t0ken" not in str(error)
    assert "s3cr3t-t0ken" not in repr(error)
    assert "s3cr3t-t0ken" not in f"{error.title} {error.message} {error.args}"


def test_an_unknown_id_without_trace_id_is_still_not_found() -> None:
    missing = map_error(
        operation="get campaign",
        campaign_id="7",
        status=400,
        body=json.dumps(
            {"code": 400, "title": "Bad Request.", "message": "Campaign 7 does not exist."}
        ),
    )
    assert isinstance(missing, HoodNotFound)
