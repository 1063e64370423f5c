"""The bench's one table, its JSON record and its plot."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools.bench.floor import DOCUMENTED_WINDOWS, floor_seconds, scaled_windows
from tools.bench.run import Measurement, Scenario

SHORT_ROUTES = {
    "GET /v1/hood/campaigns": "list",
    "GET /v1/hood/campaigns/{id}": "get",
    "POST /v1/hood/campaigns/{id}/resume": "resume",
    "POST /v1/hood/campaigns/{id}/pause": "pause",
}


@dataclass
class Row:
    """One scenario run one way, with the figures derived from it."""

    scenario: Scenario
    measurement: Measurement
    startup_s: float
    ours: Measurement | None = None
    script_startup_s: float = 0.0
    derived: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        m, scale = self.measurement, self.measurement.scale
        floor = (
            floor_seconds(self.scenario.needed_requests, scaled_windows(scale))
            if math.isfinite(scale)
            else 0.0
        )
        # Each variant's own fixed start-up: the engine's, or the script's interpreter.
        fixed = self.script_startup_s if m.variant == "script" else self.startup_s
        answered = m.total_requests - m.rate_limited
        self.derived = {
            "needed_requests": self.scenario.needed_requests,
            "floor_s": floor,
            "floor_documented_s": floor_seconds(self.scenario.needed_requests),
            "ratio": (m.wall_s - fixed) / floor if floor > 0 else None,
            # A lower bound on this variant's wall at the documented limits: it must send at
            # least the requests that were answered here.
            "own_floor_documented_s": floor_seconds(answered, DOCUMENTED_WINDOWS),
        }
        if self.ours is not None and m.variant in ("naive", "script") and m.total_requests:
            self.derived["ours_over_this_requests"] = self.ours.total_requests / m.total_requests
            self.derived["ours_over_this_wall"] = self.ours.wall_s / m.wall_s


def _routes(requests: dict[str, int]) -> str:
    parts = [
        f"{SHORT_ROUTES.get(route, route)} {count}" for route, count in sorted(requests.items())
    ]
    return ", ".join(parts) or "-"


def _scale(scale: float) -> str:
    return f"{scale:g}" if math.isfinite(scale) else "inf"


def _num(value: float | None, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:.{digits}f}"


HEADER = (
    f"{'scenario':<22}{'variant':<9}{'x':>4} {'requests by route':<32}{'total':>6}{'429':>5}"
    f"{'wall s':>8}{'floor s':>8}{'(w-s0)/fl':>10}{'fl@x1 own':>10}{'prov MB':>8}"
    f"{'ours/this req':>14}{'ours/this wall':>15}"
)


def format_row(row: Row) -> str:
    m, d = row.measurement, row.derived
    rss = m.peak_rss.get("provider")
    line = (
        f"{m.scenario:<22}{m.variant:<9}{_scale(m.scale):>4} {_routes(m.requests):<32}"
        f"{m.total_requests:>6}{m.rate_limited:>5}{_num(m.wall_s, 2):>8}{_num(d['floor_s']):>8}"
        f"{_num(d['ratio'], 2):>10}{_num(d['own_floor_documented_s'], 0):>10}"
        f"{_num(rss / 2**20 if rss else None, 0):>8}"
        f"{_num(d.get('ours_over_this_requests'), 3):>14}"
        f"{_num(d.get('ours_over_this_wall'), 2):>15}"
    )
    return line + (f"  ERROR {m.error[:80]}" if m.error else "")


def table(rows: Sequence[Row], startup_s: float, script_startup_s: float) -> str:
    """The printed table, with its legend."""
    legend = [
        f"x: rate-limit scale (emulator RateLimit and ocamba:rateLimitScale = documented x this;"
        f" windows unchanged). s0 = engine start-up = {startup_s:.2f} s (no-op preview);",
        f"script s0 = {script_startup_s:.2f} s (the script process reading nothing). wall s:"
        f" median of {_repeats(rows)} runs where N <= 50, else one run.",
        "floor s: least time for the requests the scenario needs (preview: min(N,ceil(T/100))+2;"
        " up: K + ceil(T/100)) under the scaled windows;",
        "(w-s0)/fl: (wall - s0) / floor, in scaled units (script: minus its own s0)."
        " fl@x1 own: floor of this variant's own answered",
        "requests at the documented 10/s, 150/min: a lower bound on its wall at x1 (for the"
        " x10 rows, where the baselines were not run at x1).",
        "preview floors use the documented bound, not the requests ours needed (fewer: id=in:"
        " batches), so a preview ratio below 1 is expected.",
        "instant (x inf) = ours with the API unlimited and the client unpaced: the engine's own"
        " cost, the same at any scale.",
        "prov MB: peak RSS of the provider process (pulumi.dynamic, or the native plugin).",
    ]
    lines = [HEADER, "-" * len(HEADER)]
    previous = None
    for row in rows:
        if previous is not None and row.measurement.scenario != previous:
            lines.append("")
        previous = row.measurement.scenario
        lines.append(format_row(row))
    return "\n".join([*lines, "", *legend])


def _repeats(rows: Sequence[Row]) -> int:
    return max((len(r.measurement.wall_runs_s) for r in rows), default=1)


def write_json(path: Path, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document, indent=2, sort_keys=True, default=str) + "\n")


def plot(path: Path, rows: Sequence[Row], startup_s: float) -> None:
    """Wall time against N (K for up), one panel per scale and kind/T, with the floor drawn."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ok = [r for r in rows if not r.measurement.error]
    scales = sorted({r.measurement.scale for r in ok if math.isfinite(r.measurement.scale)})
    shapes = sorted({(r.scenario.kind, r.scenario.t) for r in ok})
    if not scales or not shapes:
        return
    figure, axes = plt.subplots(
        len(scales), len(shapes), figsize=(4.8 * len(shapes), 4.0 * len(scales)), squeeze=False
    )
    styles = {
        "ours": "o-",
        "naive": "s--",
        "script": "^:",
        "instant": "x-.",
        "null": "+-.",
        "native": "d-",
    }
    for row_axes, scale in zip(axes, scales, strict=True):
        for axis, (kind, t) in zip(row_axes, shapes, strict=True):
            here = [r for r in ok if (r.scenario.kind, r.scenario.t) == (kind, t)]
            for variant, style in styles.items():
                points = sorted(
                    (r.scenario.n, r.measurement.wall_s)
                    for r in here
                    if r.measurement.variant == variant
                    and (r.measurement.scale == scale or variant == "instant")
                )
                if points:
                    label = "API instant (engine cost)" if variant == "instant" else variant
                    axis.plot(*zip(*points, strict=True), style, label=label)
            ns = sorted({r.scenario.n for r in here if r.measurement.scale == scale})
            if ns:
                floors = [
                    startup_s
                    + floor_seconds(Scenario(kind, n, t).needed_requests, scaled_windows(scale))
                    for n in ns
                ]
                axis.plot(
                    ns,
                    floors,
                    "k_-",
                    markersize=16,
                    linewidth=3,
                    alpha=0.35,
                    label="floor + start-up",
                )
            if scale == 1:
                # Baselines run only at a scaled limit: their x1 wall is at least this.
                for variant, marker in (("naive", "s"), ("script", "^")):
                    bounds = sorted(
                        (
                            r.scenario.n,
                            max(r.measurement.wall_s, r.derived["own_floor_documented_s"]),
                        )
                        for r in here
                        if r.measurement.variant == variant and r.measurement.scale != 1
                    )
                    if bounds:
                        axis.plot(
                            *zip(*bounds, strict=True),
                            marker,
                            fillstyle="none",
                            markersize=10,
                            linestyle="none",
                            label=f"{variant} at x1: lower bound",
                        )
            axis.set_xscale("log")
            axis.set_yscale("log")
            axis.set_xlabel("K resumed" if kind == "up" else "N declared")
            axis.set_ylabel("wall s")
            axis.set_title(f"{kind}, T={t:,}, limits x{scale:g}", fontsize=10)
            axis.grid(True, which="both", alpha=0.3)
            if axis.get_legend_handles_labels()[0]:
                axis.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
