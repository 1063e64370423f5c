"""How the emulator says it is one: `GET /_emulator/info`.

Only the emulator serves this route, so a tool that changes campaigns out of band asks it
first and refuses any server that does not answer exactly this (control/oob.py).
"""

from __future__ import annotations

from functools import cache
from importlib import metadata
from typing import Any

EMULATOR_NAME = "ocamba-hood"


@cache
def emulator_version() -> str:
    """The installed package's version, or "unknown" when it runs from a bare checkout."""
    try:
        return metadata.version("ocamba-campaigns")
    except metadata.PackageNotFoundError:
        return "unknown"


def info() -> dict[str, Any]:
    """The body of `GET /_emulator/info`."""
    return {"emulator": EMULATOR_NAME, "version": emulator_version()}
