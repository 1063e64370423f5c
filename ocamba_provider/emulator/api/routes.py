"""The URL map of the emulated Hood API: which path and method reach which handler (moto's
`urls.py`). The control surface has its own, in control/routes.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from werkzeug.wrappers import Response

from . import handlers


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


API_ROUTES = (
    ApiRoute("list", "GET", "/v1/hood/campaigns", handlers.list_campaigns),
    ApiRoute("get", "GET", "/v1/hood/campaigns/{id}", handlers.get_campaign),
    ApiRoute("resume", "POST", "/v1/hood/campaigns/{id}/resume", handlers.resume_campaign),
    ApiRoute("pause", "POST", "/v1/hood/campaigns/{id}/pause", handlers.pause_campaign),
    ApiRoute("cancel", "POST", "/v1/hood/campaigns/{id}/cancel", handlers.cancel_campaign),
)
API_ROUTES_BY_NAME = {route.name: route for route in API_ROUTES}
