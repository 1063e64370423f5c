"""Command-line flags for the API variants and the switches behind them (see
behaviour/settings.py).

`--variant NAME` is repeatable and merged in order; a flag naming one switch wins over every
variant, whatever the order on the command line.
"""

from __future__ import annotations

import argparse
from typing import Any

from .api.errors import HoodError
from .behaviour.settings import (
    ERROR_WORDINGS,
    ID_TYPES,
    LABEL_FILTERS,
    PAST_SCHEDULES,
    SCHEDULE_FIELDS,
    TIME_FORMATS,
    Settings,
)
from .behaviour.variants import VARIANTS, variant_settings


def add_variant_arguments(parser: argparse.ArgumentParser) -> None:
    """The variant flags; every one defaults to "not given" (the emulator as it always was)."""
    group = parser.add_argument_group("API variants (all off by default)")
    group.add_argument(
        "--variant",
        action="append",
        default=[],
        choices=tuple(VARIANTS),
        metavar="NAME",
        help=f"repeatable, merged in order: {', '.join(VARIANTS)}",
    )
    group.add_argument("--page-size-cap", type=int, help="serve at most this many per page")
    group.add_argument("--error-wording", choices=ERROR_WORDINGS)
    group.add_argument(
        "--no-error-trace-id",
        dest="error_trace_id",
        action="store_false",
        default=None,
        help="error bodies without trace_id",
    )
    group.add_argument(
        "--default-view-without-status",
        dest="default_view_has_status",
        action="store_false",
        default=None,
        help="items leave out status unless fields= or view=full asks",
    )
    group.add_argument("--id-type", choices=ID_TYPES)
    group.add_argument("--time-format", choices=TIME_FORMATS)
    group.add_argument("--status-lag-ms", type=int, help="reads trail writes by this much")
    group.add_argument(
        "--write-check-lags",
        action="store_true",
        default=None,
        help="the server's own status check for writes reads the lagged status too",
    )
    group.add_argument(
        "--past-schedule",
        choices=PAST_SCHEDULES,
        help="a resume at a time already reached: run at once (default) or refuse (400)",
    )
    group.add_argument(
        "--schedule-field", choices=SCHEDULE_FIELDS, help="which field answers carry a time in"
    )
    group.add_argument(
        "--answer-time-zone",
        metavar="ZONE",
        help="answers write times as this IANA zone's wall time, no offset (e.g. Europe/Belgrade)",
    )
    group.add_argument(
        "--labels-as-string",
        action="store_true",
        default=None,
        help="answers give labels as one comma-joined string",
    )
    group.add_argument(
        "--label-filter",
        choices=LABEL_FILTERS,
        help="labels= in a list query: ignore (default), filter, refuse (400)",
    )


_SWITCHES = (
    "not_found_status",
    "page_size_cap",
    "error_wording",
    "error_trace_id",
    "default_view_has_status",
    "id_type",
    "time_format",
    "status_lag_ms",
    "write_check_lags",
    "past_schedule",
    "schedule_field",
    "answer_time_zone",
    "labels_as_string",
    "label_filter",
)


def variant_settings_of(args: argparse.Namespace) -> dict[str, Any]:
    """The settings body the variant flags ask for: variants first, single switches on top."""
    body = variant_settings(args.variant)
    for name in _SWITCHES:
        value = getattr(args, name, None)
        if value is not None:
            body[name] = value
    return body


def check_variant_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Exit with a usage error (status 2) if the switches do not make valid settings."""
    try:
        Settings().updated(variant_settings_of(args))
    except HoodError as error:
        parser.error(str(error))
