"""`labels=` in a list query, under `label_filter: "filter"`: the documented filter syntax
applied to the array of labels (whether Hood filters by label at all is unknown: INFER).

`labels=a` keeps campaigns carrying label `a`; `labels=in:a,b` those carrying any of them;
repeated `labels=` parameters AND together like every filter. Labels stored as one
comma-joined string (a seed may give that form) are split on commas. Other operators answer 400.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..state.campaigns import Campaign
from .errors import BadRequest

LABEL_OPERATORS = ("eq", "in")


@dataclass(frozen=True)
class LabelCondition:
    """One `labels=` condition: the campaign carries at least one of `labels`."""

    labels: frozenset[str]

    def matches(self, campaign: Campaign) -> bool:
        """Whether the campaign passes this condition."""
        return not self.labels.isdisjoint(labels_of(campaign.get("labels")))


def labels_of(value: Any) -> frozenset[str]:
    """The labels a stored value holds: an array of strings, or one comma-joined string."""
    if isinstance(value, str):
        return frozenset(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list):
        return frozenset(label for label in value if isinstance(label, str))
    return frozenset()


def parse_label_filter(text: str, operators: frozenset[str]) -> LabelCondition:
    """A LabelCondition from `labels=value` or `labels=in:a,b`; `operators` are every operator
    of the query language (a prefix that is none of them is part of the label).

    Raises:
        BadRequest: an operator other than eq and in.
    """
    operator, colon, rest = text.partition(":")
    if colon and operator in operators:
        if operator not in LABEL_OPERATORS:
            raise BadRequest(
                f"Filter operator '{operator}' on labels is not supported by the emulator "
                "(eq and in are)."
            )
        return LabelCondition(frozenset(rest.split(",") if operator == "in" else [rest]))
    return LabelCondition(frozenset([text]))
