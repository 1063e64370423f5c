"""Reading JSON request bodies and writing JSON answers, the same way for every route."""

from __future__ import annotations

import json
from typing import Any, NoReturn

from flask import request
from jsonschema.exceptions import best_match
from werkzeug.wrappers import Response

from ocamba_provider.schemas import validator

from ..state.campaigns import ID_PATTERN
from .errors import BadRequest, InvalidBody


def json_response(body: Any, status: int = 200) -> Response:
    """A JSON answer."""
    return Response(json.dumps(body), status=status, content_type="application/json")


def no_content() -> Response:
    """The empty 204 of a successful state change (no body, so no Content-Type either)."""
    response = Response(status=204)
    del response.headers["Content-Type"]
    return response


def read_json(default: Any = None) -> Any:
    """The request body parsed as strict JSON (no NaN/Infinity); `default` if it is empty.

    The Content-Type header is not checked (lenient; the real API's behaviour is unknown).

    Raises:
        InvalidBody: the body is not valid JSON or not UTF-8.
    """
    raw = request.get_data(cache=True)
    if not raw.strip():
        return default
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (ValueError, RecursionError) as error:
        raise InvalidBody("Request body is not valid JSON.") from error


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not JSON")


def validated(body: Any, schema: str) -> dict[str, Any]:
    """`body`, checked against the shared JSON Schema `schema`.

    Raises:
        InvalidBody: the body does not conform; the message names the first problem.
    """
    error = best_match(validator(schema).iter_errors(body))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path)
        raise InvalidBody(f"Invalid request body{f' at {where}' if where else ''}: {error.message}")
    assert isinstance(body, dict)  # the schemas only admit objects
    return body


def campaign_id(text: str) -> str:
    """A campaign id from the path.

    Raises:
        BadRequest: it is not a string of 1-20 digits.
    """
    if not ID_PATTERN.fullmatch(text):
        raise BadRequest(f"Invalid campaign id '{text[:40]}': ids are strings of digits.")
    return text
