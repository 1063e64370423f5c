"""The Flask application: api/routes.py and control/routes.py, the API pipeline, stats hooks and
JSON errors."""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Flask, request
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from .api.errors import (
    EMULATOR_STYLE,
    ErrorStyle,
    HoodError,
    InternalServerError,
    MethodNotAllowed,
    PayloadTooLarge,
    ProtocolError,
    RouteNotFound,
)
from .api.pipeline import DROP_CONNECTION, ApiPipeline
from .api.routes import API_ROUTES, API_ROUTES_BY_NAME, ApiRoute
from .backend import HoodBackend
from .control.routes import CONTROL_PREFIX, CONTROL_ROUTES

MAX_BODY_BYTES = 1 << 20  # the real limit is undocumented; bodies here are tiny
_log = logging.getLogger(__name__)


def create_app(backend: HoodBackend) -> Flask:
    """A Flask app serving the emulated API and the control surface from `backend`."""
    app = Flask("ocamba_provider.emulator")
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    pipeline = ApiPipeline(backend)
    for route in API_ROUTES:
        app.add_url_rule(
            route.rule,
            endpoint=route.name,
            view_func=_api_view(pipeline, backend, route),
            methods=[route.method],
            provide_automatic_options=False,
        )
    for control in CONTROL_ROUTES:
        app.add_url_rule(
            control.rule,
            endpoint=f"control.{control.name}",
            view_func=_control_view(backend, control.handler),
            methods=[control.method],
            provide_automatic_options=False,
        )

    @app.before_request
    def count_request() -> None:
        if not request.path.startswith(CONTROL_PREFIX):
            route = API_ROUTES_BY_NAME.get(request.endpoint or "")
            key = route.stats_key if route else f"{request.method} (no such route)"
            backend.stats.request(key)

    @app.after_request
    def count_response(response: Response) -> Response:
        if not request.path.startswith(CONTROL_PREFIX):
            dropped = request.environ.get(DROP_CONNECTION, False)
            backend.stats.response("dropped" if dropped else str(response.status_code))
        return response

    def style() -> ErrorStyle:
        # The control surface always explains itself; the API answers in the chosen style.
        if request.path.startswith(CONTROL_PREFIX):
            return EMULATOR_STYLE
        return backend.settings.error_style()

    def render_hood_error(error: HoodError) -> Response:
        return error.response(style())

    def render_http_error(error: HTTPException) -> Response:
        return _http_error(error).response(style())

    def render_unexpected(error: Exception) -> Response:
        return _unexpected(error).response(style())

    app.register_error_handler(HoodError, render_hood_error)
    app.register_error_handler(HTTPException, render_http_error)
    app.register_error_handler(Exception, render_unexpected)
    return app


def _api_view(
    pipeline: ApiPipeline, backend: HoodBackend, route: ApiRoute
) -> Callable[..., Response]:
    def view(**params: str) -> Response:
        return pipeline.serve(route, lambda: route.handler(backend, **params))

    return view


def _control_view(
    backend: HoodBackend, handler: Callable[..., Response]
) -> Callable[..., Response]:
    def view(**params: str) -> Response:
        return handler(backend, **params)

    return view


def _http_error(error: HTTPException) -> HoodError:
    # Routing and size errors from werkzeug, in the API's error shape instead of HTML.
    if error.code == 405:
        return MethodNotAllowed(f"Method {request.method} is not allowed here.")
    if error.code == 413:
        return PayloadTooLarge(f"Request body is larger than {MAX_BODY_BYTES} bytes.")
    if error.code == 404:
        return RouteNotFound(f"No route {request.path[:200]}.")
    return ProtocolError(error.code or 400, f"{error.name}.", str(error.description))


def _unexpected(error: Exception) -> HoodError:
    # A bug in the emulator: keep the API's error shape, but make it loud in the test log.
    _log.exception("emulator bug", exc_info=error)
    return InternalServerError()
