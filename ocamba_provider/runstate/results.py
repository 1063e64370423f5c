"""What each hook of the run-state core returns: plain data, no Pulumi.

Each adapter maps these onto its SDK's types (resources/: `pulumi.dynamic`; native/:
`pulumi.provider.experimental`), in its own property spelling.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ocamba_provider.domain.problems import Problem


@dataclass(frozen=True)
class Checked:
    """check's answer: the inputs to keep (declaration plus what was observed) and every
    problem, each attached to the property to change."""

    inputs: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)


class ChangeKind(StrEnum):
    """How one property changes, as the engine's detailed diff says it."""

    UPDATE = "update"
    UPDATE_REPLACE = "update-replace"


@dataclass(frozen=True)
class PropertyChange:
    """One entry of a detailed diff; `input_diff` False compares with the old *outputs*."""

    kind: ChangeKind
    input_diff: bool


Detail = Mapping[str, PropertyChange]


@dataclass(frozen=True)
class Changes:
    """diff's answer: None while unknown (decided at apply)."""

    changes: bool | None
    replaces: tuple[str, ...] = ()
    delete_before_replace: bool = False
    detail: Detail = field(default_factory=dict)
    """Why, property by property: the observation, or the declaration that changed."""


@dataclass(frozen=True)
class Applied:
    """create's or update's answer: the campaign's id and every output."""

    id: str
    outputs: dict[str, Any]


@dataclass(frozen=True)
class Refreshed:
    """refresh's answer: an empty id for a campaign that is gone; `inputs` None leaves them."""

    id: str
    outputs: dict[str, Any]
    inputs: dict[str, Any] | None = None
