"""The commands that read a stack file without the engine (`due`, `calendar`), run as a tick
and a workflow run them, and the iCalendar feed read back by another library (vobject) than
the one that wrote it (icalendar)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import vobject

from ocamba_provider.emulator import Emulator

DUE_AT = "2026-12-06 12:00:00"
CALENDAR_AT = "2026-11-23 06:00:00"  # a Monday


def due(
    hood: Emulator,
    path: Path,
    *args: str,
    token: str | None = None,
    path_dirs: str = "",
    at: str = DUE_AT,
) -> subprocess.CompletedProcess[str]:
    """The command as a tick runs it; reports whether the SDK got imported on its last line."""
    env = {"OCAMBA_API_URL": hood.url, "PATH": path_dirs}
    env["OCAMBA_API_TOKEN"] = hood.token if token is None else token
    code = (
        "import sys\n"
        "from ocamba_provider.discovery.command import main\n"
        "status = main(sys.argv[1:])\n"
        "print('pulumi imported:', 'pulumi' in sys.modules)\n"
        "sys.exit(status)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, "due", str(path), "--at", at, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def calendar(path: Path, *args: str, at: str = CALENDAR_AT) -> subprocess.CompletedProcess[str]:
    """The calendar command with no token and no API address: it must not need them."""
    return subprocess.run(
        [sys.executable, "-m", "ocamba_provider.discovery", "calendar", str(path), "--at", at,
         *args],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": ""},
        timeout=120,
    )  # fmt: skip


def events(text: str) -> list[Any]:
    """The feed's events, as another calendar library reads them."""
    return list(vobject.readOne(text).vevent_list)
