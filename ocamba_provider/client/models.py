"""What HoodClient returns: a Campaign, read from a validated API item."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ocamba_provider.client.errors import HoodInvalidArgument
from ocamba_provider.domain.declaration import is_campaign_id
from ocamba_provider.domain.times import time_from_answer

# Hood ids are strings of ASCII digits. Checking before building a URL keeps `../`, `%2F`
# and spaces out of the path (str.isdigit would also accept "²" and other Unicode digits).


def check_campaign_id(campaign_id: object) -> str:
    """`campaign_id` itself when it is a string of 1-20 ASCII digits.

    Raises:
        HoodInvalidArgument: anything else (the message quotes the bad value).
    """
    if not is_campaign_id(campaign_id):
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


def _id(raw: object) -> str:
    # Documented as a string of digits; a JSON integer (the schema allows both) is the same id.
    return str(raw)


def _time(raw: object) -> str | None:
    """A time field in the API form (GMT); empty or missing is None.

    Raises:
        ValueError: a time in no form we know (the answer is then malformed).
    """
    if not isinstance(raw, str) or not raw.strip():
        return None
    return time_from_answer(raw)


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
        """A Campaign from one schema-validated API item; unknown fields are ignored.

        Ids and times are normalised here, once, whatever form the API used.

        Raises:
            ValueError: a time field is not a date and time.
        """
        return cls(
            id=_id(item["id"]),
            # Sparse-field listings may omit the name.
            name=str(item.get("name") or ""),
            status=str(item["status"]),
            scheduled_time=_time(item.get("scheduled_time")),
            next_run_time=_time(item.get("next_run_time")),
            labels=_labels(item.get("labels")),
        )
