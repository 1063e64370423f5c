"""`ocamba:declaredCampaigns`: the whole run's declarations, for programs that cannot hint.

A Python program's first resource carries every declared id to the dynamic provider (the
snapshot hint). A YAML program cannot, and the engine checks resources one at a time, so
without help no check knows how many follow: the snapshot rents (single reads, then the whole
listing: up to twice design.md's bound) and the guard counts as checks arrive, so an
`up --skip-preview` sends the first transitions before a later check is refused. Config
reaches the provider before the first check; given this list there, that check reads every
listed campaign at once and counts the whole run, exactly as with the hint.

The list repeats what the program declares, so it could rot. Every check therefore compares
its resource with the list and fails, naming the campaign and the fix, when the campaign is
missing or listed with another state or drift policy. A listed campaign that no resource
declares is only read and counted, which errs on the safe side (a refusal lists what it
counted).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from ocamba_provider.domain.declaration import is_campaign_id
from ocamba_provider.domain.unknown import is_unknown
from ocamba_provider.errors import ConfigurationError

KEY: Final = "declaredCampaigns"
"""The provider argument (stack config `ocamba:declaredCampaigns`)."""
QUALIFIED: Final = f"ocamba:{KEY}"

Declared = dict[str, dict[str, str]]
"""Campaign id -> {"state": "active" | "paused"}, plus "drift": "hold" when held: the shape
of the dynamic provider's hint, which the core plans the whole run from."""

_STATES: Final = ("active", "paused")
_DRIFTS: Final = ("enforce", "hold")
_EXAMPLE: Final = '{"1000248": "active", "1000260": "paused"}'


def _entry_problems(campaign_id: Any, entry: Any) -> list[str]:
    where = f"{QUALIFIED}[{json.dumps(campaign_id)}]"
    problems = []
    if not is_campaign_id(campaign_id):
        problems.append(f'{where}: not a campaign id (digits only, e.g. "1000248")')
    if not isinstance(entry, Mapping):
        return [*problems, f'{where}: must be a state, "active" or "paused" (got {entry!r})']
    extra = sorted(set(entry) - {"state", "drift"})
    if extra:
        problems.append(f"{where}: unknown keys {extra}; an entry has state and drift only")
    if entry.get("state") not in _STATES:
        problems.append(f'{where}.state: must be "active" or "paused" (got {entry.get("state")!r})')
    if entry.get("drift", "enforce") not in _DRIFTS:
        problems.append(f'{where}.drift: must be "enforce" or "hold" (got {entry["drift"]!r})')
    return problems


def parse_declared(raw: Any) -> Declared | None:
    """The list as the core's hint; None when it is not set.

    `raw` is the provider argument: a map, or the JSON text the engine sends for a config
    value it does not type. An entry is a state, or {state, drift} for a campaign under
    `drift: hold` (whose transition only its own check can tell).

    Raises:
        ConfigurationError: one message listing every problem.
    """
    if raw is None:
        return None
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raw = None
    if not isinstance(raw, Mapping):
        raise ConfigurationError(
            f"{QUALIFIED} must map each declared campaign id to its state, e.g. {_EXAMPLE}"
        )
    entries = {
        campaign_id: {"state": entry} if isinstance(entry, str) else entry
        for campaign_id, entry in raw.items()
    }
    problems = [p for i, entry in entries.items() for p in _entry_problems(i, entry)]
    if problems:
        raise ConfigurationError(f"{QUALIFIED} is not valid:\n  - " + "\n  - ".join(problems))
    return {
        str(campaign_id): {"state": str(entry["state"])}
        | ({"drift": "hold"} if entry.get("drift") == "hold" else {})
        for campaign_id, entry in entries.items()
    }


def _known(value: Any) -> bool:
    return isinstance(value, str) and not is_unknown(value)


def disagreements(declared: Declared, news: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(core property, reason) for each way this declaration and the list disagree.

    `news` are the core's snake_case inputs. An unknown value is not judged (its Output
    resolves only in the up), and neither is a malformed id (its own check names it).
    """
    campaign_id = news.get("campaign_id")
    if not is_campaign_id(campaign_id):  # unknown, or malformed: its own check names it
        return []
    listed = declared.get(str(campaign_id))
    state = news.get("state")
    if listed is None:
        entry = json.dumps(state if _known(state) else "<state>")
        return [
            (
                "campaign_id",
                f"campaign {campaign_id} is declared but not listed in {QUALIFIED}, which "
                "must name every campaign of this program (the first check reads them all at "
                "once and counts the whole run against ocamba:maxTransitionsPerRun). Add it: "
                f"`pulumi config set --path '{QUALIFIED}[\"{campaign_id}\"]' {entry}`, "
                f"or remove {QUALIFIED} to have each campaign read and counted as it is checked.",
            )
        ]
    problems = []
    if _known(state) and state != listed["state"]:
        problems.append(
            (
                "state",
                f"campaign {campaign_id} is declared state: {state} but listed as "
                f"{listed['state']} in {QUALIFIED}, which the whole run is counted from: "
                "make them agree "
                f"(`pulumi config set --path '{QUALIFIED}[\"{campaign_id}\"]' {state}`).",
            )
        )
    drift = news.get("drift", "enforce")
    if _known(drift) and (drift == "hold") != (listed.get("drift") == "hold"):
        want = '{"state": ..., "drift": "hold"}' if drift == "hold" else "its state alone"
        problems.append(
            (
                "drift",
                f"campaign {campaign_id} is declared drift: {drift} but listed "
                f"{'without' if drift == 'hold' else 'with'} drift: hold in {QUALIFIED} (a "
                "held campaign is counted by its own check, not the whole run's): list it "
                f"as {want}.",
            )
        )
    return problems
