"""Times as the Hood API writes them: `YYYY-MM-DD HH:MM:SS`, GMT, no `T`, no offset.

A declaration writes the same form in its own time zone (domain/zones.py), or ISO 8601 with an
explicit offset; both are normalised to the API form in GMT before anything compares or sends.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from ocamba_provider.domain.zones import DEFAULT_ZONE, is_gmt, to_gmt

API_FORMAT = "%Y-%m-%d %H:%M:%S"
_API_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")


def _local_form(zone_name: str) -> str:
    where = "GMT" if is_gmt(zone_name) else f"in {zone_name}"
    return f"'YYYY-MM-DD HH:MM:SS' ({where})"


def normalise_scheduled_time(value: str, zone_name: str = DEFAULT_ZONE) -> str:
    """The API form (GMT) of `value`: the API form read in `zone_name`, or ISO 8601 with an
    offset (which says its own zone).

    Raises:
        ValueError: neither form, an ISO time without an explicit offset (ambiguous), or a
            local time the zone skips (`zones.NonexistentLocalTime`).
    """
    text = value.strip()
    if _API_PATTERN.match(text):
        try:
            wall = datetime.strptime(text, API_FORMAT)
        except ValueError:
            raise ValueError(f"{value!r} is not a valid date and time") from None
        try:
            return _api_form(to_gmt(wall, zone_name))
        except OverflowError:
            raise ValueError(f"{value!r} is out of range once converted to GMT") from None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"{value!r} is not a time: use {_local_form(zone_name)} "
            "or ISO 8601 with an offset, e.g. '2026-12-01T10:00:00+01:00'"
        ) from None
    if parsed.tzinfo is None:
        raise ValueError(
            f"{value!r} has no offset: add one (e.g. '+00:00') or use {_local_form(zone_name)}"
        )
    try:
        return _api_form(parsed.astimezone(UTC))
    except OverflowError:
        # Year 1 with a positive offset, or year 9999 with a negative one, has no GMT form.
        raise ValueError(f"{value!r} is out of range once converted to GMT") from None


def _api_form(moment: datetime) -> str:
    # Not strftime: glibc writes years before 1000 without leading zeros ("999-01-01 ...").
    return moment.replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")


def time_from_answer(value: str) -> str:
    """The API form (GMT) of a time the API answered with, in whatever form it used.

    Hood documents `YYYY-MM-DD HH:MM:SS` in GMT; its reports API writes ISO 8601 with `Z`,
    and other endpoints may add an offset. A time without an offset is GMT, as documented.

    Raises:
        ValueError: not a date and time in any of those forms.
    """
    text = value.strip()
    if _API_PATTERN.match(text):
        return normalise_scheduled_time(text)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ValueError(f"{value!r} is not a date and time") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return _api_form(parsed.astimezone(UTC))
    except OverflowError:
        raise ValueError(f"{value!r} is out of range once converted to GMT") from None


def parse_api_time(value: str) -> datetime:
    """An aware UTC datetime from the API form."""
    return datetime.strptime(value, API_FORMAT).replace(tzinfo=UTC)


def format_api_time(moment: datetime) -> str:
    """The API form of an aware datetime."""
    return _api_form(moment.astimezone(UTC))
