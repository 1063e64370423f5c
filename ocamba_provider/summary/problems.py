"""The problems file a preview wrote (runstate/problems_file.py): failed checks as data.

Each line names a resource and carries its problems as records; the summary renders them with
the same sentences the engine printed (domain/wording.py), in the resource type's spelling.
A line that is not a record is skipped: the diagnostic's own text still makes the row.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ocamba_provider.domain.problems import Problem


@dataclass(frozen=True)
class FailedResource:
    """What check recorded of one resource whose check failed."""

    campaign_id: str
    state: str
    problems: tuple[Problem, ...]


def _problems(raw: Any) -> tuple[Problem, ...]:
    found = []
    for record in raw if isinstance(raw, list) else []:
        try:
            found.append(Problem.from_record(record))
        except (TypeError, ValueError, AttributeError):
            continue
    return tuple(found)


def read_problems(lines: Iterable[str]) -> dict[str, FailedResource]:
    """The failed resources of a problems file, by resource name (the last check wins)."""
    found: dict[str, FailedResource] = {}
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if not isinstance(record, Mapping) or not isinstance(record.get("resource"), str):
            continue
        problems = _problems(record.get("problems"))
        if problems:
            found[record["resource"]] = FailedResource(
                campaign_id=str(record.get("campaign_id") or ""),
                state=str(record.get("state") or ""),
                problems=problems,
            )
    return found
