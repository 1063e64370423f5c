"""The figures the project is held to, judged from a bench run's rows.

`target: True` are those numbers (docs/architecture.md, "Numbers the code is held to"; they
decide the exit code); `target: False` is the comparison with the baselines, reported but not
failing the run: on a small N the engine's fixed start-up alone is longer than a plain script's
whole run.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from tools.bench.report import Row

RATIO_TARGET = 1.25
SHARED_RATIO_TARGET = 1.1
SHARED_429_TARGET = 0.02


def _check(name: str, target: bool, passed: bool, measured: str) -> dict[str, Any]:
    return {"name": name, "target": target, "pass": passed, "measured": measured}


def acceptance_checks(rows: Sequence[Row]) -> list[dict[str, Any]]:
    """Every applicable check, in a stable order."""
    checks: list[dict[str, Any]] = []
    # The native provider is held to the same bounds as ours (issue 17), where it ran.
    ours = [r for r in rows if r.measurement.variant in ("ours", "native")]
    for row in rows:
        m = row.measurement
        if m.error:
            checks.append(
                _check(f"{m.scenario} {m.variant} x{m.scale:g} ran", True, False, m.error[:120])
            )
    for row in ours:
        m, s = row.measurement, row.scenario
        where = f"{m.scenario} x{m.scale:g}" + ("" if m.variant == "ours" else f" {m.variant}")
        if m.error:
            continue
        if s.kind == "concurrent":
            checks += _shared_budget_checks(row, where)
            continue
        if s.kind == "preview":
            bound = s.needed_requests
            checks.append(
                _check(
                    f"{where}: requests <= min(N, ceil(T/100)) + 2 = {bound}",
                    True,
                    m.total_requests <= bound,
                    f"{m.total_requests} requests",
                )
            )
            continue
        posts = m.requests.get("POST /v1/hood/campaigns/{id}/resume", 0)
        checks.append(
            _check(
                f"{where}: exactly {s.n} resume POSTs, each campaign once",
                True,
                posts == s.n and m.resumes_applied == s.n and not m.resumed_twice,
                f"{posts} POSTs, {m.resumes_applied} applied, {m.resumed_twice} resumed twice",
            )
        )
        checks.append(
            _check(
                f"{where}: zero 429 responses", True, m.rate_limited == 0, f"{m.rate_limited} x 429"
            )
        )
        ratio = row.derived["ratio"]
        if m.scale == 1 or s.n >= 300:
            ok = ratio is not None and ratio <= RATIO_TARGET
            # The acceptance figure is K=300 at the documented limits (docs/architecture.md);
            # smaller K and scaled limits are reported (per-resource engine work shows there)
            # but not judged.
            checks.append(
                _check(
                    f"{where}: (wall - start-up) / floor <= {RATIO_TARGET}",
                    m.scale == 1 and s.n >= 300,
                    ok,
                    f"({m.wall_s:.1f} - {row.startup_s:.1f}) / {row.derived['floor_s']:.1f} = "
                    + (f"{ratio:.3f}" if ratio is not None else "n/a")
                    + (f"; resumes spanned {m.resume_span_s} s" if m.resume_span_s else "")
                    + ("" if m.scale == 1 else " (scaled limits: engine-bound, not the target)"),
                )
            )
    for row in rows:
        m = row.measurement
        if m.variant not in ("naive", "script") or m.error or row.ours is None or row.ours.error:
            continue
        fewer = row.ours.total_requests < m.total_requests
        faster = row.ours.wall_s < m.wall_s
        why = ""
        if not faster and m.wall_s < row.startup_s:
            why = (
                f"; the baseline's whole run is shorter than the engine's start-up "
                f"({row.startup_s:.2f} s)"
            )
        checks.append(
            _check(
                f"{m.scenario} x{m.scale:g}: ours beats {m.variant} on requests and wall",
                False,
                fewer and faster,
                f"requests {row.ours.total_requests} vs {m.total_requests} "
                f"(ours/{m.variant} {row.ours.total_requests / max(1, m.total_requests):.3f}), "
                f"wall {row.ours.wall_s:.2f} s vs {m.wall_s:.2f} s "
                f"(ours/{m.variant} {row.ours.wall_s / m.wall_s:.2f}){why}",
            )
        )
    checks += _documented_comparisons(rows)
    checks += _group_checks(rows)
    return checks


GROUP_SPEED_TARGET = 5.0
"""Issue 26: a group's preview at least this many times faster than the same campaigns
declared one by one, measured in the same run."""


def _group_checks(rows: Sequence[Row]) -> list[dict[str, Any]]:
    """A group of N in a workspace of T: its preview within ceil(T/100) + 2 requests and at
    least 5x faster than ours declaring the N one by one; its up as ours is held to."""
    found: list[dict[str, Any]] = []
    for row in rows:
        m, s = row.measurement, row.scenario
        if m.variant != "group" or m.error:
            continue
        where = f"{m.scenario} x{m.scale:g} group"
        if s.kind == "preview":
            bound = math.ceil(s.t / 100) + 2
            found.append(
                _check(
                    f"{where}: requests <= ceil(T/100) + 2 = {bound}",
                    True,
                    m.total_requests <= bound,
                    f"{m.total_requests} requests",
                )
            )
            ours = row.ours
            if ours is not None and not ours.error and m.wall_s > 0:
                speedup = ours.wall_s / m.wall_s
                found.append(
                    _check(
                        f"{where}: >= {GROUP_SPEED_TARGET:g}x faster than one by one",
                        True,
                        speedup >= GROUP_SPEED_TARGET,
                        f"{ours.wall_s:.1f} s / {m.wall_s:.1f} s = {speedup:.1f}x",
                    )
                )
            continue
        posts = m.requests.get("POST /v1/hood/campaigns/{id}/resume", 0)
        ratio = row.derived["ratio"]
        found += [
            _check(
                f"{where}: exactly {s.n} resume POSTs, each member once",
                True,
                posts == s.n and m.resumes_applied == s.n and not m.resumed_twice,
                f"{posts} POSTs, {m.resumes_applied} applied, {m.resumed_twice} resumed twice",
            ),
            _check(f"{where}: zero 429 responses", True, m.rate_limited == 0, f"{m.rate_limited}"),
            _check(
                f"{where}: (wall - start-up) / floor <= {SHARED_RATIO_TARGET}",
                m.scale == 1,
                ratio is not None and ratio <= SHARED_RATIO_TARGET,
                "n/a" if ratio is None else f"{ratio:.3f}",
            ),
        ]
    return found


def _shared_budget_checks(row: Row, where: str) -> list[dict[str, Any]]:
    """Two runs sharing one token (docs/architecture.md): at most 2 % of answers 429, combined
    wall within 1.1x the floor of both runs' work, and still each campaign resumed once."""
    m, s = row.measurement, row.scenario
    judged = m.scale == 1
    ratio = row.derived["ratio"]
    wanted = s.n * s.runs
    return [
        _check(
            f"{where}: {wanted} campaigns resumed, each once",
            True,
            m.resumes_applied == wanted and not m.resumed_twice,
            f"{m.resumes_applied} applied, {m.resumed_twice} resumed twice",
        ),
        _check(
            f"{where}: at most {SHARED_429_TARGET:.0%} of answers 429",
            judged,
            m.rate_limited_share <= SHARED_429_TARGET,
            f"{m.rate_limited} x 429 of {sum(m.responses.values())} answers "
            f"({m.rate_limited_share:.1%})",
        ),
        _check(
            f"{where}: (combined wall - start-up) / floor <= {SHARED_RATIO_TARGET}",
            judged,
            ratio is not None and ratio <= SHARED_RATIO_TARGET,
            f"({m.wall_s:.1f} - {row.startup_s:.1f}) / {row.derived['floor_s']:.1f} = "
            + (f"{ratio:.3f}" if ratio is not None else "n/a")
            + f"; wall / floor = {m.wall_s / max(row.derived['floor_s'], 1e-9):.3f}"
            + f"; each run {m.each_run_wall_s} s",
        ),
    ]


def _documented_comparisons(rows: Sequence[Row]) -> list[dict[str, Any]]:
    """Ours measured at x1 against a baseline run only at a scaled limit: the baseline's x1
    wall is at least the floor of the requests it had answered (and at least its scaled wall)."""
    found: list[dict[str, Any]] = []
    ours_x1 = {
        r.measurement.scenario: r.measurement
        for r in rows
        if r.measurement.variant == "ours" and r.measurement.scale == 1 and not r.measurement.error
    }
    for row in rows:
        m = row.measurement
        ours = ours_x1.get(m.scenario)
        if ours is None or m.variant not in ("naive", "script") or m.scale == 1 or m.error:
            continue
        bound = max(m.wall_s, row.derived["own_floor_documented_s"])
        found.append(
            _check(
                f"{m.scenario} x1: ours (measured) beats {m.variant} (lower bound from its x"
                f"{m.scale:g} run) on requests and wall",
                False,
                ours.total_requests < m.total_requests and ours.wall_s < bound,
                f"requests {ours.total_requests} vs {m.total_requests}, wall {ours.wall_s:.1f} s "
                f"vs >= {bound:.0f} s",
            )
        )
    return found
