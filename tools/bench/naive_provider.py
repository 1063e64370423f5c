"""The naive baseline: a textbook dynamic provider, one GET per resource in check and in diff.

What a first version usually looks like: plain `requests`, no snapshot, no client-side pacing;
on 429 it sleeps `Retry-After` and tries again (what a curl loop with retries does). It
must live in an importable module: the dynamic-provider process unpickles it by module path
(the bench puts the repository root on PYTHONPATH).
"""

from __future__ import annotations

import time
from typing import Any

import pulumi
import requests
from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    Resource,
    ResourceProvider,
    UpdateResult,
)

from ocamba_provider.settings import resolve_settings

CAMPAIGNS = "/v1/hood/campaigns"
_settings: dict[str, str] = {}


def call(method: str, path: str, body: dict[str, Any] | None = None) -> requests.Response:
    """One request, repeated after each 429 once `Retry-After` seconds have passed."""
    while True:
        answer = requests.request(
            method,
            _settings["url"] + path,
            json=body,
            headers={"Authorization": f"Bearer {_settings['token']}"},
            timeout=30,
        )
        if answer.status_code != 429:
            return answer
        time.sleep(max(0.05, float(answer.headers.get("Retry-After", "1"))))


def status_of(campaign_id: str) -> str:
    answer = call("GET", f"{CAMPAIGNS}/{campaign_id}")
    if answer.status_code != 200 or not answer.json().get("items"):
        return "not_found"
    return str(answer.json()["items"][0]["status"])


class NaiveProvider(ResourceProvider):
    """Reads the campaign in every check and diff; resumes or pauses in create/update."""

    serialize_as_secret_always = False

    def configure(self, req: ConfigureRequest) -> None:
        settings = resolve_settings(req.config.get)
        _settings.update(url=settings.api_url, token=settings.token)

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        status = status_of(str(news["campaign_id"]))
        if status in ("draft", "canceled", "not_found"):
            return CheckResult(news, [CheckFailure("campaign_id", f"status {status}")])
        return CheckResult({**news, "observed_status": status}, [])

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        status = status_of(str(news["campaign_id"]))
        wanted = "paused" if news["state"] == "paused" else "running"
        return DiffResult(changes=(status == "paused") != (wanted == "paused"))

    def _apply(self, props: dict[str, Any]) -> dict[str, Any]:
        cid = str(props["campaign_id"])
        status = props.get("observed_status")
        if props["state"] == "active" and status == "paused":
            body: dict[str, Any] = (
                {"scheduled_time": props["scheduled_time"]}
                if props.get("scheduled_time")
                else {"run_immediately": 1}
            )
            call("POST", f"{CAMPAIGNS}/{cid}/resume", body)
        elif props["state"] == "paused" and status in ("running", "scheduled"):
            call("POST", f"{CAMPAIGNS}/{cid}/pause", {})
        # No read-back after the write: fewer requests than a textbook provider would send.
        return dict(props)

    def create(self, props: dict[str, Any]) -> CreateResult:
        return CreateResult(str(props["campaign_id"]), self._apply(props))

    def update(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        return UpdateResult(self._apply(news))


class NaiveCampaignRunState(Resource, module="bench", name="NaiveCampaignRunState"):
    """Same declaration as CampaignRunState."""

    def __init__(self, resource_name: str, **props: Any) -> None:
        super().__init__(NaiveProvider(), resource_name, props, pulumi.ResourceOptions())
