"""The URL map of the `/_emulator/` control surface: which path and method reach which handler."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from werkzeug.wrappers import Response

from . import handlers

CONTROL_PREFIX = "/_emulator/"


@dataclass(frozen=True)
class ControlRoute:
    """A route of the `/_emulator/` control surface."""

    name: str
    method: str
    rule: str
    handler: Callable[..., Response]


CONTROL_ROUTES = (
    ControlRoute("reset", "POST", "/_emulator/reset", handlers.reset),
    ControlRoute("seed", "PUT", "/_emulator/campaigns", handlers.replace_campaigns),
    ControlRoute("set_status", "POST", "/_emulator/campaigns/<raw_id>/status", handlers.set_status),
    ControlRoute("ledger", "GET", "/_emulator/ledger", handlers.ledger),
    ControlRoute("stats", "GET", "/_emulator/stats", handlers.stats),
    ControlRoute("reset_stats", "POST", "/_emulator/stats/reset", handlers.reset_stats),
    ControlRoute("put_faults", "PUT", "/_emulator/faults", handlers.put_faults),
    ControlRoute("get_faults", "GET", "/_emulator/faults", handlers.get_faults),
    ControlRoute("put_settings", "PUT", "/_emulator/settings", handlers.put_settings),
    ControlRoute("get_settings", "GET", "/_emulator/settings", handlers.get_settings),
)
