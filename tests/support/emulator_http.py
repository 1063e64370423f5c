"""Raw HTTP against an emulator, the way a client talks to the real API, plus assertions."""

from __future__ import annotations

import uuid
from typing import Any

import requests

from ocamba_provider.emulator import Emulator
from ocamba_provider.schemas import validator

CAMPAIGNS = "/v1/hood/campaigns"
_SAME = object()

SEED: list[dict[str, Any]] = [
    {"id": "1000246", "name": "Welcome series", "status": "draft"},
    {"id": "1000247", "name": "Autumn newsletter", "status": "sent"},
    {"id": "1000248", "name": "Spring sale", "status": "paused"},
    {"id": "1000249", "name": "Summer sale", "status": "running"},
    {"id": "1000250", "name": "Black Friday", "status": "scheduled"},
    {"id": "1000251", "name": "Newsletter", "status": "paused", "description": "weekly digest"},
    {"id": "1000252", "name": "Old promo", "status": "canceled"},
    {"id": "1000253", "name": "A/B subject test", "status": "needs_decision"},
]


class Hood:
    """Requests to one emulator with its bearer token (or another one, to test auth)."""

    def __init__(self, emulator: Emulator) -> None:
        self.url = emulator.url
        self.token = emulator.token
        self.control = emulator.control

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Any = None,
        json: Any = None,
        data: bytes | str | None = None,
        token: Any = _SAME,
        headers: dict[str, str] | None = None,
    ) -> requests.Response:
        sent = dict(headers or {})
        chosen = self.token if token is _SAME else token
        if chosen is not None:
            sent["Authorization"] = f"Bearer {chosen}"
        return requests.request(
            method, self.url + path, params=params, json=json, data=data, headers=sent, timeout=10
        )

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def campaign(self, campaign_id: str) -> dict[str, Any]:
        response = self.get(f"{CAMPAIGNS}/{campaign_id}", params={"view": "full"})
        assert response.status_code == 200, response.text
        item: dict[str, Any] = response.json()["items"][0]
        return item

    def status(self, campaign_id: str) -> str:
        return str(self.campaign(campaign_id)["status"])

    def resume(self, campaign_id: str, body: Any) -> requests.Response:
        return self.post(f"{CAMPAIGNS}/{campaign_id}/resume", json=body)

    def everything(self) -> list[dict[str, Any]]:
        response = self.get(CAMPAIGNS, params={"view": "full", "page": "1,100"})
        assert response.status_code == 200, response.text
        items: list[dict[str, Any]] = response.json()["items"]
        return items


def assert_error(response: requests.Response, status: int, message: str | None = None) -> None:
    """The documented error body: code = status, a title, the message, a UUID trace id."""
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    validator("error").validate(body)
    assert body["code"] == status
    assert set(body) == {"code", "title", "message", "trace_id"}
    uuid.UUID(body["trace_id"])
    if message is not None:
        assert message in body["message"], body["message"]


def assert_list(response: requests.Response) -> dict[str, Any]:
    """A 200 list envelope that conforms to the shared schema; returns the body."""
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    validator("campaign_list").validate(body)
    return body


def ids(body: dict[str, Any]) -> list[str]:
    return [item["id"] for item in body["items"]]
