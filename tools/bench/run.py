"""Running one scenario one way (ours, ours with an instant API, naive provider, plain script)."""

from __future__ import annotations

import math
import shutil
import tempfile
import time
import traceback
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ocamba_provider.emulator import Emulator, RateLimit
from tools.bench.floor import preview_requests_bound, up_minimum_requests
from tools.bench.processes import ProcessWatch
from tools.bench.script_baseline import run_script_process
from tools.bench.stack import NAIVE_PROGRAM, NULL_PROGRAM, OURS_PROGRAM, REPO, BenchStack
from tools.bench.yaml_stack import YamlBenchStack

TOKEN = "bench-token-0123456789"
FIRST_ID = 1_000_000
GROUP_LABEL = "bench-group"
"""The label the `group` variant's members carry (the others carry none)."""
INSTANT_SCALE = 100_000
"""`ocamba:rateLimitScale` for the instant-API runs: client pacing that never binds."""

VARIANTS = ("ours", "naive", "script", "instant", "null", "native", "group")
"""instant: ours with the API unlimited and the client unpaced, i.e. the engine's own cost.
null: a dynamic provider that does nothing (no API call). native: the YAML example's shape on
pulumi-resource-ocamba, paced like ours."""


@dataclass(frozen=True)
class Scenario:
    """`preview` of N declared campaigns, or `up` resuming K = N, in a workspace of T;
    `concurrent`: two ups at once, K each (different campaigns), sharing one token."""

    kind: str
    n: int
    t: int

    @property
    def name(self) -> str:
        return f"{self.kind}-{'N' if self.kind == 'preview' else 'K'}{self.n}-T{self.t}"

    @property
    def runs(self) -> int:
        """How many `pulumi up` run at once on the account."""
        return 2 if self.kind == "concurrent" else 1

    @property
    def needed_requests(self) -> int:
        """The requests the floor is computed for (the preview bound or the minimum work).

        Both are in docs/architecture.md, "Numbers the code is held to".
        """
        if self.kind == "preview":
            return preview_requests_bound(self.n, self.t)
        # The account's budget is shared: the floor is that of every run's work together.
        return self.runs * up_minimum_requests(self.n, self.t)

    def campaign_ids(self) -> list[str]:
        """N ids (N per run) spread evenly over the workspace (all generated paused)."""
        count = self.n * self.runs
        step = max(1, self.t // max(1, count))
        return [str(FIRST_ID + i * step) for i in range(count)]

    def declarations(self) -> list[dict[str, Any]]:
        """Every declared campaign active, resumed now: a preview plans N resumes."""
        return [{"id": i, "state": "active", "run_immediately": True} for i in self.campaign_ids()]

    def group_declaration(self) -> list[dict[str, Any]]:
        """The same N campaigns as one group (issue 26): every one carries GROUP_LABEL."""
        return [
            {
                "name": "bench",
                "select": {"labels": [GROUP_LABEL]},
                "state": "active",
                "run_immediately": True,
            }
        ]

    def seed(self, hood: Emulator, *, labelled: bool) -> None:
        """T paused campaigns; with `labelled`, the N declared ones carry GROUP_LABEL."""
        if not labelled:
            hood.control.generate(self.t, status="paused", first_id=FIRST_ID)
            return
        members = set(self.campaign_ids())
        # As small as a campaign can be: the control route takes at most 1 MB (T=20,000).
        hood.control.seed(
            [
                {
                    "id": cid,
                    "status": "paused",
                    **({"labels": [GROUP_LABEL]} if cid in members else {}),
                }
                for cid in (str(FIRST_ID + i) for i in range(self.t))
            ]
        )


@dataclass
class Measurement:
    """What one run did and cost; wall_s is the preview/up call (or the script) alone."""

    scenario: str
    variant: str
    scale: float
    wall_s: float = math.nan
    requests: dict[str, int] = field(default_factory=dict)
    responses: dict[str, int] = field(default_factory=dict)
    max_per_second: int = 0
    max_per_minute: int = 0
    peak_rss: dict[str, int] = field(default_factory=dict)
    cpu_s: dict[str, float] = field(default_factory=dict)
    resumes_applied: int = 0
    resumed_twice: int = 0
    resume_span_s: float | None = None
    """First to last applied resume (emulator ledger): the paced part of an up."""
    wall_runs_s: list[float] = field(default_factory=list)
    """Every repetition's wall; this measurement is the median one."""
    each_run_wall_s: list[float] = field(default_factory=list)
    """concurrent: each `pulumi up`'s own wall (wall_s is from both starts to the last end)."""
    error: str | None = None

    @property
    def total_requests(self) -> int:
        return sum(self.requests.values())

    @property
    def rate_limited(self) -> int:
        return int(self.responses.get("429", 0))

    @property
    def rate_limited_share(self) -> float:
        """429 answers over all answers."""
        return self.rate_limited / max(1, sum(self.responses.values()))

    def as_json(self) -> dict[str, Any]:
        scale = self.scale if math.isfinite(self.scale) else "unlimited"
        return asdict(self) | {
            "scale": scale,
            "total_requests": self.total_requests,
            "429s": self.rate_limited,
        }


def emulator_limits(scale: float) -> RateLimit:
    """The documented windows with their counts times `scale`."""
    return RateLimit(burst=max(1, int(10 * scale)), steady=max(1, int(150 * scale)))


def run(scenario: Scenario, variant: str, scale: float, workdir: Path) -> Measurement:
    """Run `scenario` as `variant` against a fresh emulator; errors end up in `.error`."""
    result = Measurement(scenario.name, variant, math.inf if variant == "instant" else scale)
    limits = None if variant == "instant" or math.isinf(scale) else emulator_limits(scale)
    root = Path(tempfile.mkdtemp(prefix=f"{scenario.name}-{variant}-", dir=workdir))
    try:
        with Emulator(token=TOKEN, rate_limit=limits) as hood:
            scenario.seed(hood, labelled=variant == "group")
            if variant == "script":
                hood.control.reset_stats()
                started = time.monotonic()
                run_script_process(
                    hood.url,
                    TOKEN,
                    scenario.campaign_ids(),
                    apply=scenario.kind == "up",
                    repo=REPO,
                )
                result.wall_s = time.monotonic() - started
            elif scenario.kind == "concurrent":
                run_concurrent_ups(scenario, scale, hood, root, result=result)
            else:
                _run_engine(scenario, variant, scale, hood, root, result=result)
            _count(hood, result)
    except Exception as error:
        result.error = f"{type(error).__name__}: {str(error)[-2000:]}"
        traceback.print_exc()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    result.wall_runs_s = [round(result.wall_s, 3)]
    return result


def run_repeated(
    scenario: Scenario, variant: str, scale: float, workdir: Path, repeats: int
) -> Measurement:
    """The median-wall run of `repeats` fresh runs (an error ends the series early)."""
    runs: list[Measurement] = []
    for _ in range(max(1, repeats)):
        runs.append(run(scenario, variant, scale, workdir))
        if runs[-1].error:
            return runs[-1]
    chosen = sorted(runs, key=lambda m: m.wall_s)[len(runs) // 2]
    chosen.wall_runs_s = [w for m in runs for w in m.wall_runs_s]
    return chosen


def _run_engine(
    scenario: Scenario,
    variant: str,
    scale: float,
    hood: Emulator,
    root: Path,
    *,
    result: Measurement,
) -> None:
    config = {
        "ocamba:allowMassTransition": "true",
        "ocamba:rateLimitScale": INSTANT_SCALE if variant == "instant" else scale,
    }
    stack: BenchStack | YamlBenchStack
    if variant == "native":
        stack = YamlBenchStack(root, hood.url, TOKEN, config)
    else:
        program = {"naive": NAIVE_PROGRAM, "null": NULL_PROGRAM}.get(variant, OURS_PROGRAM)
        stack = BenchStack(root, program, hood.url, TOKEN, config)
    stack.declare(scenario.group_declaration() if variant == "group" else scenario.declarations())
    hood.control.reset_stats()
    with ProcessWatch() as watch:
        started = time.monotonic()
        if scenario.kind == "preview":
            stack.preview()
        else:
            stack.up()
        result.wall_s = time.monotonic() - started
    result.peak_rss = watch.usage.peak_rss
    result.cpu_s = {role: round(cpu, 2) for role, cpu in watch.usage.cpu_s.items()}


def run_concurrent_ups(
    scenario: Scenario, scale: float, hood: Emulator, root: Path, *, result: Measurement
) -> None:
    """Two CI jobs with one token: two stacks, K different campaigns each, `up` at once."""
    config = {"ocamba:allowMassTransition": "true", "ocamba:rateLimitScale": scale}
    declared = scenario.declarations()
    stacks = []
    for index in range(scenario.runs):
        stack = BenchStack(root / f"run-{index}", OURS_PROGRAM, hood.url, TOKEN, config)
        stack.declare(declared[index :: scenario.runs])
        stacks.append(stack)
    hood.control.reset_stats()
    started = time.monotonic()

    def up(stack: BenchStack) -> float:
        stack.up()
        return time.monotonic() - started

    with ProcessWatch() as watch, ThreadPoolExecutor(max_workers=len(stacks)) as pool:
        walls = list(pool.map(up, stacks))
    result.wall_s = max(walls)
    result.each_run_wall_s = [round(wall, 2) for wall in walls]
    result.peak_rss = watch.usage.peak_rss
    result.cpu_s = {role: round(cpu, 2) for role, cpu in watch.usage.cpu_s.items()}


def _count(hood: Emulator, result: Measurement) -> None:
    stats = hood.control.stats()
    result.requests = dict(stats["requests"])
    result.responses = dict(stats["responses"])
    result.max_per_second = int(stats["max_per_second"])
    result.max_per_minute = int(stats["max_per_minute"])
    ledger = [e for e in hood.control.ledger() if e["action"] == "resume"]
    resumes = Counter(e["campaign_id"] for e in ledger)
    result.resumes_applied = sum(resumes.values())
    if ledger:
        result.resume_span_s = round(ledger[-1]["at"] - ledger[0]["at"], 2)
    result.resumed_twice = sum(1 for count in resumes.values() if count > 1)


def startup(workdir: Path, variant: str = "instant") -> Measurement:
    """A fixed start-up: a preview of the real program declaring nothing ("instant"), or the
    script reading nothing ("script": the interpreter and its imports)."""
    return run(Scenario("preview", 0, 100), variant, math.inf, workdir)
