"""Request counts of a real engine run against the bounds of docs/architecture.md ("Numbers the
code is held to"; no timing: `make bench`).

Where the program tells the provider its whole run, both adapters are held to the same bounds
(tests/support/adapters.py): the config-driven Python program hints it to the first resource,
the YAML program lists it in ocamba:declaredCampaigns. What a YAML program without that list
costs is in test_native_request_counts.py.

The emulator's limits are the documented ones x10 and the stack's `ocamba:rateLimitScale` is
10, so the runs stay fast while the client still paces; counts do not depend on the scale.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from ocamba_provider.emulator import Emulator
from tests.support.adapters import Adapter
from tests.support.engine_stacks import TOKEN, StackUnderTest, urn
from tests.support.request_counts import (
    FIRST_ID,
    LIST,
    RESUME,
    SCALED,
    counted_stack,
    counting_emulator,
    gets,
    pages,
    requests_seen,
    resumes_applied,
    spread_ids,
)


@pytest.fixture
def hood() -> Iterator[Emulator]:
    with counting_emulator() as emulator:
        yield emulator


def _stack(
    tmp_path: Path, hood: Emulator, workspace: int, declared: int, kind: str = "dynamic"
) -> Adapter:
    """A stack declaring `declared` of `workspace` paused campaigns active, spread evenly, its
    whole run told to the provider."""
    return counted_stack(tmp_path, hood, kind, workspace, declared, listed=True)


def _stack_code(tmp_path: Path, hood: Emulator, workspace: int, declared: int) -> StackUnderTest:
    """The same declarations in Python stack code: no `ocamba-campaigns:campaigns` list."""
    hood.control.generate(workspace, status="paused", first_id=FIRST_ID)
    stack = StackUnderTest(tmp_path, hood.url, TOKEN, extra_config=SCALED)
    ids = spread_ids(workspace, declared)
    stack.declare([])
    (stack.project / "stacks" / "__main__.py").write_text(
        "from ocamba_provider import CampaignRunState\n"
        f"for campaign_id in {ids!r}:\n"
        "    CampaignRunState(f'c-{campaign_id}', campaign_id=campaign_id, state='active',\n"
        "                     run_immediately=True)\n"
    )
    hood.control.reset_stats()
    return stack


@pytest.mark.parametrize(("workspace", "declared"), [(2_000, 10), (300, 150), (2_000, 200)])
def test_preview_of_the_whole_run_stays_within_the_bulk_bound(
    tmp_path: Path, hood: Emulator, adapter_kind: str, workspace: int, declared: int
) -> None:
    # 10 of 2,000: at most 12 requests; 150 of 300: at most 5.
    stack = _stack(tmp_path, hood, workspace, declared, adapter_kind)

    stack.preview()

    requests = requests_seen(hood)
    assert sum(requests.values()) <= min(declared, pages(workspace)) + 2
    assert set(requests) == {LIST}  # bulk listing only, never one GET per campaign


def test_up_resuming_20_sends_exactly_20_resumes_and_reads_in_bulk(
    tmp_path: Path, hood: Emulator, adapter_kind: str
) -> None:
    stack = _stack(tmp_path, hood, 1_000, 20, adapter_kind)

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
