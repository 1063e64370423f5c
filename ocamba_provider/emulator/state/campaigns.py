"""The emulated campaign record: statuses, default fields, seeding and views.

A campaign is kept as a plain JSON object (`dict`) because the API returns many fields this
project never reads; seeds may carry any of them and they are echoed back untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeGuard

from ..api.errors import BadRequest

Campaign = dict[str, Any]

STATUSES = frozenset(
    {"draft", "scheduled", "running", "paused", "canceled", "sent", "needs_decision"}
)
ID_PATTERN = re.compile(r"[0-9]{1,20}")
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
# Seeded campaigns get create_time = this + their position, so "newest first" is predictable.
SEED_EPOCH = datetime(2025, 1, 1, tzinfo=UTC)

# Returned without `view=full` (INFER: the docs show a `view` switch but not the default set).
DEFAULT_VIEW = (
    "id",
    "company_id",
    "name",
    "description",
    "labels",
    "status",
    "send_strategy",
    "scheduled_time",
    "next_run_time",
    "run_counter",
    "is_draft",
    "was_launched",
    "create_time",
    "update_time",
)
# Every field the docs show on a campaign: the vocabulary of `fields=` and `view=full`.
DOCUMENTED_FIELDS = frozenset(
    {
        *DEFAULT_VIEW,
        "creator_id",
        "creator",
        "metadata",
        "ab_test",
        "messages",
        "recurrence",
        "utm_tracking",
        "quiet_hours",
        "targeting",
        "send_in_profile_time_zone",
        "send_if_profile_time_passed",
        "deal_id",
    }
)


def format_time(moment: datetime) -> str:
    """The API's time format: `YYYY-MM-DD HH:MM:SS`, GMT, no `T`, no offset."""
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def parse_time(text: str) -> datetime | None:
    """A GMT datetime from `YYYY-MM-DD HH:MM:SS`, or None if the text is not a real time."""
    try:
        return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def new_campaign(seed: dict[str, Any], campaign_id: str, position: int) -> Campaign:
    """A full campaign from a seed entry, documented fields filled with plausible defaults.

    Raises:
        BadRequest: the seed's status is not one of the documented statuses.
    """
    status = seed.get("status", "paused")
    if status not in STATUSES:
        raise BadRequest(
            f"Seed campaign {campaign_id}: status must be one of {', '.join(sorted(STATUSES))}."
        )
    created = format_time(SEED_EPOCH + timedelta(seconds=position))
    campaign: Campaign = {
        "id": campaign_id,
        "company_id": "emulator",
        "creator_id": "1",
        "creator": {"id": "1", "name": "Emulator"},
        "name": f"Campaign {campaign_id}",
        "description": "",
        "labels": [],
        "metadata": {},
        "status": status,
        "send_strategy": "manual",
        "scheduled_time": None,
        "was_launched": status in {"running", "paused", "sent", "canceled", "needs_decision"},
        "is_draft": status == "draft",
        "ab_test": None,
        "messages": [],
        "recurrence": None,
        "utm_tracking": {},
        "quiet_hours": {},
        "targeting": {},
        "send_in_profile_time_zone": False,
        "send_if_profile_time_passed": False,
        "deal_id": None,
        "next_run_time": None,
        "run_counter": 0,
        "create_time": created,
        "update_time": created,
    }
    campaign.update(seed)
    campaign["id"] = campaign_id
    return campaign


def seed_campaigns(entries: Iterable[Any], first_position: int = 0) -> list[Campaign]:
    """Campaigns from the `campaigns` list of a seed body; ids default to a running counter.

    Raises:
        BadRequest: an entry is not an object, has a malformed or duplicate id or bad status.
    """
    campaigns: list[Campaign] = []
    next_id = 1000000
    for offset, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise BadRequest("Each seed campaign must be a JSON object.")
        campaign_id = entry.get("id", str(next_id))
        if not isinstance(campaign_id, str) or not ID_PATTERN.fullmatch(campaign_id):
            raise BadRequest(f"Seed campaign id {campaign_id!r} must be a string of digits.")
        next_id = max(next_id, int(campaign_id) + 1)
        campaigns.append(new_campaign(entry, campaign_id, first_position + offset))
    return campaigns


def generate_campaigns(spec: Any) -> list[Campaign]:
    """`count` campaigns with consecutive ids from `{"count", "status", "first_id"}`.

    Raises:
        BadRequest: the spec is malformed.
    """
    if not isinstance(spec, dict) or set(spec) - {"count", "status", "first_id", "name_prefix"}:
        raise BadRequest("generate takes count, status, first_id and name_prefix.")
    count, first_id = spec.get("count"), spec.get("first_id", 1000000)
    status, prefix = spec.get("status", "paused"), spec.get("name_prefix", "Campaign")
    if not _count(count) or not _count(first_id) or count > 1_000_000:
        raise BadRequest("generate.count (up to 1000000) and first_id must be integers >= 0.")
    if not isinstance(prefix, str):
        raise BadRequest("generate.name_prefix must be a string.")
    if status not in STATUSES:
        raise BadRequest(f"generate.status must be one of {', '.join(sorted(STATUSES))}.")
    return [
        new_campaign({"name": f"{prefix} {first_id + n}", "status": status}, str(first_id + n), n)
        for n in range(count)
    ]


def _count(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def campaigns_from_seed(body: Any) -> list[Campaign]:
    """The workspace a seed body describes: `{"campaigns": [...]}` and/or `{"generate": {...}}`.

    Generated campaigns come first (oldest), then the listed ones in order.

    Raises:
        BadRequest: the body is malformed.
    """
    if not isinstance(body, dict) or not body or set(body) - {"campaigns", "generate"}:
        raise BadRequest("Seed body takes 'campaigns' (a list) and/or 'generate' (an object).")
    entries = body.get("campaigns", [])
    if not isinstance(entries, list):
        raise BadRequest("'campaigns' must be a list.")
    generated = generate_campaigns(body["generate"]) if "generate" in body else []
    return generated + seed_campaigns(entries, first_position=len(generated))


def project(campaign: Campaign, fields: tuple[str, ...] | None, full: bool) -> Campaign:
    """The campaign as a read shows it: sparse `fields` win over `view`, as documented."""
    if fields is not None:
        return {name: campaign[name] for name in fields if name in campaign}
    if full:
        return dict(campaign)
    return {name: campaign[name] for name in DEFAULT_VIEW if name in campaign}
