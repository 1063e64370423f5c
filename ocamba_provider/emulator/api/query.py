"""The documented list query language: `page`, `sort`, `q`/`q_fields`, `fields`, `view`, filters.

Parsing is strict (unknown parameters, fields and operators answer 400) so a client bug shows
up here instead of as a silently unfiltered page. The one exception is `labels=`, whose fate
is unknown (INFER): by default it is ignored (every campaign comes back, what a client must
survive); `label_filter` makes it filter (labels.py) or answer 400. `is` / `isn` follow the
docs: "is not null" / "is null", written with an empty value (`deleted_at=isn:`). Not
emulated: the operators `r rf rl rr` (undocumented semantics; they answer 400), filters on
nested or array fields other than `labels`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ..behaviour.settings import LabelFilter
from ..state.campaigns import DOCUMENTED_FIELDS, Campaign
from .errors import BadRequest
from .labels import LabelCondition, parse_label_filter

MAX_PER_PAGE = 100  # INFER: undocumented; larger requests get a short page, not an error
DEFAULT_PER_PAGE = 10
SORTABLE = frozenset(
    {"id", "name", "status", "next_run_time", "run_counter", "create_time", "update_time"}
)
SEARCHABLE = frozenset({"name", "description"})
FieldKind = Literal["id", "int", "bool", "str"]
# Which fields take filters is undocumented (INFER); `status` is the documented example.
FILTERABLE: dict[str, FieldKind] = {
    "id": "id",
    "company_id": "str",
    "creator_id": "str",
    "deal_id": "str",
    "name": "str",
    "description": "str",
    "status": "str",
    "send_strategy": "str",
    "scheduled_time": "str",
    "next_run_time": "str",
    "create_time": "str",
    "update_time": "str",
    "run_counter": "int",
    "is_draft": "bool",
    "was_launched": "bool",
}
OPERATORS = frozenset({"eq", "neq", "gt", "gte", "lt", "lte", "in", "nin", "is", "isn"})
UNEMULATED_OPERATORS = frozenset({"r", "rf", "rl", "rr"})
CONTROL_PARAMETERS = frozenset({"page", "sort", "q", "q_fields", "fields", "view"})
_NUMBER = re.compile(r"[0-9]{1,9}")
_ID = re.compile(r"[0-9]{1,20}")


@dataclass(frozen=True)
class Filter:
    """One `field=op:value` condition; the values are already converted to the field's type."""

    field: str
    operator: str
    values: tuple[Any, ...]

    def exact_ids(self) -> tuple[str, ...] | None:
        """The ids an `id=value` / `id=in:...` filter names, so the store can use its index."""
        if self.field == "id" and self.operator in ("eq", "in"):
            return tuple(str(value) for value in self.values)
        return None

    def matches(self, campaign: Campaign) -> bool:
        """Whether the campaign passes this condition."""
        actual = campaign.get(self.field)
        # The docs: `is` means "is not null", `isn` means "is null" (not the other way round).
        if self.operator == "is":
            return actual is not None
        if self.operator == "isn":
            return actual is None
        if self.operator in ("eq", "in"):
            return actual in self.values
        if self.operator in ("neq", "nin"):
            return actual not in self.values
        if actual is None:
            return False
        by_number = FILTERABLE[self.field] == "id"  # ids order as numbers, not as text
        key = int(actual) if by_number and _ID.fullmatch(str(actual)) else actual
        bound = int(self.values[0]) if by_number else self.values[0]
        try:
            return _COMPARE[self.operator](key, bound)
        except TypeError:  # a seed stored another type in this field: no order, no match
            return False


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "gt": lambda a, b: a > b,
    "gte": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "lte": lambda a, b: a <= b,
}


@dataclass(frozen=True)
class ListQuery:
    """A parsed `GET /v1/hood/campaigns` query."""

    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    sort: tuple[tuple[str, bool], ...] = ()  # (field, descending)
    q: str | None = None
    q_fields: tuple[str, ...] = ("name", "description")
    fields: tuple[str, ...] | None = None
    full_view: bool = False
    filters: tuple[Filter, ...] = ()
    labels: tuple[LabelCondition, ...] = ()

    def matches(self, campaign: Campaign) -> bool:
        """Whether the campaign passes every filter and the search term."""
        if not all(condition.matches(campaign) for condition in self.filters):
            return False
        if not all(condition.matches(campaign) for condition in self.labels):
            return False
        if self.q is None:
            return True
        needle = self.q.casefold()
        return any(
            isinstance(campaign.get(name), str) and needle in campaign[name].casefold()
            for name in self.q_fields
        )

    def ordered(self, campaigns: list[Campaign]) -> list[Campaign]:
        """`campaigns` (already newest first) sorted by the `sort` keys, stable on ties."""
        result = campaigns
        for name, descending in reversed(self.sort):
            result = sorted(result, key=lambda c: sort_key(c.get(name)), reverse=descending)
        return result

    @property
    def default_view(self) -> bool:
        """The request named neither `fields` nor `view=full`."""
        return self.fields is None and not self.full_view

    def capped(self, page_size_cap: int | None) -> ListQuery:
        """This query with at most `page_size_cap` items per page; pages are counted in the
        capped size, as a server that ignores the asked size would count them."""
        if page_size_cap is None or self.per_page <= page_size_cap:
            return self
        return dataclasses.replace(self, per_page=page_size_cap)

    def page_of(self, campaigns: list[Campaign]) -> list[Campaign]:
        """The slice `page` selects."""
        start = (self.page - 1) * self.per_page
        return campaigns[start : start + self.per_page]


def sort_key(value: Any) -> tuple[int, Any]:
    # None sorts first ascending; mixed types fall back to their text so sorting never raises.
    if value is None:
        return (0, "")
    if isinstance(value, bool | int | float):
        return (1, value)
    return (2, str(value))


def parse_list_query(
    args: Iterable[tuple[str, str]], label_filter: LabelFilter = "refuse"
) -> ListQuery:
    """A ListQuery from the query string pairs of a list request; `labels=` is ignored,
    honoured (labels.py) or refused like any other unknown parameter, as `label_filter` says.

    Raises:
        BadRequest: an unknown parameter, field or operator, a repeated control parameter or
            a value that does not fit.
    """
    control: dict[str, str] = {}
    filters: list[Filter] = []
    labels: list[LabelCondition] = []
    for name, value in args:
        if name in CONTROL_PARAMETERS:
            if name in control:
                raise BadRequest(f"Query parameter '{name}' is given more than once.")
            control[name] = value
        elif name in FILTERABLE:
            filters.append(parse_filter(name, value))
        elif name == "labels" and label_filter == "filter":
            labels.append(parse_label_filter(value, OPERATORS | UNEMULATED_OPERATORS))
        elif name == "labels" and label_filter == "ignore":
            pass  # a server that does not know this filter returns everything
        else:
            raise BadRequest(f"Unknown query parameter '{name}'.")
    page, per_page = _page(control.get("page"))
    return ListQuery(
        page=page,
        per_page=per_page,
        sort=_sort(control.get("sort")),
        q=control.get("q") or None,
        q_fields=_names(control, "q_fields", SEARCHABLE) or ("name", "description"),
        fields=_names(control, "fields", DOCUMENTED_FIELDS),
        full_view=_full_view(control.get("view")),
        filters=tuple(filters),
        labels=tuple(labels),
    )


def parse_fields(args: Mapping[str, str]) -> tuple[tuple[str, ...] | None, bool]:
    """`fields` and `view` of a single-campaign read (the only parameters it takes).

    Raises:
        BadRequest: another parameter, or an unknown field or view.
    """
    unknown = sorted(set(args) - {"fields", "view"})
    if unknown:
        raise BadRequest(f"Unknown query parameter '{unknown[0]}'.")
    return _names(args, "fields", DOCUMENTED_FIELDS), _full_view(args.get("view"))


def parse_filter(field: str, text: str) -> Filter:
    """A Filter from `field=value` or `field=op:value`.

    Raises:
        BadRequest: an unemulated operator or a value that does not fit the field.
    """
    operator, colon, rest = text.partition(":")
    if operator in UNEMULATED_OPERATORS and colon:
        raise BadRequest(f"Filter operator '{operator}' is not supported by the emulator.")
    if operator not in OPERATORS or not colon:
        operator, rest = "eq", text
    if operator in ("is", "isn"):
        # Documented with an empty value (`deleted_at=isn:`); anything after the colon is a bug.
        if rest:
            raise BadRequest(
                f"Filter '{field}={text}': {operator} takes no value ({field}={operator}:)."
            )
        return Filter(field, operator, ())
    raw = rest.split(",") if operator in ("in", "nin") else [rest]
    kind = FILTERABLE[field]
    if operator in ("gt", "gte", "lt", "lte") and kind == "bool":
        raise BadRequest(f"Filter '{field}={text}': {field} has no order.")
    return Filter(field, operator, tuple(_convert(field, kind, value) for value in raw))


def _convert(field: str, kind: FieldKind, text: str) -> Any:
    if kind == "int":
        if not re.fullmatch(r"-?[0-9]{1,18}", text):
            raise BadRequest(f"Filter on {field}: '{text}' is not an integer.")
        return int(text)
    if kind == "bool":
        if text not in ("true", "false", "1", "0"):
            raise BadRequest(f"Filter on {field}: '{text}' is not a boolean.")
        return text in ("true", "1")
    if kind == "id" and not _ID.fullmatch(text):
        raise BadRequest(f"Filter on id: '{text}' is not a campaign id.")
    return text


def _page(text: str | None) -> tuple[int, int]:
    if text is None:
        return 1, DEFAULT_PER_PAGE
    number, comma, size = text.partition(",")
    if not _NUMBER.fullmatch(number) or (comma and not _NUMBER.fullmatch(size)):
        raise BadRequest("page must be N or N,M with positive integers.")
    page, per_page = int(number), int(size) if comma else DEFAULT_PER_PAGE
    if page < 1 or per_page < 1:
        raise BadRequest("page must be N or N,M with positive integers.")
    return page, min(per_page, MAX_PER_PAGE)


def _sort(text: str | None) -> tuple[tuple[str, bool], ...]:
    if text is None:
        return ()
    keys: list[tuple[str, bool]] = []
    for item in text.split(","):
        name = item.removeprefix("-")
        if name not in SORTABLE:
            raise BadRequest(f"Cannot sort by '{name}'.")
        keys.append((name, item.startswith("-")))
    return tuple(keys)


def _names(args: Mapping[str, str], key: str, allowed: frozenset[str]) -> tuple[str, ...] | None:
    text = args.get(key)
    if text is None:
        return None
    names = tuple(text.split(","))
    for name in names:
        if name not in allowed:
            raise BadRequest(f"Unknown field '{name}' in {key}.")
    return names


def _full_view(text: str | None) -> bool:
    if text not in (None, "full", "default"):
        raise BadRequest(f"Unknown view '{text}'.")
    return text == "full"
