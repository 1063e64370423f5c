"""An emulator whose clock stands at T0, and raw HTTP to its API: what the clock's and the
finishing runs' tests share."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import requests

from ocamba_provider.emulator import DEFAULT_TOKEN, Emulator

CAMPAIGNS = "/v1/hood/campaigns"
T0 = "2027-03-01 12:00:00"


def clocked_emulator() -> Iterator[Emulator]:
    """An unthrottled emulator, its clock frozen at T0 (the body of a fixture)."""
    with Emulator(rate_limit=None) as emulator:
        emulator.control.set_clock(now=T0)
        yield emulator


def api(hood: Emulator, method: str, path: str, body: Any = None) -> requests.Response:
    return requests.request(
        method,
        hood.url + CAMPAIGNS + path,
        json=body,
        headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"},
        timeout=10,
    )


def read(hood: Emulator, campaign_id: str) -> dict[str, Any]:
    item: dict[str, Any] = api(hood, "GET", f"/{campaign_id}").json()["items"][0]
    return item


def resume_at(hood: Emulator, campaign_id: str, when: str) -> requests.Response:
    return api(hood, "POST", f"/{campaign_id}/resume", {"scheduled_time": when})
