"""`make bench`'s arithmetic and verdicts: the floor, the bounds, and what counts as a miss.

The bench itself is too slow for `make test`; these pin the numbers it judges by, so a
wrong floor cannot quietly make every ratio look good.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tools.bench.checks import acceptance_checks
from tools.bench.floor import (
    DOCUMENTED_WINDOWS,
    floor_seconds,
    preview_requests_bound,
    scaled_windows,
    up_minimum_requests,
)
from tools.bench.report import Row
from tools.bench.run import Measurement, Scenario, run_repeated

RESUME = "POST /v1/hood/campaigns/{id}/resume"


@pytest.mark.parametrize(
    ("requests", "seconds"),
    [
        pytest.param(0, 0.0, id="nothing-needs-no-time"),
        pytest.param(10, 0.0, id="one-second-burst-is-free"),
        pytest.param(11, 1.0, id="the-eleventh-waits-a-second"),
        pytest.param(12, 1.0, id="preview-bound-at-T1000"),
        pytest.param(150, 14.0, id="a-minute-of-requests-takes-14s-at-10-per-second"),
        pytest.param(151, 60.0, id="the-151st-waits-for-the-minute-window"),
        pytest.param(202, 65.0, id="preview-bound-at-T20000"),
        pytest.param(310, 120.0, id="up-K300-T1000-minimum-work"),
    ],
)
def test_floor_at_the_documented_limits(requests: int, seconds: float) -> None:
    assert floor_seconds(requests, DOCUMENTED_WINDOWS) == pytest.approx(seconds)


def test_scaled_windows_multiply_counts_and_keep_lengths() -> None:
    assert scaled_windows(10) == ((100, 1.0), (1500, 60.0))
    assert floor_seconds(310, scaled_windows(10)) == pytest.approx(3.0)


@pytest.mark.parametrize(
    ("n", "t", "bound"),
    [(10, 20_000, 12), (1_000, 20_000, 202), (1_000, 1_000, 12), (3, 1_000, 5)],
)
def test_preview_bound_is_min_of_declared_and_pages_plus_two(n: int, t: int, bound: int) -> None:
    assert preview_requests_bound(n, t) == bound


def test_up_minimum_work_is_one_post_per_campaign_plus_a_full_listing() -> None:
    assert up_minimum_requests(300, 1_000) == 310


def _row(scenario: Scenario, variant: str, wall: float, requests: dict[str, int], **kw: int) -> Row:
    measurement = Measurement(scenario.name, variant, 1.0, wall_s=wall, requests=requests)
    measurement.resumes_applied = kw.get("applied", 0)
    measurement.responses = {"429": kw.get("limited", 0)} if kw.get("limited") else {}
    return Row(scenario, measurement, startup_s=1.0)


def _verdicts(rows: list[Row]) -> dict[str, bool]:
    return {check["name"]: check["pass"] for check in acceptance_checks(rows)}


def test_a_preview_over_its_request_bound_is_a_miss() -> None:
    scenario = Scenario("preview", 1_000, 20_000)
    verdicts = _verdicts([_row(scenario, "ours", 20.0, {"GET /v1/hood/campaigns": 203})])
    assert verdicts == {"preview-N1000-T20000 x1: requests <= min(N, ceil(T/100)) + 2 = 202": False}


def test_an_up_with_one_extra_post_or_one_429_misses_its_targets() -> None:
    scenario = Scenario("up", 300, 1_000)
    row = _row(scenario, "ours", 130.0, {RESUME: 301}, applied=300, limited=1)
    verdicts = _verdicts([row])
    assert verdicts["up-K300-T1000 x1: exactly 300 resume POSTs, each campaign once"] is False
    assert verdicts["up-K300-T1000 x1: zero 429 responses"] is False
    # (130 - 1) / 120 = 1.075: inside 1.25 even so.
    assert verdicts["up-K300-T1000 x1: (wall - start-up) / floor <= 1.25"] is True


def test_the_native_provider_is_held_to_the_same_bounds_under_its_own_name() -> None:
    up = Scenario("up", 300, 1_000)
    preview = Scenario("preview", 1_000, 20_000)
    rows = [
        _row(up, "native", 160.0, {RESUME: 300}, applied=300),
        _row(preview, "native", 20.0, {"GET /v1/hood/campaigns": 203}),
        _row(preview, "null", 20.0, {}),
    ]
    verdicts = _verdicts(rows)
    assert verdicts["up-K300-T1000 x1 native: exactly 300 resume POSTs, each campaign once"]
    # (160 - 1) / 120 = 1.325: a native up that slow misses the target.
    assert verdicts["up-K300-T1000 x1 native: (wall - start-up) / floor <= 1.25"] is False
    assert verdicts[
        "preview-N1000-T20000 x1 native: requests <= min(N, ceil(T/100)) + 2 = 202"
    ] is (False)
    assert not any(" null" in name for name in verdicts)  # the do-nothing floor is not judged


def test_the_floor_ratio_counts_the_start_up_out() -> None:
    scenario = Scenario("up", 300, 1_000)
    slow = _row(scenario, "ours", 151.5, {RESUME: 300}, applied=300)
    assert slow.derived["ratio"] == pytest.approx((151.5 - 1.0) / 120.0)
    assert _verdicts([slow])["up-K300-T1000 x1: (wall - start-up) / floor <= 1.25"] is False


def test_beating_a_baseline_needs_fewer_requests_and_less_wall() -> None:
    scenario = Scenario("preview", 10, 1_000)
    ours = _row(scenario, "ours", 1.2, {"GET /v1/hood/campaigns": 1}).measurement
    script = Row(
        scenario,
        Measurement(scenario.name, "script", 1.0, wall_s=0.14, requests={"GET x": 10}),
        startup_s=1.0,
        ours=ours,
    )
    naive = Row(
        scenario,
        Measurement(scenario.name, "naive", 1.0, wall_s=1.3, requests={"GET x": 10}),
        startup_s=1.0,
        ours=ours,
    )
    checks = {c["name"]: c for c in acceptance_checks([script, naive])}
    lost = checks["preview-N10-T1000 x1: ours beats script on requests and wall"]
    assert lost["pass"] is False
    assert "shorter than the engine's start-up" in lost["measured"]
    assert checks["preview-N10-T1000 x1: ours beats naive on requests and wall"]["pass"] is True


def test_repeated_runs_keep_the_median_and_every_wall(monkeypatch: pytest.MonkeyPatch) -> None:
    walls = iter([3.0, 1.0, 2.0])

    def fake_run(scenario: Scenario, variant: str, scale: float, workdir: object) -> Measurement:
        wall = next(walls)
        return Measurement(scenario.name, variant, scale, wall_s=wall, wall_runs_s=[wall])

    monkeypatch.setattr("tools.bench.run.run", fake_run)
    chosen = run_repeated(Scenario("preview", 10, 1_000), "ours", 1.0, Path("/unused"), repeats=3)
    assert chosen.wall_s == 2.0
    assert chosen.wall_runs_s == [3.0, 1.0, 2.0]
    assert not math.isnan(chosen.wall_s)


def test_a_group_preview_is_held_to_the_listing_bound_and_five_times_the_one_by_one_speed() -> None:
    scenario = Scenario("preview", 1_000, 5_000)
    ours = _row(scenario, "ours", 50.0, {"GET /v1/hood/campaigns": 11}).measurement
    fast = _row(scenario, "group", 9.0, {"GET /v1/hood/campaigns": 52})
    slow = _row(scenario, "group", 11.0, {"GET /v1/hood/campaigns": 53})
    fast.ours = slow.ours = ours

    assert _verdicts([fast]) == {
        "preview-N1000-T5000 x1 group: requests <= ceil(T/100) + 2 = 52": True,
        "preview-N1000-T5000 x1 group: >= 5x faster than one by one": True,
    }
    assert set(_verdicts([slow]).values()) == {False}
