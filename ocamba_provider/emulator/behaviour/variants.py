"""Named API variants: each plays the other answer to one INFER of `hood-api.md`.

A variant is a `PUT /_emulator/settings` body. `Emulator(variant=...)`, `EmulatorControl.variant`
and `--variant` (repeatable, merged in order) all take these names. The client and provider
must survive every one of them ("survive the other answer"), and `doctor` must name each.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

VARIANTS: dict[str, dict[str, Any]] = {
    # The maximum page size is undocumented: serve fewer than the 100 the client asks for.
    "page-cap-50": {"page_size_cap": 50},
    # The documented 400 messages say nothing about why ("not paused" is never said).
    "generic-400": {"error_wording": "documented"},
    # A REST-style 404 for an unknown id, and no trace_id (a documented 500 example has none).
    "not-found-404": {"not_found_status": 404, "error_trace_id": False},
    # The default view's fields are undocumented: it may leave out `status`.
    "default-view-no-status": {"default_view_has_status": False},
    "integer-ids": {"id_type": "integer"},
    # Hood's reports API writes ISO times with Z; campaigns may too, or with an offset.
    "z-times": {"time_format": "iso_z"},
    "offset-times": {"time_format": "iso_offset"},
    # "Automatically synchronized": reads and the server's own write check trail writes by 3 s.
    "eventual": {"status_lag_ms": 3000, "write_check_lags": True},
}
# Everything at once (z-times and offset-times exclude each other: Z is the reports API's form).
VARIANTS["hostile"] = {
    key: value
    for name, body in VARIANTS.items()
    if name != "offset-times"
    for key, value in body.items()
}
# The answers about time and labels the next features must survive. Not part of `hostile`:
# local-times and z-times are two answers for one field (a Z time is GMT by definition), and
# hostile's tests, the doctor's and the soak's, check the Z form.
VARIANTS.update(
    {
        # After a resume at T, Hood may report T only in next_run_time (scheduled_time null).
        "time-in-next-run": {"schedule_field": "next_run_time"},
        # Times in the zone a member's UI shows, written without an offset (INFER: GMT).
        "local-times": {"answer_time_zone": "Europe/Belgrade"},
        # Older docs pages: labels as one comma-joined string, not an array.
        "labels-as-string": {"labels_as_string": True},
    }
)


def variant_settings(names: Iterable[str]) -> dict[str, Any]:
    """The settings body of `names` merged in order (a later variant wins on a shared key).

    Raises:
        ValueError: an unknown name; the message lists the known ones.
    """
    merged: dict[str, Any] = {}
    for name in names:
        if name not in VARIANTS:
            raise ValueError(f"unknown variant {name!r}; known: {', '.join(VARIANTS)}")
        merged.update(VARIANTS[name])
    return merged
