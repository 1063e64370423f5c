"""Handlers of the emulated Hood campaign API: parse the request, call the store, serialise.

Business rules live in the store; validation of bodies lives in the shared JSON Schemas.
Not emulated: `POST /v1/hood/campaigns` (create), `PATCH`, `messages/{mid}/set-winner`.
"""

from __future__ import annotations

from flask import request
from werkzeug.wrappers import Response

from ..backend import HoodBackend
from ..state.campaigns import format_time, parse_time
from .answers import AnswerFormat
from .errors import BadRequest, InvalidBody
from .query import parse_fields, parse_list_query
from .wire import campaign_id, json_response, no_content, read_json, validated


def list_campaigns(backend: HoodBackend) -> Response:
    """`GET /v1/hood/campaigns` -> `{"total", "items"}`."""
    settings = backend.settings
    args = request.args.items(multi=True)
    query = parse_list_query(args, settings.label_filter).capped(settings.page_size_cap)
    total, items = backend.store.list_campaigns(query)
    answer = AnswerFormat.of(settings)
    shown = [answer.campaign(item, query.default_view) for item in items]
    return json_response({"total": total, "items": shown})


def get_campaign(backend: HoodBackend, raw_id: str) -> Response:
    """`GET /v1/hood/campaigns/{id}` -> the list envelope with `total: 1`."""
    checked = campaign_id(raw_id)
    if any(len(values) > 1 for values in request.args.listvalues()):
        raise BadRequest("A query parameter is given more than once.")
    fields, full = parse_fields(request.args.to_dict())
    campaign = backend.store.get_campaign(checked, fields, full)
    shown = AnswerFormat.of(backend.settings).campaign(campaign, fields is None and not full)
    return json_response({"total": 1, "items": [shown]})


def resume_campaign(backend: HoodBackend, raw_id: str) -> Response:
    """`POST .../{id}/resume` with exactly one of `run_immediately` / `scheduled_time`; under
    `past_schedule: "refuse"` a scheduled_time before the emulator's clock is a bad body."""
    checked = campaign_id(raw_id)
    body = read_json(default={})
    if isinstance(body, dict):
        # Name the documented rule instead of echoing the schema's oneOf wording.
        modes = {"run_immediately", "scheduled_time"} & set(body)
        if len(modes) == 2:
            raise InvalidBody("Send exactly one of run_immediately and scheduled_time, not both.")
        if not modes:
            raise InvalidBody("One of run_immediately or scheduled_time is required.")
    body = validated(body, "resume_request")
    scheduled_time = body.get("scheduled_time")
    if scheduled_time is not None:
        at = parse_time(scheduled_time)
        if at is None:
            raise InvalidBody(f"scheduled_time '{scheduled_time}' is not a valid date and time.")
        now = backend.clock.now()
        if backend.settings.past_schedule == "refuse" and at < now:
            raise InvalidBody(
                f"scheduled_time '{scheduled_time}' is in the past (now: {format_time(now)})."
            )
    backend.store.resume_campaign(checked, scheduled_time, body)
    return no_content()


def pause_campaign(backend: HoodBackend, raw_id: str) -> Response:
    """`POST .../{id}/pause` with an optional `{"reason": ...}`."""
    checked = campaign_id(raw_id)
    body = validated(read_json(default={}), "pause_request")
    backend.store.pause_campaign(checked, body)
    return no_content()


def cancel_campaign(backend: HoodBackend, raw_id: str) -> Response:
    """`POST .../{id}/cancel` with an optional `{"reason": ...}`; permanent."""
    checked = campaign_id(raw_id)
    body = validated(read_json(default={}), "pause_request")
    backend.store.cancel_campaign(checked, body)
    return no_content()
