"""The workspace of the configuration example (docs/configuration.md), plus a draft: several e2e
modules of both adapters seed it.

A and B are paused (to resume), C runs (to pause), D is a draft (an error at preview).
"""

from __future__ import annotations

from typing import Any, Final

from ocamba_provider.emulator import Emulator

A, B, C, D = "1000248", "1000251", "1000260", "1000270"

CAMPAIGNS: Final[list[dict[str, Any]]] = [
    {"id": A, "name": "Spring sale", "status": "paused"},
    {"id": B, "name": "Newsletter", "status": "paused"},
    {"id": C, "name": "Black Friday", "status": "running"},
    {"id": D, "name": "Winter draft", "status": "draft"},
]


def seeded(emulator: Emulator) -> Emulator:
    """`emulator` holding exactly the four campaigns."""
    emulator.control.seed([dict(campaign) for campaign in CAMPAIGNS])
    return emulator
