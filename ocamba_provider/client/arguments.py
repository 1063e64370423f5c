"""What HoodClient refuses before sending anything: a token, a filter or a body it cannot send.

Every refusal is a HoodInvalidArgument whose message names the operation; nothing has left
this machine when one is raised. Campaign ids are checked by `models.check_campaign_id`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from jsonschema.exceptions import best_match

from ocamba_provider.client.errors import HoodInvalidArgument
from ocamba_provider.schemas import validator

_FILTER_NAME = re.compile(r"[a-z][a-z_]{0,40}")
# A token is sent in a header: anything outside visible ASCII would make requests raise an
# error that quotes the header value, i.e. the token.
_TOKEN = re.compile(r"[\x21-\x7e]{1,4096}")


def check_token(token: object) -> str:
    """`token` itself when it can travel in a header."""
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        raise HoodInvalidArgument(
            "API token is empty or contains spaces or non-ASCII characters; set stack "
            "config `ocamba:apiToken` or env `OCAMBA_API_TOKEN`"
        )
    return token


def check_filters(filters: Mapping[str, object]) -> None:
    """List filters are plain field names with string values, and never `page`."""
    for name, value in filters.items():
        if not _FILTER_NAME.fullmatch(name) or name == "page" or not isinstance(value, str):
            raise HoodInvalidArgument(f"invalid campaign filter {name}={value!r}")


def check_resume_mode(op: str, cid: str, run_immediately: bool, scheduled_time: object) -> None:
    """A resume names exactly one mode: now, or at a time."""
    if bool(run_immediately) == (scheduled_time is not None):
        raise HoodInvalidArgument(
            f"{op} {cid}: give exactly one of run_immediately=True or scheduled_time"
        )


def check_body(schema: str, body: Mapping[str, Any], op: str, cid: str) -> None:
    """`body` matches the request schema the API documents for the operation."""
    problem = best_match(validator(schema).iter_errors(body))
    if problem is not None:
        raise HoodInvalidArgument(f"{op} {cid}: invalid request body: {problem.message}")
