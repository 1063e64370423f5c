"""The preview's error diagnostics: which resource each is about, and the provider's words.

A campaign whose `check` failed has no step, only an error diagnostic. The facts its row shows
(id, Hood name, observed status, desired state) come from the problems file check wrote
(summary/problems.py), else from the stack config when the config-driven program declared
it; the diagnostic's text is shown as it is, never read for facts. Rows with a step never come
here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from ocamba_provider.domain.stack_config import DEFAULT_NAME_PREFIX
from ocamba_provider.summary.resource_types import is_campaign_type

CONFIG_KEY: Final = "ocamba-campaigns:campaigns"
MAX_MESSAGE: Final = 1_000
"""A provider traceback must not eat the comment: one error message is cut after this."""

_ENGINE_PREFIXES: Final = ("error: ", "an unhandled error occurred: ")
_PROPERTY_PROBLEM: Final = " has a problem: "
"""What the engine puts between `<type> resource '<name>': property <p> value {<v>}` and the
provider's reason (pkg/resource/deploy: GetResourcePropertyInvalidValueError)."""


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
    found = message.strip()
    for prefix in _ENGINE_PREFIXES:
        found = found.removeprefix(prefix)
    head, marker, reason = found.partition(_PROPERTY_PROBLEM)
    if marker and " resource '" in head and "': property " in head:
        found = reason
    found = found.strip()
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
            found[text(entry.get("name")) or f"{DEFAULT_NAME_PREFIX}{entry['id']}"] = entry
    return found
