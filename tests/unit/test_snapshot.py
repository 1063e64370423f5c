"""StatusSnapshot: one shared, single-flight view of campaign statuses per provider process."""

from __future__ import annotations

import threading
import time
from typing import Any, cast

import pytest

from ocamba_provider.client import Campaign, HoodProtocolError, HoodServerError
from ocamba_provider.snapshot import StatusSnapshot
from tests.support.fake_hood import FakeHood


def snapshot_of(fake: FakeHood) -> StatusSnapshot:
    return StatusSnapshot(fake)  # type: ignore[arg-type]


def workspace(*statuses: str) -> FakeHood:
    """Campaigns "1", "2", ... with these statuses."""
    fake = FakeHood()
    for number, status in enumerate(statuses, start=1):
        fake.add(str(number), status)
    return fake


def test_observe_returns_the_campaign() -> None:
    fake = workspace("paused")

    assert snapshot_of(fake).observe("1") == Campaign("1", "campaign 1", "paused")


def test_a_second_observe_of_the_same_campaign_reads_nothing() -> None:
    fake = workspace("paused")
    snapshot = snapshot_of(fake)
    snapshot.observe("1")

    snapshot.observe("1")

    assert fake.reads == [("campaign_statuses", ("1",))]


def test_hint_makes_the_first_observe_read_every_hinted_campaign_in_one_call() -> None:
    fake = workspace("paused", "running", "scheduled", "draft")
    snapshot = snapshot_of(fake)
    snapshot.hint(["1", "2", "3", "4"])

    statuses = [snapshot.observe(i) for i in ("3", "1", "4", "2")]

    assert [c.status for c in statuses if c] == ["scheduled", "paused", "draft", "running"]
    assert fake.reads == [("campaign_statuses", ("1", "2", "3", "4"))]


def test_one_bulk_read_serves_many_observations() -> None:
    fake = workspace(*["paused"] * 30)
    snapshot = snapshot_of(fake)
    snapshot.hint(str(i) for i in range(1, 31))

    for i in range(1, 31):
        snapshot.observe(str(i))

    assert len(fake.reads) == 1


def test_a_missing_campaign_is_confirmed_by_a_single_read_and_not_read_again() -> None:
    fake = workspace("paused")
    snapshot = snapshot_of(fake)

    assert snapshot.observe("999") is None
    assert snapshot.observe("999") is None
    assert fake.reads == [("campaign_statuses", ("999",)), ("get_campaign", "999")]


def test_hint_skips_campaigns_already_seen() -> None:
    fake = workspace("paused", "running")
    snapshot = snapshot_of(fake)
    snapshot.observe("1")
    snapshot.hint(["1", "2"])

    snapshot.observe("2")

    assert fake.reads == [("campaign_statuses", ("1",)), ("campaign_statuses", ("2",))]


def test_concurrent_observers_of_one_campaign_cause_one_read() -> None:
    fake = workspace("running")
    snapshot = snapshot_of(fake)
    results: list[Any] = []
    threads = [
        threading.Thread(target=lambda: results.append(snapshot.observe("1"))) for _ in range(16)
    ]

    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(fake.reads) == 1
    assert {c.status for c in results} == {"running"}


def test_observers_waiting_for_a_read_in_flight_share_the_next_read() -> None:
    fake = workspace(*["paused"] * 12)
    fake.hold_reads = threading.Event()
    snapshot = snapshot_of(fake)
    first = threading.Thread(target=snapshot.observe, args=("1",))
    first.start()
    _wait_until(lambda: len(fake.reads) == 1)
    others = [threading.Thread(target=snapshot.observe, args=(str(i),)) for i in range(2, 13)]
    for thread in others:
        thread.start()
    # Every waiter has queued its id behind the read in flight (white-box: no public signal).
    _wait_until(lambda: len(snapshot._wanted) == 12)

    fake.hold_reads.set()
    for thread in [first, *others]:
        thread.join(timeout=5)

    assert fake.reads == [
        ("campaign_statuses", ("1",)),
        ("campaign_statuses", tuple(sorted(str(i) for i in range(2, 13)))),
    ]


def test_record_is_what_later_observations_see() -> None:
    fake = workspace("paused")
    snapshot = snapshot_of(fake)
    snapshot.observe("1")

    snapshot.record(Campaign("1", "campaign 1", "running"))

    assert snapshot.observe("1") == Campaign("1", "campaign 1", "running")
    assert len(fake.reads) == 1


def test_record_of_an_unseen_campaign_spares_its_read() -> None:
    fake = workspace("paused")
    snapshot = snapshot_of(fake)

    snapshot.record(Campaign("1", "campaign 1", "running"))

    assert snapshot.observe("1") is not None
    assert fake.reads == []


def test_reread_bypasses_what_was_seen_and_replaces_it() -> None:
    fake = workspace("paused")
    snapshot = snapshot_of(fake)
    snapshot.observe("1")
    fake.add("1", "running")

    assert snapshot.reread("1") == Campaign("1", "campaign 1", "running")
    assert snapshot.observe("1") == Campaign("1", "campaign 1", "running")
    assert fake.reads == [("campaign_statuses", ("1",)), ("get_campaign", "1")]


def test_reread_of_a_vanished_campaign_is_none() -> None:
    fake = workspace("paused")
    snapshot = snapshot_of(fake)
    snapshot.observe("1")
    del fake.campaigns["1"]

    assert snapshot.reread("1") is None
    assert snapshot.observe("1") is None


def test_a_failed_read_raises_and_the_next_observe_reads_again() -> None:
    fake = workspace("paused")
    snapshot = snapshot_of(fake)
    failing = HoodServerError("503 Service Unavailable", operation="list campaigns")
    fake.fail_reads(failing)

    with pytest.raises(HoodServerError) as caught:
        snapshot.observe("1")
    assert caught.value is failing
    assert snapshot.observe("1") == Campaign("1", "campaign 1", "paused")


def test_the_snapshot_exposes_its_client_for_writers() -> None:
    fake = workspace()

    assert snapshot_of(fake).client is cast(object, fake)


def _wait_until(condition: Any, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.001)


def test_an_invalid_hinted_id_does_not_stop_observing_valid_ones() -> None:
    fake = workspace("paused", "running")
    snapshot = snapshot_of(fake)
    snapshot.hint(["abc", "1", "2"])

    assert [snapshot.observe(i) for i in ("1", "2")] == [
        Campaign("1", "campaign 1", "paused"),
        Campaign("2", "campaign 2", "running"),
    ]


def test_unhinted_reads_switch_to_one_listing_once_they_cost_as_much() -> None:
    fake = workspace(*["paused"] * 250)  # three pages of 100
    snapshot = snapshot_of(fake)

    seen = [snapshot.observe(str(i)) for i in range(1, 251)]

    assert all(c is not None and c.status == "paused" for c in seen)
    kinds = [kind for kind, _ in fake.reads]
    # Two small reads, one size probe, one more small read (3 = ceil(250/100)), one listing.
    assert kinds == ["campaign_statuses"] * 2 + [
        "workspace_total",
        "campaign_statuses",
        "iter_campaigns",
    ]


def test_after_reading_the_whole_workspace_an_unseen_id_costs_one_single_read() -> None:
    fake = workspace(*["running"] * 5)
    snapshot = snapshot_of(fake)
    for i in ("1", "2", "3", "4"):
        snapshot.observe(i)
    before = len(fake.reads)

    assert snapshot.observe("99") is None
    assert fake.reads[before:] == [("get_campaign", "99")]


def test_hinted_runs_never_ask_for_the_workspace_size() -> None:
    fake = workspace(*["paused"] * 30)
    snapshot = snapshot_of(fake)
    snapshot.hint(str(i) for i in range(1, 31))

    for i in range(1, 31):
        snapshot.observe(str(i))

    assert [kind for kind, _ in fake.reads] == ["campaign_statuses"]


def test_a_campaign_a_bulk_answer_left_out_is_read_singly_not_lost() -> None:
    fake = workspace("paused", "running")
    fake.left_out_of_listings = {"2"}
    snapshot = snapshot_of(fake)
    snapshot.hint(["1", "2"])

    assert snapshot.observe("2") == Campaign("2", "campaign 2", "running")
    assert fake.reads == [("campaign_statuses", ("1", "2")), ("get_campaign", "2")]


def test_a_malformed_bulk_answer_stands_for_the_rest_of_the_run() -> None:
    fake = workspace("paused", "paused", "paused")
    malformed = HoodProtocolError("unexpected answer: 200 not as documented", operation="list")
    fake.fail_reads(malformed)
    snapshot = snapshot_of(fake)

    for campaign_id in ("1", "2", "3"):
        with pytest.raises(HoodProtocolError):
            snapshot.observe(campaign_id)

    assert len(fake.reads) == 1
