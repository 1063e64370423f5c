"""Which campaigns a group selects: by labels, by a part of the name, by ids.

A selector's criteria AND together: `labels` (every one must be on the campaign), `name_contains`
(a part of the campaign's Hood name, compared without regard to case), `ids` (the campaign is
one of them). Labels are always matched here, on the client, whatever the server's listing did
with a `labels=` filter: a server that ignores an unknown filter returns every campaign
(hood-api.md, "labels"). A label list may be written as a list or as one comma-joined string,
the two forms Hood itself uses.

Pure: no I/O. Problems are data (domain/problems.py), worded in domain/wording/groups.py.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from ocamba_provider.domain.declaration import is_campaign_id
from ocamba_provider.domain.naming import snake
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.unknown import is_unknown

SELECT: Final = "select"
"""The input that holds a group's selector."""
SELECTOR_KEYS: Final = ("labels", "name_contains", "ids")
"""Every key a selector may carry (the native provider spells `name_contains` `nameContains`)."""


def split_labels(raw: Any) -> tuple[str, ...] | None:
    """Labels from a list or one comma-joined string, trimmed, empty ones dropped; None when
    `raw` is neither (a number, a list holding something that is not text)."""
    if isinstance(raw, str):
        parts: Iterable[Any] = raw.split(",")
    elif isinstance(raw, list | tuple):
        parts = raw
    else:
        return None
    if not all(isinstance(part, str) for part in parts):
        return None
    return tuple(dict.fromkeys(part.strip() for part in parts if part.strip()))


@dataclass(frozen=True)
class Selector:
    """A valid selector: at least one criterion."""

    labels: tuple[str, ...] = ()
    name_contains: str | None = None
    ids: tuple[str, ...] = ()

    def matches(self, campaign_id: str, name: str, labels: Iterable[str]) -> bool:
        """Whether a campaign with this id, Hood name and labels is selected."""
        if self.ids and campaign_id not in self.ids:
            return False
        if self.name_contains is not None and self.name_contains.casefold() not in (
            name.casefold()
        ):
            return False
        return set(self.labels) <= set(labels)

    @property
    def needs_listing(self) -> bool:
        """Whether finding the members needs the workspace's listing (not only its ids)."""
        return bool(self.labels) or self.name_contains is not None or not self.ids

    def record(self) -> dict[str, Any]:
        """The selector as an input carries it (snake_case keys, lists for labels and ids)."""
        found: dict[str, Any] = {}
        if self.labels:
            found["labels"] = list(self.labels)
        if self.name_contains is not None:
            found["name_contains"] = self.name_contains
        if self.ids:
            found["ids"] = list(self.ids)
        return found

    def describe(self) -> str:
        """`labels black-friday-2026, bf; name contains "sale"`: what a reviewer reads."""
        parts = []
        if self.labels:
            parts.append("labels " + ", ".join(self.labels))
        if self.name_contains is not None:
            parts.append(f'name contains "{self.name_contains}"')
        if self.ids:
            more = f" (+{len(self.ids) - 5})" if len(self.ids) > 5 else ""
            shown = ", ".join(self.ids[:5]) + more
            parts.append(f"ids {shown}")
        return "; ".join(parts)


def selector_problems(raw: Any) -> list[Problem]:
    """Every problem with a selector as declared (keys in either spelling); [] when valid.

    An unknown value (an Output in preview) is not judged.
    """
    if is_unknown(raw):
        return []
    if not isinstance(raw, Mapping):
        return [Problem(Code.SELECTOR_NOT_A_MAPPING, SELECT, params={"got": repr(raw)})]
    problems: list[Problem] = []
    for key in raw:
        if snake(str(key)) not in SELECTOR_KEYS:
            near = difflib.get_close_matches(snake(str(key)), SELECTOR_KEYS, n=1, cutoff=0.6)
            params = {"key": str(key), "near": near[0] if near else None}
            problems.append(Problem(Code.UNKNOWN_SELECTOR_KEY, SELECT, params=params))
    values = {snake(str(key)): value for key, value in raw.items()}
    labels, name, ids = (values.get(key) for key in SELECTOR_KEYS)
    if labels is not None and not is_unknown(labels) and split_labels(labels) is None:
        problems.append(_bad("labels", labels))
    if name is not None and not is_unknown(name) and (not isinstance(name, str) or not name):
        problems.append(_bad("name_contains", name))
    if ids is not None and not is_unknown(ids) and not _ids_valid(ids):
        problems.append(_bad("ids", ids))
    if not problems and not _criteria(values):
        problems.append(Problem(Code.EMPTY_SELECTOR, SELECT))
    return problems


def _bad(key: str, value: Any) -> Problem:
    return Problem(Code.BAD_SELECTOR_VALUE, SELECT, params={"key": key, "got": repr(value)})


def _ids_valid(ids: Any) -> bool:
    return isinstance(ids, list | tuple) and all(is_campaign_id(item) for item in ids)


def _criteria(values: Mapping[str, Any]) -> bool:
    """Whether any criterion is given (an unknown value counts: it is known at apply)."""
    labels = values.get("labels")
    if is_unknown(labels) or split_labels(labels):
        return True
    name = values.get("name_contains")
    if is_unknown(name) or (isinstance(name, str) and name):
        return True
    ids = values.get("ids")
    return is_unknown(ids) or bool(ids)


def selector_of(raw: Any) -> Selector | None:
    """The typed selector; None when it is not valid or not known yet."""
    if not isinstance(raw, Mapping) or selector_problems(raw):
        return None
    values = {snake(str(key)): value for key, value in raw.items()}
    if any(is_unknown(value) for value in values.values()):
        return None
    name = values.get("name_contains")
    return Selector(
        labels=split_labels(values.get("labels") or ()) or (),
        name_contains=name if isinstance(name, str) else None,
        ids=tuple(dict.fromkeys(values.get("ids") or ())),
    )
