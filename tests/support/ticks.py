"""What the flight and tick scenarios share: entries in Asia/Kathmandu, and the two commands of
a scheduled tick as schedule.yml runs them (`due` with the token alone, then an unattended up)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from tests.support.adapters import Adapter
from tests.support.engine_stacks import TOKEN

ZONE = "Asia/Kathmandu"
"""GMT+05:45 all year: a zone that is not a whole hour."""


def local(moment: datetime) -> str:
    """`moment` as a Kathmandu wall time, the way a team writes it."""
    return moment.astimezone(ZoneInfo(ZONE)).strftime("%Y-%m-%d %H:%M:%S")


def said(moment: datetime) -> str:
    """`moment` as a run says it: Kathmandu first, seconds only when not zero."""
    return f"{local(moment).removesuffix(':00')} {ZONE}"


def entry(campaign_id: str, start: str | None, until: str | None, **more: Any) -> dict[str, Any]:
    """A stack-config entry with a flight (either bound may be None) in Kathmandu time."""
    bounds = {"active_from": start, "active_until": until}
    return {
        "id": campaign_id,
        "name": f"c-{campaign_id}",
        "state": "active",
        "time_zone": ZONE,
        **{key: value for key, value in bounds.items() if value is not None},
        **more,
    }


def due(stack: Adapter) -> subprocess.CompletedProcess[str]:
    """`ocamba-campaigns due` on the stack file, with the token alone and no PATH."""
    return subprocess.run(
        [sys.executable, "-m", "ocamba_provider.discovery", "due", str(stack.config_file)],
        env={"OCAMBA_API_TOKEN": TOKEN, "PATH": ""},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def tick(stack: Adapter) -> subprocess.CompletedProcess[str]:
    """The unattended up of schedule.yml."""
    return stack.cli(
        "up",
        "--yes",
        "--refresh",
        "--continue-on-error",
        "--non-interactive",
        check=False,
        env={"OCAMBA_UNATTENDED": "1"},
    )
