"""The real engine against an API that answers differently from our guesses (hood-api.md INFERs).

For every named emulator variant, and for all of them at once (`hostile`), a stack resumes and
pauses campaigns while some 204s are lost, is refreshed right away (reads may still lag), is
changed behind its back, and is brought back. The ledger must show exactly one applied write per
needed transition, state must keep every campaign, and the run must converge. This is the
variants matrix that `make test` (and so CI) runs.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from pulumi.automation import CommandError

from ocamba_provider.emulator import Emulator
from ocamba_provider.emulator.behaviour.variants import VARIANTS, variant_settings
from tests.support.ledger import ledger_problems
from tests.support.scaled import ids, keep_paused, live_statuses, resume_now, scaled_stack

pytestmark = pytest.mark.e2e

TO_RESUME, TO_PAUSE, UNDECLARED = ids(30), ids(10, 2000100), ids(70, 2000200)
DRIFTED = TO_RESUME[:4]
# Longer than any variant's status lag (eventual: 3 s), short enough for a test.
SETTLE_S = "5"
LOST_ANSWERS = [
    {"route": "resume", "fault": "drop_after_apply", "rate": 0.15, "count": 4},
    {"route": "pause", "fault": "drop_after_apply", "rate": 0.3, "count": 2},
]


# Every named variant alone, and the pair that made a resume applied once end in "could not
# resume": refusals that say nothing specific while reads lag and answers are lost.
PROFILES = [*sorted(VARIANTS), "generic-400+eventual"]


def settings_of(profile: str) -> dict[str, Any]:
    return variant_settings(profile.split("+"))


def seeded(hood: Emulator, profile: str) -> None:
    hood.control.seed(
        [{"id": c, "status": "paused"} for c in TO_RESUME]
        + [{"id": c, "status": "running"} for c in TO_PAUSE + UNDECLARED]
    )
    hood.control.settings(**settings_of(profile))


def writes_since(hood: Emulator, before: int) -> Counter[tuple[str, str]]:
    entries = hood.control.ledger()[before:]
    return Counter((str(e["campaign_id"]), e["action"]) for e in entries)


@pytest.mark.parametrize("variant", PROFILES)
def test_writes_once_keeps_every_campaign_and_converges_under_the_variant(
    engine: Path, hood: Emulator, tmp_path: Path, variant: str
) -> None:
    seeded(hood, variant)
    hood.control.set_faults(LOST_ANSWERS, seed=13)
    stack = scaled_stack(tmp_path, hood.url, **{"ocamba:settleSeconds": SETTLE_S})
    stack.declare(resume_now(TO_RESUME) + keep_paused(TO_PAUSE))

    stack.up()

    assert ledger_problems(hood.control, TO_RESUME, untouched=UNDECLARED, paused=TO_PAUSE) == []
    # Refreshed while reads may still lag behind the writes: nothing may leave state.
    stack.refresh()
    assert sorted(stack.resources()) == sorted(TO_RESUME + TO_PAUSE)

    # Paused behind the stack's back: the next up resumes exactly those, once each.
    hood.control.set_faults([])
    for campaign_id in DRIFTED:
        hood.control.set_status(campaign_id, "paused")
    before = len(hood.control.ledger())
    stack.refresh()
    stack.up()

    assert writes_since(hood, before) == Counter((c, "resume") for c in DRIFTED)
    time.sleep(settings_of(variant).get("status_lag_ms", 0) / 1000 + 0.2)  # reads catch up
    statuses = live_statuses(hood)
    assert {statuses[c] for c in TO_RESUME} == {"running"}
    assert {statuses[c] for c in TO_PAUSE} == {"paused"}
    assert sorted(stack.resources()) == sorted(TO_RESUME + TO_PAUSE)


def reads(hood: Emulator) -> int:
    return sum(
        n for route, n in hood.control.stats()["requests"].items() if route.startswith("GET")
    )


def test_a_refresh_of_120_campaigns_under_integer_ids_reads_in_bulk_and_keeps_them_all(
    engine: Path, hood: Emulator, tmp_path: Path
) -> None:
    # Before: every resource retried the same "malformed" page six times, one after another
    # (720 list requests, 703 s), because the schema allowed only string ids.
    declared, workspace = ids(120), ids(130, 2000120)
    hood.control.seed([{"id": c, "status": "running"} for c in declared + workspace])
    stack = scaled_stack(tmp_path, hood.url)
    stack.declare(resume_now(declared))
    stack.up()
    hood.control.variant("integer-ids", "z-times")
    hood.control.reset_stats()

    stack.refresh()

    # Unhinted, a refresh reads a few campaigns singly, then the whole workspace once (ski
    # rental): never more than about twice the ceil(250/100) pages a full listing costs.
    assert reads(hood) <= 2 * math.ceil(250 / 100) + 3
    assert sorted(stack.resources()) == sorted(declared)
    assert hood.control.ledger() == []


def test_a_malformed_listing_fails_a_refresh_fast_with_one_clear_error(
    engine: Path, hood: Emulator, tmp_path: Path
) -> None:
    declared = ids(120)
    hood.control.seed([{"id": c, "status": "running"} for c in declared])
    stack = scaled_stack(tmp_path, hood.url)
    stack.declare(resume_now(declared))
    stack.up()
    hood.control.set_faults([{"route": "list", "fault": "wrong_types"}])
    hood.control.reset_stats()

    with pytest.raises(CommandError) as failed:
        stack.refresh()

    # Retried once per run, then every resource fails on the same answer without asking again.
    assert reads(hood) <= 4
    assert "does not match the documented list" in str(failed.value)
    assert sorted(stack.resources()) == sorted(declared)
