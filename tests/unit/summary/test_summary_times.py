"""The PR comment says each time in the entry's zone and in GMT, and a reschedule with both."""

from __future__ import annotations

from ocamba_provider.summary import Kind, read_preview, summarize
from tests.support.preview_documents import NOW, document, inputs, step

HOOD = "2030-06-01 09:00:00"
NEW = "2031-01-01 09:00:00"


def _reschedule(**extra: object) -> object:
    held = {"scheduled_time": NEW, "name": "Newsletter", "observed_scheduled_time": HOOD}
    before = inputs("1000251", "active", "scheduled", scheduled_time=HOOD, name="Newsletter")
    return step(
        "update",
        "newsletter",
        inputs("1000251", "active", "scheduled", **held, **extra),
        before,
    )


def test_a_reschedule_row_names_hoods_time_and_the_new_one() -> None:
    (row,) = read_preview(document(_reschedule()), NOW).rows

    assert (row.kind, row.action) == (
        Kind.RESCHEDULE,
        "reschedule 2030-06-01 09:00 -> 2031-01-01 09:00 GMT",
    )
    assert "**1 to reschedule**" in summarize(document(_reschedule()), now=NOW)


def test_times_show_the_entrys_zone_first_then_gmt() -> None:
    (row,) = read_preview(document(_reschedule(time_zone="Europe/Belgrade")), NOW).rows

    assert row.action == (
        "reschedule 2030-06-01 11:00 Europe/Belgrade (09:00 GMT) -> "
        "2031-01-01 10:00 Europe/Belgrade (09:00 GMT)"
    )


def test_the_stacks_default_zone_applies_to_entries_without_one() -> None:
    resume = step(
        "create",
        "push",
        inputs("1000262", "active", "paused", scheduled_time="2031-01-01 23:30:00", name="Push"),
    )
    config = {"ocamba:timeZone": "Asia/Kathmandu"}

    (row,) = read_preview(document(resume, config=config), NOW).rows

    # A local date other than GMT's gets the whole GMT time.
    assert row.action == "resume at 2031-01-02 05:15 Asia/Kathmandu (2031-01-01 23:30 GMT)"


def test_run_immediately_on_a_scheduled_campaign_says_it_starts_as_scheduled() -> None:
    kept = step(
        "same",
        "digest",
        inputs(
            "1000263",
            "active",
            "scheduled",
            run_immediately=True,
            name="Digest",
            observed_scheduled_time=HOOD,
        ),
    )

    (row,) = read_preview(document(kept), NOW).rows

    assert (row.kind, row.action) == (
        Kind.NONE,
        "in sync: starts at 2030-06-01 09:00 GMT as scheduled (never early)",
    )
