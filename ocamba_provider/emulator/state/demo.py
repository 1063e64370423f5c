"""The demo workspace: a dozen campaigns, one or more in every documented status.

Shipped as package data (`demo_seed.json`, a `PUT /_emulator/campaigns` body) so that
`python -m ocamba_provider.emulator` starts with it from an installed wheel, and `make demo`
seeds the same campaigns.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any


def demo_seed() -> dict[str, Any]:
    """The demo seed body: `{"campaigns": [...]}`."""
    text = files(__package__).joinpath("demo_seed.json").read_text(encoding="utf-8")
    body: dict[str, Any] = json.loads(text)
    return body


def demo_campaigns() -> list[dict[str, Any]]:
    """The demo seed's campaign entries (id, name, status), for `EmulatorControl.seed`."""
    campaigns: list[dict[str, Any]] = demo_seed()["campaigns"]
    return campaigns
