"""A stack may declare 1,000 campaigns (the soak's size): every provider must serialise."""

from __future__ import annotations

import subprocess
import sys

from tests.e2e.harness import REPO


def declare_many(count: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tests.reliability.many_resources", str(count)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_program_can_declare_1100_campaigns() -> None:
    done = declare_many(1100)

    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok 1100"
