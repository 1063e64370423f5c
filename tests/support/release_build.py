"""Build the sdist and the wheel as release.yml does, from a copy of the tracked files (so the
work tree's caches and eggs stay out): `python -m build --no-isolation`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.paths import REPO


def build_dist(source: Path, out: Path, log: list[str] | None = None) -> Path:
    """Copy the tracked files into `source`, build into `out`; `out`. What the build printed
    is appended to `log`, if given."""
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, tracked):
        target = source / name.decode()
        target.parent.mkdir(parents=True, exist_ok=True)
        if (REPO / name.decode()).is_file():
            target.write_bytes((REPO / name.decode()).read_bytes())
    built = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    if log is not None:
        log.append(built.stdout + built.stderr)
    return out
