"""The row of a campaign whose check failed: no step, only error diagnostics.

Its facts (campaign, Hood name, observed status, desired state) come from the problems check
recorded as data (summary/problems.py), else from the stack config's entry and the resource's
name; its words are the problems rendered as the provider rendered them, else the diagnostics'
own text. Nothing is read back out of a message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ocamba_provider.domain.declaration import is_campaign_id
from ocamba_provider.domain.naming import CAMEL, SNAKE
from ocamba_provider.domain.stack_config import DEFAULT_NAME_PREFIX
from ocamba_provider.domain.wording import render
from ocamba_provider.summary.diagnostics import clean_message, urn_parts
from ocamba_provider.summary.diagnostics import text as _text
from ocamba_provider.summary.problems import FailedResource
from ocamba_provider.summary.resource_types import NATIVE_TYPE
from ocamba_provider.summary.row import Kind, Row, policy_notes


def error_row(
    urn: str, messages: list[str], entry: Mapping[str, Any], failed: FailedResource | None
) -> Row:
    """A campaign whose check failed: its facts from the problems check recorded (else the
    stack config's entry and the resource's name), its words as the provider said them."""
    _, type_, resource = urn_parts(urn)
    problems = failed.problems if failed is not None else ()
    first = problems[0] if problems else None
    naming = CAMEL if type_ == NATIVE_TYPE else SNAKE
    words = [render(problem, naming) for problem in problems] or [
        clean_message(message) for message in messages
    ]
    campaign_id = (
        (first.campaign_id if first else "")
        or (failed.campaign_id if failed else "")
        or _text(entry.get("id"))
        or _default_name_id(resource)
        or resource
    )
    observed = next((p.observed for p in problems if p.observed is not None), "")
    return Row(
        Kind.ERROR,
        campaign_id=campaign_id,
        name=next((p.name for p in problems if p.name), ""),
        observed=observed,
        desired=(failed.state if failed else "") or _text(entry.get("state")),
        action="error: " + " / ".join(words),
        notes=policy_notes(entry),
    )


def _default_name_id(resource: str) -> str:
    # The config-driven program names an entry without a name `campaign-<id>` (stack_config).
    rest = resource.removeprefix(DEFAULT_NAME_PREFIX)
    return rest if rest != resource and is_campaign_id(rest) else ""
