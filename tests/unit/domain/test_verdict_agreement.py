"""check, diff, up and the PR summary agree with the one verdict, in every cell and policy.

A cell is a desired state (active, paused) x an observed status (every known one, not found,
and one the API has not documented) x a policy: a new or an already managed declaration,
`drift: hold` (also with `hold_until` passed), `on_missing: forget` (managed and new), a
`scheduled_time` in the past, the blast-radius guard refusing or let through by the one-run
override, a state still unknown in preview, a flight not begun, under way or over, and the
unattended run (OCAMBA_UNATTENDED) inside and after a flight, under a guard it must not count
pauses against. The hooks run against a real emulator on
127.0.0.1 as the engine calls them (a fresh provider process per cell); the summary reads the
preview document the engine would write from check's answer. Each hook's answer is compared with
the pure verdict's, said the way that hook says it: check by its failures and the facts it
records, diff by whether anything changes, up by what it sends, the summary by its row.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import pytest
from pulumi.dynamic import CheckResult, ConfigureRequest
from pulumi.dynamic.config import Config
from pulumi.runtime.rpc import UNKNOWN

from ocamba_provider.domain import verdict as verdict_module
from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.guard import TransitionGuard
from ocamba_provider.domain.reconcile import KNOWN_STATUSES, NOT_FOUND, Action, decide
from ocamba_provider.domain.verdict import (
    Act,
    Forgotten,
    Held,
    Observation,
    Pending,
    Previous,
    Refusal,
    Unchanged,
    Verdict,
    guarded,
    needed,
    verdict,
)
from ocamba_provider.domain.wording import render
from ocamba_provider.emulator import Emulator
from ocamba_provider.emulator.state.campaigns import campaigns_from_seed
from ocamba_provider.errors import TransitionError
from ocamba_provider.resources.provider import CampaignRunStateProvider
from ocamba_provider.runstate import clock
from ocamba_provider.runstate import session as session_module
from ocamba_provider.summary import Kind, read_preview, read_problems

TOKEN: Final = "tok-AGREEMENT-do-not-leak"
TYPE: Final = "pulumi-python:dynamic/ocamba:CampaignRunState"
CAMPAIGN: Final = "1000248"
FILLER: Final = "1000999"
"""Declared and checked first under the guard policies: this run's first transition."""
NAME: Final = "Spring sale"
NOW: Final = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
PAST: Final = "2026-11-01 09:00:00"
HOOD_TIME: Final = "2030-06-01 09:00:00"
"""When Hood holds the campaign to start, in every cell where it is scheduled."""
LATER: Final = "2031-01-01 09:00:00"
UNKNOWN_STATUS: Final = "archived"
STATUSES: Final = (*sorted(KNOWN_STATUSES), NOT_FOUND, UNKNOWN_STATUS)

MANAGED: Final = frozenset(
    {"managed", "hold", "hold-passed", "forget", "unattended-inside", "unattended-after"}
)
GUARDED: Final = frozenset({"guard-refuses", "guard-override", "unattended-after"})
"""Under a guard of 1 with another transition already counted: an unattended pause passes."""
POLICIES: Final = (
    "new",
    "managed",
    "hold",
    "hold-passed",
    "forget",
    "forget-new",
    "past-schedule",
    "reschedule",
    "guard-refuses",
    "guard-override",
    "state-unknown",
    "flight-before",
    "flight-inside",
    "flight-after",
    "unattended-inside",
    "unattended-after",
)
FLIGHTS: Final[dict[str, dict[str, str]]] = {
    # Starting when Hood holds a scheduled campaign: in sync then, a pause before it otherwise.
    "flight-before": {"active_from": HOOD_TIME},
    "flight-inside": {"active_from": PAST, "active_until": LATER},
    "flight-after": {"active_from": "2026-10-01 09:00:00", "active_until": PAST},
    "unattended-inside": {"active_until": LATER},
    "unattended-after": {"active_until": PAST},
}
UNATTENDED: Final = frozenset({"unattended-inside", "unattended-after"})
_POLICY_INPUTS: Final[dict[str, dict[str, str]]] = {
    "hold": {"drift": "hold"},
    "hold-passed": {"drift": "hold", "hold_until": PAST},
    "forget": {"on_missing": "forget"},
    "forget-new": {"on_missing": "forget"},
}


@dataclass(frozen=True)
class Cell:
    """One desired state, observed status and policy."""

    desired: str
    status: str
    policy: str

    def __str__(self) -> str:
        return f"{self.desired} x {self.status} ({self.policy})"

    @property
    def managed(self) -> bool:
        return self.policy in MANAGED

    def declaration(self, *, known: bool = False) -> dict[str, Any]:
        """The program's inputs; `known` gives the state an unknown one will resolve to."""
        declared: dict[str, Any] = {"campaign_id": CAMPAIGN, "state": self.desired}
        if self.desired == "paused":
            declared["pause_reason"] = "budget review"
        elif self.policy in FLIGHTS:
            declared |= FLIGHTS[self.policy]
        elif self.policy == "past-schedule":
            declared["scheduled_time"] = PAST
        elif self.policy == "reschedule":
            declared["scheduled_time"] = LATER  # Hood holds a scheduled campaign at HOOD_TIME
        else:
            declared["run_immediately"] = True
        if self.policy == "state-unknown" and not known:
            declared["state"] = UNKNOWN
        return declared | _POLICY_INPUTS.get(self.policy, {})

    def old_inputs(self) -> dict[str, Any]:
        """check's olds: what the last run checked, which left the campaign as declared."""
        if not self.managed:
            return {}
        left = "running" if self.desired == "active" else "paused"
        return self.declaration(known=True) | {"observed_status": left, "name": NAME}

    def old_outputs(self) -> dict[str, Any]:
        """diff's and update's olds: the last run's outputs (it sent nothing)."""
        inputs = self.old_inputs() or (
            self.declaration(known=True) | {"observed_status": "running", "name": NAME}
        )
        none = {"last_action": "none", "last_action_at": "", "last_action_by": ""}
        return inputs | {"status": inputs["observed_status"]} | none


CELLS: Final = tuple(
    Cell(desired, status, policy)
    for policy in POLICIES
    for desired in ("active", "paused")
    for status in STATUSES
    # A time is for resumes only; a flight is for active declarations only (validation).
    if not (policy in ("past-schedule", "reschedule", *FLIGHTS) and desired == "paused")
)


# --- the reference: the pure verdict on the cell ------------------------------------------------


def guard_for(cell: Cell) -> TransitionGuard:
    """The guard as the provider's settings for the cell build it, the filler already counted."""
    if cell.policy not in GUARDED:
        return TransitionGuard(limit=25, allow_mass=True)
    override = 2 if cell.policy == "guard-override" else None
    guard = TransitionGuard(limit=1, allow_mass=False, override=override)
    guard.plan({FILLER: Action.RESUME})
    return guard


def observation(cell: Cell) -> Observation | None:
    if cell.policy == "state-unknown":
        return None  # check does not read a campaign whose desired state is still unknown
    hood = HOOD_TIME if cell.status == "scheduled" else None
    return Observation(cell.status, "" if cell.status == NOT_FOUND else NAME, hood)


def reference(cell: Cell) -> Verdict:
    """What check's verdict on the cell must be."""
    declaration = RunStateInputs.from_props(cell.declaration())
    previous = Previous.checked(cell.old_inputs())
    unattended = cell.policy in UNATTENDED
    found = verdict(declaration, observation(cell), previous, NOW, unattended=unattended)
    return guarded(found, CAMPAIGN, guard_for(cell), unattended=unattended)


# --- the hooks, as the engine calls them ---------------------------------------------------------


@pytest.fixture(scope="module")
def hood() -> Iterator[Emulator]:
    """One emulator for the module, without rate limits: each cell seeds it afresh."""
    with Emulator(token=TOKEN, rate_limit=None) as emulator:
        yield emulator


@dataclass
class Run:
    """One cell's provider process, against the emulator seeded for the cell."""

    hood: Emulator
    monkeypatch: pytest.MonkeyPatch

    def provider(self, cell: Cell) -> CampaignRunStateProvider:
        """A new provider process, configured for the cell, the emulator seeded for it."""
        self.hood.control.reset()
        seeds = [{"id": FILLER, "status": "paused", "name": "Filler"}]
        if cell.status != NOT_FOUND:
            known = cell.status if cell.status in KNOWN_STATUSES else "paused"
            seed = {"id": CAMPAIGN, "status": known, "name": NAME}
            if known == "scheduled":
                seed["scheduled_time"] = HOOD_TIME
            seeds.append(seed)
        records = campaigns_from_seed({"campaigns": seeds})
        if cell.status == UNKNOWN_STATUS:
            # The emulator seeds documented statuses only; the API may grow new ones.
            records[-1]["status"] = UNKNOWN_STATUS
        self.hood.backend.store.replace_all(records)
        session_module.reset_sessions()
        raw = {"ocamba:apiToken": TOKEN, "ocamba:apiUrl": self.hood.url}
        raw["ocamba:rateLimitScale"] = "100"
        if cell.policy in GUARDED:
            raw["ocamba:maxTransitionsPerRun"] = "1"
        else:
            raw["ocamba:allowMassTransition"] = "true"
        if cell.policy == "guard-override":
            self.monkeypatch.setenv("OCAMBA_ALLOW_TRANSITIONS", "2")
        else:
            self.monkeypatch.delenv("OCAMBA_ALLOW_TRANSITIONS", raising=False)
        if cell.policy in UNATTENDED:
            self.monkeypatch.setenv("OCAMBA_UNATTENDED", "1")
        else:
            self.monkeypatch.delenv("OCAMBA_UNATTENDED", raising=False)
        provider = CampaignRunStateProvider()
        provider.configure(ConfigureRequest(Config(raw, "ocamba-campaigns")))
        return provider

    def check(self, provider: CampaignRunStateProvider, cell: Cell) -> CheckResult:
        """The cell's check, after the filler's under the guard policies."""
        if cell.policy in GUARDED:
            filler = {"campaign_id": FILLER, "state": "active", "run_immediately": True}
            assert provider.check({}, filler).failures == []
        # As the program sends it: the resource's name rides along (the problems file's key).
        news = cell.declaration() | {"resource_name": f"campaign-{CAMPAIGN}"}
        return provider.check(cell.old_inputs(), news)

    def writes(self) -> list[tuple[str, str]]:
        return [(entry["campaign_id"], entry["action"]) for entry in self.hood.control.ledger()]


@pytest.fixture
def run(hood: Emulator, monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setattr(clock, "now_utc", lambda: NOW)
    for name in ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "OCAMBA_API_TOKEN", "OCAMBA_API_URL"):
        monkeypatch.delenv(name, raising=False)
    return Run(hood, monkeypatch)


def disagreements(said: dict[Cell, tuple[Any, Any]]) -> list[str]:
    """Every cell where the hook said something other than the verdict."""
    return [f"{cell}: hook {hook!r} != verdict {ref!r}" for cell, (hook, ref) in said.items()]


def test_the_cells_cover_the_whole_table_and_every_policy() -> None:
    assert {(c.desired, c.status) for c in CELLS} == {
        (d, s) for d in ("active", "paused") for s in STATUSES
    }
    assert {c.policy for c in CELLS} == set(POLICIES)
    kinds = {type(reference(cell)) for cell in CELLS}
    assert kinds == {Act, Refusal, Held, Forgotten, Unchanged, Pending}


def test_check_reports_what_the_verdict_says_in_every_cell(run: Run) -> None:
    said: dict[Cell, tuple[Any, Any]] = {}
    for cell in CELLS:
        result = run.check(run.provider(cell), cell)
        hook = (
            [(failure.property, failure.reason) for failure in result.failures],
            result.inputs.get("held"),
            result.inputs.get("guard_override"),
            result.inputs.get("observed_status"),
        )
        found = reference(cell)
        expected = (
            [(found.prop, render(found.problem))] if isinstance(found, Refusal) else [],
            found.note if isinstance(found, Held) else None,
            found.guard_override if isinstance(found, Act | Refusal) else None,
            None if isinstance(found, Pending) else cell.status,
        )
        if hook != expected:
            said[cell] = (hook, expected)

    assert disagreements(said) == []


def test_diff_changes_exactly_when_the_verdict_needs_a_transition(run: Run) -> None:
    said: dict[Cell, tuple[Any, Any]] = {}
    for cell in CELLS:
        provider = run.provider(cell)
        checked = run.check(provider, cell)
        # A failed check stops a preview before diff, but a refresh diffs the stored inputs.
        hook = provider.diff(CAMPAIGN, cell.old_outputs(), checked.inputs).changes
        found = reference(cell)
        expected = None if isinstance(found, Pending) else needed(found) is not Action.NONE
        if hook != expected:
            said[cell] = (hook, expected)

    assert disagreements(said) == []


def test_up_sends_exactly_what_the_verdict_says_in_every_cell(run: Run) -> None:
    said: dict[Cell, tuple[Any, Any]] = {}
    sent = {
        Action.RESUME: ("resumed", ["resume"]),
        Action.RESCHEDULE: ("rescheduled", ["pause", "resume"]),
        Action.PAUSE: ("paused", ["pause"]),
    }
    for cell in CELLS:
        if cell.policy == "state-unknown":
            continue  # the engine resolves every Output before it creates or updates
        provider = run.provider(cell)
        checked = run.check(provider, cell)
        found = reference(cell)
        # Up as the engine runs it: check first; create or update only when it passed.
        if checked.failures:
            hook: tuple[Any, ...] = ("refused", [f.reason for f in checked.failures])
        elif cell.managed:
            outs = provider.update(CAMPAIGN, cell.old_outputs(), checked.inputs).outs
            hook = ("applied", (outs or {}).get("last_action"))
        else:
            hook = ("applied", (provider.create(checked.inputs).outs or {}).get("last_action"))
        hook += (run.writes(),)
        if isinstance(found, Refusal):
            expected: tuple[Any, ...] = ("refused", [render(found.problem)], [])
        elif isinstance(found, Act):
            last_action, writes = sent[found.action]
            expected = ("applied", last_action, [(CAMPAIGN, write) for write in writes])
        else:
            expected = ("applied", "none", [])
        # create/update judge for themselves too: what their own verdict refuses (the table,
        # a passed time; not the guard's count or "not managed yet", which only check knows)
        # they refuse with check's words, whatever the engine sends them.
        own = verdict(
            RunStateInputs.from_props(checked.inputs),
            observation(cell),
            Previous.recorded(checked.inputs),
            NOW,
            unattended=cell.policy in UNATTENDED,
        )
        if isinstance(own, Refusal):
            try:
                if cell.managed:
                    provider.update(CAMPAIGN, cell.old_outputs(), checked.inputs)
                else:
                    provider.create(checked.inputs)
            except TransitionError as refused:
                hook += (str(refused), run.writes())
            expected += (render(own.problem), [])
            assert isinstance(found, Refusal), f"{cell}: up refuses what check let through"
        if hook != expected:
            said[cell] = (hook, expected)

    assert disagreements(said) == []


def preview_of(cell: Cell, checked: CheckResult, changes: bool | None) -> dict[str, Any]:
    """The `pulumi preview --json` document the engine writes for the cell's campaign."""
    resource = f"campaign-{CAMPAIGN}"
    urn = f"urn:pulumi:dev::ocamba-campaigns::{TYPE}::{resource}"
    if checked.failures:
        # A failed check has no step: the engine reports each failure as an error.
        declared = cell.declaration()
        diagnostics = [
            {
                "urn": urn,
                "severity": "error",
                "message": f"error: {TYPE} resource '{resource}': property {failure.property} "
                f"value {{{declared.get(failure.property)}}} has a problem: {failure.reason}\n",
            }
            for failure in checked.failures
        ]
        return {"config": {}, "steps": [], "diagnostics": diagnostics}
    op = ("update" if changes else "same") if cell.managed else "create"
    step: dict[str, Any] = {
        "op": op,
        "urn": urn,
        "newState": {"urn": urn, "type": TYPE, "inputs": {"__provider": "gASV", **checked.inputs}},
    }
    if cell.managed:
        old = {"inputs": cell.old_inputs(), "outputs": cell.old_outputs()}
        step["oldState"] = {"urn": urn, "type": TYPE, "id": CAMPAIGN, **old}
    return {"config": {}, "steps": [step]}


def row_of(found: Verdict) -> tuple[Kind, str, bool]:
    """The summary row the verdict stands for: kind, action text, the override shown."""
    if isinstance(found, Refusal):
        return Kind.ERROR, f"error: {render(found.problem)}", False
    if isinstance(found, Act):
        at = found.declaration.scheduled_time
        kind, text = {
            Action.RESUME: (
                Kind.RESUME,
                {
                    None: "resume now",
                    LATER: "resume at 2031-01-01 09:00 GMT",
                    HOOD_TIME: "resume at 2030-06-01 09:00 GMT",  # a flight's start
                }[at],
            ),
            Action.RESCHEDULE: (
                Kind.RESCHEDULE,
                "reschedule 2030-06-01 09:00 -> 2031-01-01 09:00 GMT"
                if found.from_time
                else "pause, then resume at 2030-06-01 09:00 GMT",  # running before its flight
            ),
            Action.PAUSE: (
                Kind.PAUSE,
                "pause: flight ended at 2026-11-01 09:00:00 GMT"
                if found.declaration.pause_reason != "budget review"
                else "pause: budget review",
            ),
        }[found.action]
        return kind, text, found.guard_override is not None
    if isinstance(found, Unchanged) and found.kept:
        return (
            Kind.NONE,
            "in sync: starts at 2030-06-01 09:00 GMT as scheduled (never early)",
            False,
        )
    if isinstance(found, Held):
        return Kind.NONE, found.note, False
    if isinstance(found, Forgotten):
        return Kind.NONE, "forgotten: vanished from the workspace (on_missing: forget)", False
    if isinstance(found, Pending):
        return Kind.PENDING, "decided at apply", False
    return Kind.NONE, "in sync", False


def test_the_summary_shows_what_the_verdict_says_in_every_cell(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: dict[Cell, tuple[Any, Any]] = {}
    for index, cell in enumerate(CELLS):
        # The problems check records as data, as a preview in CI writes them.
        problems_file = tmp_path / f"problems-{index}.jsonl"
        monkeypatch.setenv("OCAMBA_PROBLEMS_FILE", str(problems_file))
        provider = run.provider(cell)
        checked = run.check(provider, cell)
        changes = provider.diff(CAMPAIGN, cell.old_outputs(), checked.inputs).changes
        failed = read_problems(problems_file.read_text().splitlines()) if checked.failures else {}
        preview = read_preview(preview_of(cell, checked, changes), NOW, failed)
        (row,) = preview.rows
        hook = (row.kind, row.action, preview.guard_override is not None)
        expected = row_of(reference(cell))
        if hook != expected:
            said[cell] = (hook, expected)

    assert disagreements(said) == []


def test_check_decides_once_and_asks_the_guard_once(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    decided: list[tuple[str, str]] = []
    rulings: list[dict[str, Action]] = []
    ruling = TransitionGuard.ruling

    def counting_decide(desired: str, observed: str, **times: Any) -> Any:
        decided.append((desired, observed))
        return decide(desired, observed, **times)

    def counting_ruling(self: TransitionGuard, transitions: Any) -> Any:
        rulings.append(dict(transitions))
        return ruling(self, transitions)

    monkeypatch.setattr(verdict_module, "decide", counting_decide)
    monkeypatch.setattr(TransitionGuard, "ruling", counting_ruling)
    cell = Cell("active", "paused", "new")
    provider = run.provider(cell)

    assert run.check(provider, cell).failures == []
    assert decided == [("active", "paused")]
    assert rulings == [{CAMPAIGN: Action.RESUME}]
