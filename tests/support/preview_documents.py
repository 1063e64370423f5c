"""`pulumi preview --json` documents shaped like the engine's, built from a few steps.

The summary's unit tests build every branch from these; a step's inputs are what check
recorded (the declaration plus `observed_status` and `name`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.summary import FailedResource

TYPE = "pulumi-python:dynamic/ocamba:CampaignRunState"
STACK_URN = (
    "urn:pulumi:production::ocamba-campaigns::pulumi:pulumi:Stack::ocamba-campaigns-production"
)


NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
"""When these documents' previews ran: their scheduled times lie ahead of it."""


def urn(name: str) -> str:
    return f"urn:pulumi:production::ocamba-campaigns::{TYPE}::{name}"


def inputs(campaign_id: str, state: str, observed: str | None, **extra: Any) -> dict[str, Any]:
    found = {"__provider": "gASV", "campaign_id": campaign_id, "state": state, **extra}
    if observed is not None:
        found["observed_status"] = observed
    return found


def step(op: str, name: str, new: dict[str, Any] | None, old: dict[str, Any] | None = None) -> Any:
    found: dict[str, Any] = {"op": op, "urn": urn(name)}
    if new is not None:
        found["newState"] = {"urn": urn(name), "type": TYPE, "inputs": new}
    if old is not None:
        found["oldState"] = {"urn": urn(name), "type": TYPE, "id": old["campaign_id"]}
        found["oldState"] |= {
            "inputs": old,
            "outputs": {**old, "status": old.get("observed_status")},
        }
    return found


def document(*steps: Any, diagnostics: list[Any] | None = None, **extra: Any) -> dict[str, Any]:
    stack_step = {"op": "same", "urn": STACK_URN, "newState": {"type": "pulumi:pulumi:Stack"}}
    found: dict[str, Any] = {"config": {}, "steps": [stack_step, *steps], **extra}
    if diagnostics is not None:
        found["diagnostics"] = diagnostics
    return found


RESUME_NOW = step(
    "create",
    "spring-sale",
    inputs("1000248", "active", "paused", run_immediately=True, name="Spring sale"),
)
RESUME_AT = step(
    "update",
    "campaign-1000251",
    inputs("1000251", "active", "paused", scheduled_time="2026-12-01 09:00:00", name="Newsletter"),
    inputs("1000251", "active", "running", scheduled_time="2026-12-01 09:00:00", name="Newsletter"),
)
PAUSE = step(
    "create",
    "campaign-1000260",
    inputs("1000260", "paused", "running", pause_reason="budget review", name="Black Friday"),
)
UNCHANGED = step(
    "same",
    "campaign-1000261",
    inputs("1000261", "active", "running", run_immediately=True, name="Steady"),
)
DRAFT_ERROR = {
    "urn": urn("campaign-1000270"),
    "message": (
        f"error: {TYPE} resource 'campaign-1000270': property campaign_id value {{1000270}} has a "
        "problem: campaign 1000270 (Winter draft): a draft cannot be resumed (observed status: "
        "draft). Publish it in Hood first, or remove the declaration.\n"
    ),
    "severity": "error",
}
DRAFT_PROBLEMS = {
    "campaign-1000270": FailedResource(
        "1000270",
        "active",
        (
            Problem(
                Code.DRAFT, "campaign_id", "1000270", "Winter draft", "draft", {"verb": "resumed"}
            ),
        ),
    )
}
"""What check recorded of the draft's failure in the problems file."""
MONITOR_NOISE = {
    "message": "error: Resource monitor has terminated, shutting down\n\n",
    "severity": "info#err",
}


def many_campaigns(resumes: int, unchanged: int) -> dict[str, Any]:
    steps = [
        step(
            "create",
            f"r{i}",
            inputs(
                str(2_000_000 + i),
                "active",
                "paused",
                run_immediately=True,
                name=f"Campaign number {i}",
            ),
        )
        for i in range(resumes)
    ]
    steps += [
        step(
            "same",
            f"s{i}",
            inputs(
                str(3_000_000 + i),
                "active",
                "running",
                run_immediately=True,
                name=f"Campaign number {i}",
            ),
        )
        for i in range(unchanged)
    ]
    return document(*steps)
