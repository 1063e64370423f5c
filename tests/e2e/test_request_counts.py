"""Request counts of a real engine run against the bounds of docs/architecture.md ("Numbers the
code is held to"; no timing: `make bench`).

The emulator's limits are the documented ones x10 and the stack's `ocamba:rateLimitScale` is
10, so the runs stay fast while the client still paces; counts do not depend on the scale.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from ocamba_provider.emulator import Emulator, RateLimit
from tests.support.engine_stacks import TOKEN, StackUnderTest, urn
from tests.support.request_counts import (
    FIRST_ID,
    LIST,
    RESUME,
    gets,
    requests_seen,
    resumes_applied,
    spread_ids,
)


@pytest.fixture
def hood() -> Iterator[Emulator]:
    with Emulator(token=TOKEN, rate_limit=RateLimit(burst=100, steady=1500)) as emulator:
        yield emulator


def _stack(tmp_path: Path, hood: Emulator, workspace: int, declared: int) -> StackUnderTest:
    """A stack declaring `declared` of `workspace` paused campaigns active, spread evenly."""
    hood.control.generate(workspace, status="paused", first_id=FIRST_ID)
    stack = StackUnderTest(
        tmp_path,
        hood.url,
        TOKEN,
        extra_config={"ocamba:rateLimitScale": 10, "ocamba:allowMassTransition": "true"},
    )
    stack.declare(
        [
            {"id": cid, "state": "active", "run_immediately": True}
            for cid in spread_ids(workspace, declared)
        ]
    )
    hood.control.reset_stats()
    return stack


def _stack_code(tmp_path: Path, hood: Emulator, workspace: int, declared: int) -> StackUnderTest:
    """The same declarations in Python stack code: no `ocamba-campaigns:campaigns` list."""
    stack = _stack(tmp_path, hood, workspace, declared)
    ids = [entry["id"] for entry in stack.config_campaigns()]
    stack.declare([])
    (stack.project / "stacks" / "__main__.py").write_text(
        "from ocamba_provider import CampaignRunState\n"
        f"for campaign_id in {ids!r}:\n"
        "    CampaignRunState(f'c-{campaign_id}', campaign_id=campaign_id, state='active',\n"
        "                     run_immediately=True)\n"
    )
    return stack


def test_preview_of_10_campaigns_in_2000_issues_at_most_12_requests(
    tmp_path: Path, hood: Emulator
) -> None:
    stack = _stack(tmp_path, hood, workspace=2_000, declared=10)

    stack.preview()

    requests = requests_seen(hood)
    assert sum(requests.values()) <= 12
    assert set(requests) == {LIST}  # bulk listing only, never one GET per campaign


def test_preview_of_150_campaigns_in_300_stays_within_the_bulk_bound(
    tmp_path: Path, hood: Emulator
) -> None:
    stack = _stack(tmp_path, hood, workspace=300, declared=150)

    stack.preview()

    requests = requests_seen(hood)
    assert sum(requests.values()) <= min(150, math.ceil(300 / 100)) + 2
    assert set(requests) == {LIST}  # bulk listing only, never one GET per campaign


def test_up_resuming_20_sends_exactly_20_resumes_and_reads_in_bulk(
    tmp_path: Path, hood: Emulator
) -> None:
    stack = _stack(tmp_path, hood, workspace=1_000, declared=20)

    stack.up()

    requests = requests_seen(hood)
    resumed = resumes_applied(hood)
    assert requests[RESUME] == 20
    assert len(resumed) == 20 and set(resumed.values()) == {1}
    assert gets(requests) <= (math.ceil(1_000 / 100) + 2)
    assert hood.control.stats()["responses"].get("429", 0) == 0


@pytest.mark.parametrize(("workspace", "declared"), [(2_000, 10), (2_000, 50), (300, 150)])
def test_preview_of_stack_code_stays_within_the_bulk_bound(
    tmp_path: Path, hood: Emulator, workspace: int, declared: int
) -> None:
    stack = _stack_code(tmp_path, hood, workspace, declared)

    stack.preview()

    requests = requests_seen(hood)
    assert sum(requests.values()) <= min(declared, math.ceil(workspace / 100)) + 2
    assert set(requests) == {LIST}


def test_preview_of_one_targeted_campaign_reads_at_most_three_times(
    tmp_path: Path, hood: Emulator
) -> None:
    stack = _stack(tmp_path, hood, workspace=2_000, declared=10)
    target = f"campaign-{FIRST_ID + 5 * 200}"

    done = stack.cli("preview", "--non-interactive", "--target", urn("e2e", target))

    requests = requests_seen(hood)
    assert f"{target} " in done.stdout
    assert sum(requests.values()) <= 3
    assert hood.control.ledger() == []
