"""How the emulated API writes a campaign into an answer: id type, time format and zone, which
field carries a schedule, the form of labels, the default view.

The store keeps one canonical form (digit-string ids, `YYYY-MM-DD HH:MM:SS` GMT times, both
schedule fields, labels as stored); these switches change only what goes over the wire, so a
variant never changes what is stored, filtered, sorted or recorded in the ledger. Requests keep
the documented formats.

`answer_time_zone` applies to the `api` time format only: an ISO time (`iso_z`, `iso_offset`)
says its own zone, so it stays as it was. With `schedule_field: "next_run_time"` an answer's
`scheduled_time` is null and `next_run_time` is what the store holds (a resume sets both), or
the stored `scheduled_time` when the store holds no next run (a seed that named only one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from ..behaviour.settings import IdType, ScheduleField, Settings, TimeFormat
from ..state.campaigns import ID_PATTERN, TIME_FORMAT, Campaign, parse_time

TIME_FIELDS = frozenset({"scheduled_time", "next_run_time", "create_time", "update_time"})
# Any fixed offset would do; +02:00 (Ocamba's home time in summer) makes the shift obvious.
ANSWER_OFFSET = timezone(timedelta(hours=2))


@dataclass(frozen=True)
class AnswerFormat:
    """The wire form of campaigns under one set of settings."""

    id_type: IdType = "string"
    time_format: TimeFormat = "api"
    default_view_has_status: bool = True
    schedule_field: ScheduleField = "scheduled_time"
    time_zone: str | None = None
    labels_as_string: bool = False

    @classmethod
    def of(cls, settings: Settings) -> AnswerFormat:
        """The format the settings ask for."""
        return cls(
            settings.id_type,
            settings.time_format,
            settings.default_view_has_status,
            settings.schedule_field,
            settings.answer_time_zone,
            settings.labels_as_string,
        )

    def campaign(self, campaign: Campaign, default_view: bool) -> Campaign:
        """`campaign` (already projected to the requested fields) as an answer carries it.

        `default_view`: the request named no `fields` and no `view=full`.
        """
        shown = {name: self._value(name, value) for name, value in campaign.items()}
        if default_view and not self.default_view_has_status:
            shown.pop("status", None)
        if self.schedule_field == "next_run_time" and "scheduled_time" in shown:
            held = shown["scheduled_time"]
            shown["scheduled_time"] = None
            # The time Hood holds shows as the next run (a seed may have named only one).
            if "next_run_time" in shown and shown["next_run_time"] is None:
                shown["next_run_time"] = held
        return shown

    def _value(self, name: str, value: Any) -> Any:
        if self.id_type == "integer" and _is_id_field(name) and _digits(value):
            return int(value)
        if name in TIME_FIELDS and isinstance(value, str) and self._shifts_times:
            return self._time(value)
        if name == "labels" and self.labels_as_string and isinstance(value, list):
            return ",".join(str(label) for label in value)
        return value

    @property
    def _shifts_times(self) -> bool:
        return self.time_format != "api" or self.time_zone is not None

    def _time(self, text: str) -> str:
        moment = parse_time(text)
        if moment is None:  # a seed stored something else here: echo it untouched
            return text
        if self.time_format == "iso_z":
            return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        if self.time_format == "iso_offset":
            return moment.astimezone(ANSWER_OFFSET).isoformat(timespec="seconds")
        assert self.time_zone is not None  # _shifts_times
        # The documented format, but the wall time of another zone: nothing says so.
        return moment.astimezone(ZoneInfo(self.time_zone)).strftime(TIME_FORMAT)


def _is_id_field(name: str) -> bool:
    return name == "id" or name.endswith("_id")


def _digits(value: Any) -> bool:
    return isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None
