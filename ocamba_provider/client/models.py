"""What HoodClient returns: a Campaign, read from a validated API item."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ocamba_provider.client.errors import HoodInvalidArgument

# Hood ids are strings of ASCII digits. Checking before building a URL keeps `../`, `%2F`
# and spaces out of the path (str.isdigit would also accept "²" and other Unicode digits).
_CAMPAIGN_ID = re.compile(r"[0-9]{1,20}")


def check_campaign_id(campaign_id: object) -> str:
    """`campaign_id` itself when it is a string of 1-20 ASCII digits.

    Raises:
        HoodInvalidArgument: anything else (the message quotes the bad value).
    """
    if not isinstance(campaign_id, str) or not _CAMPAIGN_ID.fullmatch(campaign_id):
        raise HoodInvalidArgument(
            f"campaign id must be a string of digits like '1000248', got {campaign_id!r}"
        )
    return campaign_id


def _labels(raw: object) -> tuple[str, ...]:
    # Newer API pages return an array, older ones a comma-joined string.
    if isinstance(raw, str):
        return tuple(label.strip() for label in raw.split(",") if label.strip())
    if isinstance(raw, list):
        return tuple(str(label) for label in raw)
    return ()


def _optional_str(raw: object) -> str | None:
    return raw if isinstance(raw, str) else None


@dataclass(frozen=True, slots=True)
class Campaign:
    """The fields of a Hood campaign this project reads; times are GMT `YYYY-MM-DD HH:MM:SS`."""

    id: str
    name: str
    status: str
    scheduled_time: str | None = None
    next_run_time: str | None = None
    labels: tuple[str, ...] = ()

    @classmethod
    def from_api(cls, item: Mapping[str, Any]) -> Campaign:
        """A Campaign from one schema-validated API item; unknown fields are ignored."""
        return cls(
            id=str(item["id"]),
            # Sparse-field listings may omit the name.
            name=str(item.get("name") or ""),
            status=str(item["status"]),
            scheduled_time=_optional_str(item.get("scheduled_time")),
            next_run_time=_optional_str(item.get("next_run_time")),
            labels=_labels(item.get("labels")),
        )
