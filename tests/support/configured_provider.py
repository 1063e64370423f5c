"""The dynamic provider as its host configures it, and campaign "1" as the hook tests declare it.

The `hood` fixture of tests/unit/resources/conftest.py makes every provider session of a test
talk to one FakeHood, at a frozen NOW.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from pulumi.dynamic import CheckResult, ConfigureRequest
from pulumi.dynamic.config import Config

from ocamba_provider.resources.provider import CampaignRunStateProvider
from tests.support.fake_hood import TOKEN, URL

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
ACTIVE = {"campaign_id": "1", "state": "active", "run_immediately": True}
PAUSED = {"campaign_id": "1", "state": "paused", "pause_reason": "budget review"}


def configured(**config: str) -> CampaignRunStateProvider:
    """A provider configured as the dynamic host does it: `ocamba:*` stack config."""
    raw = {"ocamba:apiToken": TOKEN, "ocamba:apiUrl": URL}
    raw.update({f"ocamba:{key}": value for key, value in config.items()})
    provider = CampaignRunStateProvider()
    provider.configure(ConfigureRequest(Config(raw, "ocamba-campaigns")))
    return provider


def configured_with(declared: dict[str, dict[str, str]], **config: str) -> CampaignRunStateProvider:
    """A provider whose stack config lists `declared` as `ocamba-campaigns:campaigns` does.

    The engine hands the list to configure as JSON, as it hands every config value.
    """
    entries = [
        {
            "id": campaign_id,
            **entry,
            **({"run_immediately": True} if entry["state"] == "active" else {}),
        }
        for campaign_id, entry in declared.items()
    ]
    raw = {"ocamba:apiToken": TOKEN, "ocamba:apiUrl": URL}
    raw.update({f"ocamba:{key}": value for key, value in config.items()})
    raw["ocamba-campaigns:campaigns"] = json.dumps(entries)
    provider = CampaignRunStateProvider()
    provider.configure(ConfigureRequest(Config(raw, "ocamba-campaigns")))
    return provider


def failures(result: CheckResult) -> list[tuple[str, str]]:
    return [(f.property, f.reason) for f in result.failures]


def outs(**changes: Any) -> dict[str, Any]:
    """Outputs of a managed campaign "1" last left running."""
    base = {
        **ACTIVE,
        "status": "running",
        "observed_status": "running",
        "name": "Spring sale",
        "last_action": "resumed",
        "last_action_at": "2026-11-20 10:00:00",
        "__provider": "gASV...",
    }
    return {**base, **changes}
