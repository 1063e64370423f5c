"""The reliability tier's setup: the documented rate limits x SCALE on the emulator, the stack
and the provider alike, its own token to look for, and the campaigns' live statuses."""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import requests
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config

from ocamba_provider.emulator import Emulator
from ocamba_provider.resources.provider import CampaignRunStateProvider
from tests.support.engine_stacks import StackUnderTest

# Distinctive so that a leak anywhere is found by a plain substring search.
TOKEN = "tok-RELIABILITY-5b1e0c77-do-not-leak"
FIRST_ID = 2000000
# The documented limits times SCALE, on both sides (emulator and `ocamba:rateLimitScale`).
SCALE = 10


def ids(count: int, first: int = FIRST_ID) -> list[str]:
    return [str(first + i) for i in range(count)]


def paused_campaigns(hood: Emulator, count: int) -> list[str]:
    """`count` paused campaigns generated in `hood`, with the ids `ids(count)` names."""
    campaigns = ids(count)
    hood.control.generate(count, status="paused", first_id=int(campaigns[0]))
    return campaigns


def resume_now(campaign_ids: Iterable[str]) -> list[dict[str, Any]]:
    return [{"id": cid, "state": "active", "run_immediately": True} for cid in campaign_ids]


def keep_paused(campaign_ids: Iterable[str]) -> list[dict[str, Any]]:
    return [{"id": cid, "state": "paused", "pause_reason": "soak"} for cid in campaign_ids]


def live_statuses(emulator: Emulator, token: str = TOKEN) -> dict[str, str]:
    """Every campaign's status as the API shows it now (after any status lag)."""
    found: dict[str, str] = {}
    page = 1
    while True:
        answer = requests.get(
            f"{emulator.url}/v1/hood/campaigns",
            params={"page": f"{page},100", "fields": "id,status"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )
        if answer.status_code == 429 or answer.status_code >= 500:
            # Rate limited, or an injected fault still in force: this is a check, retry it.
            time.sleep(max(0.1, float(answer.headers.get("Retry-After", "0.1"))))
            continue
        answer.raise_for_status()
        document = answer.json()
        # Page until `total`: an emulator variant may cap the page size or send integer ids.
        found.update({str(item["id"]): item["status"] for item in document["items"]})
        if len(found) >= document["total"] or not document["items"]:
            return found
        page = len(found) // len(document["items"]) + 1


def scaled_stack(
    root: Path, api_url: str, name: str = "reliability", **config: Any
) -> StackUnderTest:
    """A stack with the rate limits scaled like the emulator's and the blast-radius guard lifted."""
    extra = {
        "ocamba:rateLimitScale": str(SCALE),
        "ocamba:allowMassTransition": "true",
        # Longer than the status lags these stacks meet (at most 500 ms), as settling requires.
        "ocamba:settleSeconds": "2",
        **config,
    }
    return StackUnderTest(root, api_url, TOKEN, name=name, extra_config=extra)


def provider_for(url: str) -> CampaignRunStateProvider:
    """A provider configured as the dynamic host configures it."""
    raw = {
        "ocamba:apiToken": TOKEN,
        "ocamba:apiUrl": url,
        "ocamba:rateLimitScale": str(SCALE),
        "ocamba:allowMassTransition": "true",
        # Longer than any status lag these tests play (2 s), as the settle rule requires.
        "ocamba:settleSeconds": "3",
    }
    provider = CampaignRunStateProvider()
    provider.configure(ConfigureRequest(Config(raw, "ocamba-campaigns")))
    return provider
