"""Times in the API's GMT form: normalisation of what users write, parsing, formatting."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocamba_provider.domain.times import format_api_time, normalise_scheduled_time, parse_api_time

API_FORM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")


def test_api_form_is_kept_as_is() -> None:
    assert normalise_scheduled_time("2026-12-01 09:00:00") == "2026-12-01 09:00:00"


def test_surrounding_spaces_are_ignored() -> None:
    assert normalise_scheduled_time("  2026-12-01 09:00:00 ") == "2026-12-01 09:00:00"


@pytest.mark.parametrize(
    ("given_time", "gmt"),
    [
        pytest.param("2026-12-01T10:00:00+01:00", "2026-12-01 09:00:00", id="plus-one-hour"),
        pytest.param("2026-12-01T03:30:00-05:30", "2026-12-01 09:00:00", id="minus-half-hours"),
        pytest.param("2026-12-01T09:00:00Z", "2026-12-01 09:00:00", id="zulu"),
        pytest.param("2026-12-31T23:30:00-01:00", "2027-01-01 00:30:00", id="crosses-new-year"),
        pytest.param("2026-12-01 10:00:00+01:00", "2026-12-01 09:00:00", id="space-and-offset"),
    ],
)
def test_iso_with_offset_is_converted_to_gmt(given_time: str, gmt: str) -> None:
    assert normalise_scheduled_time(given_time) == gmt


def test_iso_without_offset_is_rejected_as_ambiguous() -> None:
    with pytest.raises(ValueError, match="has no offset") as caught:
        normalise_scheduled_time("2026-12-01T10:00:00")

    assert str(caught.value) == (
        "'2026-12-01T10:00:00' has no offset: add one (e.g. '+00:00') "
        "or use 'YYYY-MM-DD HH:MM:SS' (GMT)"
    )


@pytest.mark.parametrize(
    "impossible",
    ["2026-02-30 09:00:00", "2026-13-01 09:00:00", "2026-12-01 24:00:00", "2026-12-01 09:61:00"],
)
def test_impossible_date_in_api_form_is_rejected(impossible: str) -> None:
    with pytest.raises(ValueError) as caught:
        normalise_scheduled_time(impossible)

    assert str(caught.value) == f"{impossible!r} is not a valid date and time"


@pytest.mark.parametrize("garbage", ["tomorrow", "", "2026/12/01 09:00", "2026-12-01T25:00:00Z"])
def test_text_that_is_not_a_time_is_rejected_with_both_accepted_forms(garbage: str) -> None:
    with pytest.raises(ValueError) as caught:
        normalise_scheduled_time(garbage)

    assert str(caught.value).startswith(f"{garbage!r} is not a time: use 'YYYY-MM-DD HH:MM:SS'")


@pytest.mark.parametrize("edge", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_time_with_no_gmt_form_is_a_value_error(edge: str) -> None:
    with pytest.raises(ValueError) as caught:
        normalise_scheduled_time(edge)

    assert str(caught.value) == f"{edge!r} is out of range once converted to GMT"


def test_parse_and_format_round_trip_in_utc() -> None:
    moment = parse_api_time("2026-12-01 09:00:00")

    assert moment == datetime(2026, 12, 1, 9, tzinfo=UTC)
    assert format_api_time(moment) == "2026-12-01 09:00:00"


def test_format_converts_an_aware_time_to_gmt() -> None:
    paris = timezone(timedelta(hours=1))

    assert format_api_time(datetime(2026, 12, 1, 10, tzinfo=paris)) == "2026-12-01 09:00:00"


@given(st.text())
def test_any_text_is_normalised_to_api_form_or_refused_with_value_error(text: str) -> None:
    try:
        result = normalise_scheduled_time(text)
    except ValueError:
        return
    assert API_FORM.fullmatch(result)


@given(st.datetimes(timezones=st.timezones()))
def test_any_aware_iso_time_normalises_to_the_same_instant(moment: datetime) -> None:
    try:
        result = normalise_scheduled_time(moment.isoformat())
    except ValueError as error:
        assert "out of range" in str(error)
        return
    assert parse_api_time(result) == moment.astimezone(UTC).replace(microsecond=0)


def test_year_before_1000_keeps_four_digits() -> None:
    assert normalise_scheduled_time("0999-01-01T00:00:00+00:00") == "0999-01-01 00:00:00"
    assert format_api_time(datetime(999, 1, 1, tzinfo=UTC)) == "0999-01-01 00:00:00"
