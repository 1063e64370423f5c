"""The exactly-once property, read from the emulator's ledger of applied writes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ocamba_provider.emulator import Emulator, EmulatorControl


def applied_actions(emulator: Emulator) -> list[tuple[str, str]]:
    """The emulator's ledger as (campaign id, action) pairs, in the order applied."""
    return [(entry["campaign_id"], entry["action"]) for entry in emulator.control.ledger()]


def applied(control: EmulatorControl, action: str) -> Counter[str]:
    """How many times the API applied `action` to each campaign."""
    return Counter(e["campaign_id"] for e in control.ledger() if e["action"] == action)


def ledger_problems(
    control: EmulatorControl,
    resumed: Iterable[str],
    untouched: Iterable[str] = (),
    paused: Iterable[str] = (),
) -> list[str]:
    """Every way the ledger breaks "exactly one resume (pause) per campaign that needed one,
    none for the others"; empty when it holds."""
    resumes, pauses = applied(control, "resume"), applied(control, "pause")
    problems = [f"campaign {c} resumed {resumes[c]} times" for c in resumed if resumes[c] != 1]
    problems += [f"campaign {c} paused {pauses[c]} times" for c in paused if pauses[c] != 1]
    problems += [
        f"campaign {c} got {resumes[c]} resumes and {pauses[c]} pauses but needed none"
        for c in untouched
        if resumes[c] or pauses[c]
    ]
    return problems


def duplicates(control: EmulatorControl) -> int:
    """Applied resumes beyond the first, over every campaign."""
    return sum(n - 1 for n in applied(control, "resume").values() if n > 1)
