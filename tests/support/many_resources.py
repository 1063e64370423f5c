"""A program with many CampaignRunState resources, under Pulumi's mocks, in a child process.

`python -m tests.support.many_resources N` declares N resources and prints "ok N"; `declare_many`
runs it. A child process keeps the SDK's global pickle patching (see
tests/reliability/test_scale.py) away from the test process.
"""

from __future__ import annotations

import subprocess
import sys

import pulumi

from tests.support.paths import REPO


def declare_many(count: int) -> subprocess.CompletedProcess[str]:
    """This program, declaring `count` resources, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "tests.support.many_resources", str(count)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


class _Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict]:  # type: ignore[type-arg]
        return args.name, dict(args.inputs)

    def call(self, args: pulumi.runtime.MockCallArgs) -> dict:  # type: ignore[type-arg]
        return {}


if __name__ == "__main__":
    pulumi.runtime.set_mocks(_Mocks(), preview=False)
    from ocamba_provider import CampaignRunState

    count = int(sys.argv[1])
    for i in range(count):
        CampaignRunState(f"campaign-{i}", campaign_id=str(1000000 + i), state="paused")
    print("ok", count)
