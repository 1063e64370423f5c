"""How a surface spells a property: snake_case for Python and stack config, camelCase for the
native provider (`run_immediately` / `runImmediately`).

A problem names the property it is attached to by its key; the sentence is spelled for the
surface that shows it when it is rendered (domain/wording.py), never by rewriting a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

Naming = Callable[[str], str]
"""A property key -> its spelling on one surface."""

_HUMP: Final = re.compile(r"(?<=[a-z0-9])([A-Z])")


def snake(key: str) -> str:
    """`campaignId` -> `campaign_id`; snake_case keys are returned unchanged."""
    return _HUMP.sub(r"_\1", key).lower()


def camel(key: str) -> str:
    """`run_immediately` -> `runImmediately`."""
    head, *rest = key.split("_")
    return head + "".join(part.title() for part in rest)


SNAKE: Final[Naming] = snake
"""The dynamic resource's and the stack config's spelling (keys are snake_case already)."""
CAMEL: Final[Naming] = camel
"""The native provider's spelling (Pulumi's convention for a schema'd provider)."""
