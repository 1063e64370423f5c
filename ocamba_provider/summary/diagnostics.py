"""The preview's error diagnostics: which campaign each names, and the provider's own words.

A campaign whose `check` failed has no step, only an error diagnostic: the facts its row shows
(id, name, observed status) can only be read back from the message, and from the stack config
when the config-driven program declared it. Rows with a step never come here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from ocamba_provider.summary.resource_types import is_campaign_type

CONFIG_KEY: Final = "ocamba-campaigns:campaigns"
MAX_MESSAGE: Final = 1_000
"""A provider traceback must not eat the comment: one error message is cut after this."""

_ENGINE_PREFIX: Final = re.compile(
    r"^(?:error: )?(?:an unhandled error occurred: )?"
    r"(?:\S+ resource '[^']*': property \S+ value \{.*?\} has a problem: )?",
    re.DOTALL,
)
_CAMPAIGN_IN_MESSAGE: Final = re.compile(r"campaign (\d+)(?: \(([^)]*)\))?")
_CAMPAIGN_ID_VALUE: Final = re.compile(r"property campaign_?[iI]d value \{(\d+)\}")
_OBSERVED: Final = re.compile(r"observed status: ([a-z_]+)")


def mapping(value: Any) -> Mapping[str, Any]:
    """`value` if it is a mapping, else an empty one: documents may be partial."""
    return value if isinstance(value, Mapping) else {}


def text(value: Any) -> str:
    """`value` as text; None is empty."""
    return "" if value is None else str(value)


def urn_parts(urn: str) -> tuple[str, str, str]:
    """(stack, type, name) of `urn:pulumi:<stack>::<project>::<parent$type>::<name>`."""
    parts = urn.split("::")
    if len(parts) < 4:
        return "", "", urn
    stack = parts[0].rsplit(":", 1)[-1]
    return stack, parts[2].rsplit("$", 1)[-1], "::".join(parts[3:])


def clean_message(message: str) -> str:
    """The provider's own words: the engine's `error: ... has a problem:` prefix removed."""
    found = _ENGINE_PREFIX.sub("", message.strip(), count=1).strip()
    return found if len(found) <= MAX_MESSAGE else found[: MAX_MESSAGE - 1] + "…"


@dataclass(frozen=True)
class Errors:
    """The error diagnostics of one document."""

    by_campaign: dict[str, list[str]]
    """Each failed campaign's messages, by URN."""
    general: list[str]
    """Errors about no campaign, cleaned."""
    stack: str
    """The stack the first error names (for a preview that failed before any step)."""


def errors_of(document: Mapping[str, Any]) -> Errors:
    """The campaigns' and the general errors of a document, in its order."""
    by_campaign: dict[str, list[str]] = {}
    general: list[str] = []
    stack = ""
    diagnostics = document.get("diagnostics")
    for raw in diagnostics if isinstance(diagnostics, list) else []:
        diagnostic = mapping(raw)
        if diagnostic.get("severity") != "error":
            continue
        urn = text(diagnostic.get("urn"))
        stack = stack or urn_parts(urn)[0]
        message = text(diagnostic.get("message"))
        if urn and is_campaign_type(urn_parts(urn)[1]):
            by_campaign.setdefault(urn, []).append(message)
        elif message.strip():
            general.append(clean_message(message))
    return Errors(by_campaign, general, stack)


@dataclass(frozen=True)
class FailedCheck:
    """What an error row shows of a campaign whose check failed."""

    campaign_id: str
    name: str
    observed: str
    message: str


def failed_check(resource: str, messages: list[str], declared_id: str) -> FailedCheck:
    """The campaign the messages name (the declared id first, else the message's, else the
    resource's name), its name and observed status as the messages say, and the messages."""
    joined = " ".join(messages)
    cleaned = [clean_message(m) for m in messages]
    by_value = _CAMPAIGN_ID_VALUE.search(joined)
    in_text = _CAMPAIGN_IN_MESSAGE.search(" ".join(cleaned))
    campaign_id = declared_id or (
        by_value.group(1) if by_value else (in_text.group(1) if in_text else resource)
    )
    observed = _OBSERVED.search(joined)
    return FailedCheck(
        campaign_id=campaign_id,
        name=text(in_text.group(2)) if in_text else "",
        observed=observed.group(1) if observed else "",
        message=" / ".join(cleaned),
    )


def declared_in_config(document: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """The config-driven program's entries by resource name (empty for other programs)."""
    raw = mapping(document.get("config")).get(CONFIG_KEY)
    try:
        entries = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return {}
    found: dict[str, Mapping[str, Any]] = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, Mapping) and entry.get("id") is not None:
            found[text(entry.get("name")) or f"campaign-{entry['id']}"] = entry
    return found
