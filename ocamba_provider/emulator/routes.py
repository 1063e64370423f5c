"""The URL map: which path and method reach which handler (moto's `urls.py`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from werkzeug.wrappers import Response

from . import control_handlers, handlers

CONTROL_PREFIX = "/_emulator/"


@dataclass(frozen=True)
class ApiRoute:
    """A route of the emulated Hood API; `name` is what fault rules call it."""

    name: str
    method: str
    template: str
    handler: Callable[..., Response]

    @property
    def rule(self) -> str:
        """The Flask rule; the id stays a plain string so the handler can answer 400, not 404."""
        return self.template.replace("{id}", "<raw_id>")

    @property
    def stats_key(self) -> str:
        """How `GET /_emulator/stats` names the route, e.g. `GET /v1/hood/campaigns/{id}`."""
        return f"{self.method} {self.template}"


@dataclass(frozen=True)
class ControlRoute:
    """A route of the `/_emulator/` control surface."""

    name: str
    method: str
    rule: str
    handler: Callable[..., Response]


API_ROUTES = (
    ApiRoute("list", "GET", "/v1/hood/campaigns", handlers.list_campaigns),
    ApiRoute("get", "GET", "/v1/hood/campaigns/{id}", handlers.get_campaign),
    ApiRoute("resume", "POST", "/v1/hood/campaigns/{id}/resume", handlers.resume_campaign),
    ApiRoute("pause", "POST", "/v1/hood/campaigns/{id}/pause", handlers.pause_campaign),
    ApiRoute("cancel", "POST", "/v1/hood/campaigns/{id}/cancel", handlers.cancel_campaign),
)
API_ROUTES_BY_NAME = {route.name: route for route in API_ROUTES}

CONTROL_ROUTES = (
    ControlRoute("reset", "POST", "/_emulator/reset", control_handlers.reset),
    ControlRoute("seed", "PUT", "/_emulator/campaigns", control_handlers.replace_campaigns),
    ControlRoute(
        "set_status", "POST", "/_emulator/campaigns/<raw_id>/status", control_handlers.set_status
    ),
    ControlRoute("ledger", "GET", "/_emulator/ledger", control_handlers.ledger),
    ControlRoute("stats", "GET", "/_emulator/stats", control_handlers.stats),
    ControlRoute("reset_stats", "POST", "/_emulator/stats/reset", control_handlers.reset_stats),
    ControlRoute("put_faults", "PUT", "/_emulator/faults", control_handlers.put_faults),
    ControlRoute("get_faults", "GET", "/_emulator/faults", control_handlers.get_faults),
    ControlRoute("put_settings", "PUT", "/_emulator/settings", control_handlers.put_settings),
    ControlRoute("get_settings", "GET", "/_emulator/settings", control_handlers.get_settings),
)
