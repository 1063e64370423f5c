"""The compatibility tier: the unit tier and an e2e subset on both ends of the SDK range.

    python -m tools.compat [--end oldest|newest ...]      # make test-compat

pyproject.toml admits a range of Pulumi SDKs; requirements/sdk-oldest.txt and sdk-newest.txt
pin its two ends. For each end this builds a virtualenv with `tools/setup.sh` (OCAMBA_VENV,
OCAMBA_SDK_CONSTRAINTS: the package editable with the dev extra, the same cached engine and
hosts on its bin), cached under ~/.cache/ocamba-campaigns/compat/ and keyed by the checkout,
pyproject.toml and the constraints, then runs the tiers with that venv's interpreter: the
tests find the engine, the language host and both providers on the venv they run in
(tools/local_engine.py), so every process of a run uses that end's SDK. Prints each end's
SDK, tiers and times; exits non-zero when a tier failed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ENDS = {
    "oldest": REPO / "requirements" / "sdk-oldest.txt",
    "newest": REPO / "requirements" / "sdk-newest.txt",
}
TIERS = {
    "unit": ["tests/unit"],
    # preview, up, refresh, the failure and leak steps on both adapters (the native one from
    # the YAML program of examples/yaml), and `pulumi import`.
    "e2e": ["tests/e2e/test_campaign_run_state.py", "tests/e2e/test_native_import.py"],
}


@dataclass(frozen=True)
class TierRun:
    end: str
    sdk: str
    tier: str
    seconds: float
    passed: bool


def cache_root() -> Path:
    base = os.environ.get("OCAMBA_CACHE_DIR") or str(Path.home() / ".cache" / "ocamba-campaigns")
    return Path(base) / "compat"


def venv_for(end: str) -> Path:
    """The cached venv of one end: a new key when the checkout, the project or the pin moves
    (the editable install and the host wrappers on its bin name the checkout's path)."""
    digest = hashlib.sha256(str(REPO).encode())
    for path in (REPO / "pyproject.toml", ENDS[end]):
        digest.update(path.read_bytes())
    return cache_root() / f"{end}-{digest.hexdigest()[:12]}"


def path_without_repo_venv() -> str:
    """PATH less this checkout's .venv/bin (make puts it first): setup.sh must not take that
    engine's host wrappers, which run .venv's interpreter, for an installed engine."""
    own = (REPO / ".venv" / "bin").resolve()
    entries = os.environ.get("PATH", "").split(os.pathsep)
    return os.pathsep.join(e for e in entries if e and Path(e).resolve() != own)


def prepare(end: str) -> Path:
    """Set up (or reuse) the venv of `end`; older venvs of that end are removed."""
    venv = venv_for(end)
    for stale in cache_root().glob(f"{end}-*"):
        if stale != venv:
            shutil.rmtree(stale, ignore_errors=True)
    env = {
        **os.environ,
        "OCAMBA_VENV": str(venv),
        "OCAMBA_SDK_CONSTRAINTS": str(ENDS[end]),
        "PATH": path_without_repo_venv(),
    }
    env.pop("VIRTUAL_ENV", None)
    subprocess.run(["bash", str(REPO / "tools" / "setup.sh")], env=env, check=True)
    return venv


def sdk_version(venv: Path) -> str:
    done = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import importlib.metadata as m; print(m.version('pulumi'))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def run_tier(end: str, venv: Path, tier: str) -> TierRun:
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{path_without_repo_venv()}"}
    env.pop("VIRTUAL_ENV", None)
    command = [str(venv / "bin" / "python"), "-m", "pytest", "-p", "no:cacheprovider", "-q"]
    started = time.monotonic()
    done = subprocess.run([*command, *TIERS[tier]], cwd=REPO, env=env, check=False)
    seconds = time.monotonic() - started
    return TierRun(end, sdk_version(venv), tier, seconds, done.returncode == 0)


def report(runs: Sequence[TierRun]) -> str:
    lines = ["compat: end     pulumi     tier  time    result"]
    for run in runs:
        result = "passed" if run.passed else "FAILED"
        lines.append(
            f"compat: {run.end:<7} {run.sdk:<10} {run.tier:<5} {run.seconds:>5.0f} s  {result}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.compat", description=__doc__)
    parser.add_argument("--end", choices=sorted(ENDS), action="append", help="default: both")
    parser.add_argument("--tier", choices=sorted(TIERS), action="append", help="default: both")
    args = parser.parse_args(argv)
    runs: list[TierRun] = []
    for end in args.end or list(ENDS):
        started = time.monotonic()
        venv = prepare(end)
        print(f"compat: {end} venv ready in {time.monotonic() - started:.0f} s: {venv}")
        runs += [run_tier(end, venv, tier) for tier in args.tier or list(TIERS)]
    print(report(runs))
    return 0 if all(run.passed for run in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
