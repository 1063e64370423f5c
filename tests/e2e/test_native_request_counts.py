"""Request counts through the native provider from a YAML program, against the bounds of
docs/architecture.md ("Numbers the code is held to").

A YAML program cannot send the snapshot hint (the bulk list of declarations), and the engine
calls check once per resource, one after another (PULUMI_PARALLEL_DIFF runs diffs, not
checks, in parallel), so no check can know how many follow. The program's config can tell
it: with ocamba:declaredCampaigns the first check reads every declared campaign at once, and
the bound min(N, ceil(T/100)) + 2 holds as for the dynamic provider (test_request_counts.py
holds both adapters to it). This module is the program without that list.

Without that list the snapshot rents: single reads until they have cost as much as reading
the whole workspace (ceil(T/100) pages), then it buys the listing. That is within
2 x min(N, ceil(T/100)) + 3, and within that bound only while N <= ceil(T/100). No
strategy that does not know N does better (ski rental); the strict xfail below says when one
does. Limits as in test_request_counts.py (x10).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from ocamba_provider.emulator import Emulator
from tests.support.adapters import Adapter
from tests.support.engine_stacks import TOKEN
from tests.support.request_counts import (
    LIST,
    RESUME,
    counted_stack,
    counting_emulator,
    gets,
    pages,
    requests_seen,
    resumes_applied,
)
from tests.support.workspaces import seeded
from tests.support.yaml_stack import EXAMPLE, YamlStack


@pytest.fixture
def hood() -> Iterator[Emulator]:
    with counting_emulator() as emulator:
        yield emulator


def _stack(tmp_path: Path, hood: Emulator, workspace: int, declared: int) -> Adapter:
    """A YAML stack declaring `declared` of `workspace` paused campaigns active, spread evenly,
    without ocamba:declaredCampaigns."""
    return counted_stack(tmp_path, hood, "native", workspace, declared, listed=False)


def test_preview_of_10_in_2000_meets_the_design_bound_without_a_hint(
    tmp_path: Path, hood: Emulator
) -> None:
    stack = _stack(tmp_path, hood, workspace=2_000, declared=10)

    stack.preview()

    requests = requests_seen(hood)
    assert sum(requests.values()) <= min(10, pages(2_000)) + 2
    assert set(requests) == {LIST}  # bulk listing only, never one GET per campaign


@pytest.mark.parametrize(("workspace", "declared"), [(300, 150), (2_000, 200)])
def test_preview_of_many_stays_within_twice_the_bulk_bound_without_a_hint(
    tmp_path: Path, hood: Emulator, workspace: int, declared: int
) -> None:
    stack = _stack(tmp_path, hood, workspace, declared)

    stack.preview()

    requests = requests_seen(hood)
    assert sum(requests.values()) <= 2 * min(declared, pages(workspace)) + 3
    assert set(requests) == {LIST}


@pytest.mark.xfail(
    strict=True,
    reason="without ocamba:declaredCampaigns no check knows N (the engine checks serially): "
    "the rental costs up to twice the floor",
)
def test_preview_of_150_in_300_meets_the_design_bound_without_a_hint(
    tmp_path: Path, hood: Emulator
) -> None:
    stack = _stack(tmp_path, hood, workspace=300, declared=150)

    stack.preview()

    assert sum(requests_seen(hood).values()) <= min(150, pages(300)) + 2


def test_up_resuming_20_sends_exactly_20_resumes_and_reads_within_the_bound(
    tmp_path: Path, hood: Emulator
) -> None:
    stack = _stack(tmp_path, hood, workspace=1_000, declared=20)

    stack.up()

    requests = requests_seen(hood)
    resumed = resumes_applied(hood)
    assert requests[RESUME] == 20
    assert len(resumed) == 20 and set(resumed.values()) == {1}
    # The same rental as a preview: 2 x ceil(T/100) + 3, not the bound's ceil(T/100) + 2.
    assert gets(requests) <= (2 * pages(1_000) + 3)
    assert hood.control.stats()["responses"].get("429", 0) == 0


def test_the_example_as_written_reads_its_campaigns_in_one_request(
    tmp_path: Path, hood: Emulator
) -> None:
    stack = YamlStack(tmp_path, seeded(hood).url, TOKEN)
    (stack.project / "Pulumi.yaml").write_text(EXAMPLE.read_text())  # its list included
    hood.control.reset_stats()

    preview = stack.preview()

    assert preview.change_summary.get("create") == 4  # three campaigns and the stack
    assert requests_seen(hood) == Counter({LIST: 1})
