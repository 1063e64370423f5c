"""Reading 2xx answers into models; anything undocumented becomes Malformed.

Unknown fields are ignored (the API returns many more than we read); missing or mistyped
fields we rely on are not.
"""

from __future__ import annotations

import json

from jsonschema.exceptions import best_match

from ocamba_provider.client.models import Campaign
from ocamba_provider.client.pagination import Page
from ocamba_provider.client.transport import Answer
from ocamba_provider.schemas import validator


class Malformed(Exception):
    """A 2xx answer that is not what the API documents; its text completes "200 ..."."""


def parse_page(answer: Answer) -> Page:
    """The list envelope in a 2xx answer, validated against the shared schema.

    Raises:
        Malformed: not JSON, truncated, or not the documented shape.
    """
    try:
        document = json.loads(answer.body)
    except ValueError as error:
        content_type = answer.headers.get("Content-Type", "").split(";")[0].strip()
        if content_type and "json" not in content_type:
            raise Malformed(f"with a {content_type} body, expected JSON") from error
        raise Malformed(f"with truncated or invalid JSON ({error})") from error
    problem = best_match(validator("campaign_list").iter_errors(document))
    if problem is not None:
        where = "/".join(str(p) for p in problem.absolute_path) or "the top level"
        raise Malformed(
            f"that does not match the documented list at {where}: {problem.message[:200]}"
        )
    try:
        items = tuple(Campaign.from_api(item) for item in document["items"])
    except ValueError as error:
        raise Malformed(f"with a time field in no known form: {error}") from error
    return Page(total=int(document["total"]), items=items)


def parse_nothing(answer: Answer) -> None:
    """Nothing to read: a write's 2xx answer."""
    # Hood answers 204 with an empty body; any 2xx means applied, whatever the body says.
    return None
