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


CAMPAIGN = "/_emulator/campaigns/<raw_id>"
CONTROL_ROUTES = (
    ControlRoute("info", "GET", "/_emulator/info", handlers.info),
    ControlRoute("reset", "POST", "/_emulator/reset", handlers.reset),
    ControlRoute("seed", "PUT", "/_emulator/campaigns", handlers.replace_campaigns),
    ControlRoute("campaign", "GET", CAMPAIGN, handlers.campaign),
    ControlRoute("set_status", "POST", f"{CAMPAIGN}/status", handlers.set_status),
    ControlRoute("set_labels", "PUT", f"{CAMPAIGN}/labels", handlers.set_labels),
    ControlRoute("schedule", "PUT", f"{CAMPAIGN}/schedule", handlers.schedule),
    ControlRoute("get_clock", "GET", "/_emulator/clock", handlers.get_clock),
    ControlRoute("put_clock", "PUT", "/_emulator/clock", handlers.put_clock),
    ControlRoute("events", "GET", "/_emulator/events", handlers.events),
    ControlRoute("ledger", "GET", "/_emulator/ledger", handlers.ledger),
    ControlRoute("stats", "GET", "/_emulator/stats", handlers.stats),
    ControlRoute("reset_stats", "POST", "/_emulator/stats/reset", handlers.reset_stats),
    ControlRoute("put_faults", "PUT", "/_emulator/faults", handlers.put_faults),
    ControlRoute("get_faults", "GET", "/_emulator/faults", handlers.get_faults),
    ControlRoute("put_settings", "PUT", "/_emulator/settings", handlers.put_settings),
    ControlRoute("get_settings", "GET", "/_emulator/settings", handlers.get_settings),
)
