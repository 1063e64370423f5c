"""Handlers of the `/_emulator/` control surface: seeding, out-of-band changes, the clock,
inspection.

No authentication, no rate limit, not counted in stats: this is the test harness's side door,
not part of the emulated API.
"""

from __future__ import annotations

from werkzeug.wrappers import Response

from ..api.errors import BadRequest
from ..api.wire import campaign_id, json_response, no_content, read_json
from ..backend import HoodBackend
from ..state.campaigns import campaigns_from_seed, parse_time
from .identity import info as identity


def info(backend: HoodBackend) -> Response:
    """`GET /_emulator/info`: `{"emulator": "ocamba-hood", "version"}`, what only it serves."""
    return json_response(identity())


def reset(backend: HoodBackend) -> Response:
    """`POST /_emulator/reset`: a fresh instance (settings back to the start-up ones)."""
    backend.reset()
    return no_content()


def replace_campaigns(backend: HoodBackend) -> Response:
    """`PUT /_emulator/campaigns`: `{"campaigns": [...]}` and/or `{"generate": {...}}`."""
    campaigns = campaigns_from_seed(read_json())
    backend.store.replace_all(campaigns)
    return json_response({"count": len(campaigns)})


def set_status(backend: HoodBackend, raw_id: str) -> Response:
    """`POST /_emulator/campaigns/{id}/status` with `{"status": ...}`: an out-of-band change."""
    checked = campaign_id(raw_id)
    body = read_json()
    if not isinstance(body, dict) or set(body) != {"status"}:
        raise BadRequest('Body must be {"status": <status>}.')
    backend.store.set_status(checked, body["status"])
    return no_content()


def set_labels(backend: HoodBackend, raw_id: str) -> Response:
    """`PUT /_emulator/campaigns/{id}/labels` with `{"labels": [str, ...]}`: out of band."""
    checked = campaign_id(raw_id)
    body = read_json()
    labels = body.get("labels") if isinstance(body, dict) and set(body) == {"labels"} else None
    if not isinstance(labels, list) or not all(_label(label) for label in labels):
        raise BadRequest('Body must be {"labels": [...]}: non-empty strings without commas.')
    backend.store.set_labels(checked, labels)
    return no_content()


def _label(value: object) -> bool:
    # A comma could not survive the comma-joined form some answers use.
    return isinstance(value, str) and value.strip() == value and bool(value) and "," not in value


def schedule(backend: HoodBackend, raw_id: str) -> Response:
    """`PUT /_emulator/campaigns/{id}/schedule` with `{"scheduled_time": "YYYY-MM-DD HH:MM:SS"}`
    (GMT, ahead of the emulator's clock): `scheduled` for that time, out of band."""
    checked = campaign_id(raw_id)
    body = read_json()
    text = body.get("scheduled_time") if isinstance(body, dict) and len(body) == 1 else None
    at = parse_time(text) if isinstance(text, str) else None
    if at is None:
        raise BadRequest('Body must be {"scheduled_time": "YYYY-MM-DD HH:MM:SS"} (GMT).')
    backend.store.schedule(checked, at)
    return no_content()


def campaign(backend: HoodBackend, raw_id: str) -> Response:
    """`GET /_emulator/campaigns/{id}`: the stored record, every field, no lag, no variant."""
    return json_response(backend.store.campaign(campaign_id(raw_id)))


def get_clock(backend: HoodBackend) -> Response:
    """`GET /_emulator/clock`: `{"now", "offset_s", "frozen"}`."""
    return json_response(backend.clock.as_json())


def put_clock(backend: HoodBackend) -> Response:
    """`PUT /_emulator/clock`: one of `now` (freeze), `offset_s`, `advance_s`, `real`."""
    backend.clock.change(read_json())
    backend.store.catch_up()
    return json_response(backend.clock.as_json())


def events(backend: HoodBackend) -> Response:
    """`GET /_emulator/events`: system transitions (started, finished), in the order applied."""
    backend.store.catch_up()
    return json_response({"events": [event.as_json() for event in backend.events.entries()]})


def ledger(backend: HoodBackend) -> Response:
    """`GET /_emulator/ledger`: every applied action, in order."""
    return json_response({"actions": [entry.as_json() for entry in backend.ledger.entries()]})


def stats(backend: HoodBackend) -> Response:
    """`GET /_emulator/stats`."""
    return json_response(backend.stats.snapshot())


def reset_stats(backend: HoodBackend) -> Response:
    """`POST /_emulator/stats/reset`: counters and peaks from zero."""
    backend.stats.reset()
    return no_content()


def put_faults(backend: HoodBackend) -> Response:
    """`PUT /_emulator/faults`: replace every rule; `{"rules": []}` clears them."""
    backend.faults.configure(read_json())
    return json_response(backend.faults.report())


def get_faults(backend: HoodBackend) -> Response:
    """`GET /_emulator/faults`: the rules and how many times each has fired."""
    return json_response(backend.faults.report())


def put_settings(backend: HoodBackend) -> Response:
    """`PUT /_emulator/settings`: change the given switches, keep the others."""
    backend.apply_settings(backend.settings.updated(read_json()))
    return json_response(backend.settings.as_json())


def get_settings(backend: HoodBackend) -> Response:
    """`GET /_emulator/settings`."""
    return json_response(backend.settings.as_json())
