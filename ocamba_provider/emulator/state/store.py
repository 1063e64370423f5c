"""The in-memory campaign store; its public methods are named after the API operations.

Thread-safe behind one lock: the werkzeug server runs a thread per request. Campaigns are
indexed by id, so single-campaign operations cost O(1) whatever the workspace size; the
newest-first order that lists start from is cached until the set of campaigns changes.

Status lag (`status_lag_s` > 0, "automatically synchronized" in the docs): every applied write
becomes visible to reads exactly `status_lag_s` after it was applied, writes in apply order. A
second write during the lag neither extends nor shortens the first one's window: reads show the
state before both until the first is due, the first's result until the second is due, then the
second's. With `write_check_lags` the status checks of resume, pause and cancel read that same
lagged view, so a write resent during the lag is applied again and recorded again in the ledger
(a second send to real people); without it they check the true status, as before.

Not emulated: a scheduler (a `scheduled` campaign never starts by itself, a `running` one never
becomes `sent`), create/PATCH/set-winner, A/B tests, recurrence, quiet hours, per-company
workspaces (one token, one workspace).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from ..api.errors import BadRequest, CampaignNotFound
from ..api.query import ListQuery, sort_key
from .campaigns import STATUSES, Campaign, now_text, project
from .ledger import Action, Ledger


@dataclass
class PendingWrites:
    """Writes to one campaign that reads do not see yet: what they show now, and a queue of
    (monotonic time it becomes visible, the campaign after that write), oldest first."""

    shown: Campaign
    queue: deque[tuple[float, Campaign]] = field(default_factory=deque)

    def holds_back(self, now: float) -> bool:
        """Advance `shown` past every write that is due; whether any write is still hidden."""
        while self.queue and self.queue[0][0] <= now:
            self.shown = self.queue.popleft()[1]
        return bool(self.queue)


class CampaignStore:
    """Campaigns of the one emulated workspace."""

    def __init__(self, ledger: Ledger) -> None:
        self._lock = threading.RLock()
        self._ledger = ledger
        self._campaigns: dict[str, Campaign] = {}
        self._newest_first: list[Campaign] | None = None
        # id -> writes applied but not yet visible to reads; see the module docstring.
        self._lagged: dict[str, PendingWrites] = {}
        self.not_found_status = 400
        self.status_lag_s = 0.0
        self.write_check_lags = False

    # -- control surface -------------------------------------------------------------------

    def replace_all(self, campaigns: list[Campaign]) -> None:
        """Make `campaigns` the whole workspace (seeding).

        Raises:
            BadRequest: two campaigns share an id.
        """
        by_id = {campaign["id"]: campaign for campaign in campaigns}
        if len(by_id) != len(campaigns):
            raise BadRequest("Seed campaign ids must be unique.")
        with self._lock:
            self._campaigns = by_id
            self._newest_first = None
            self._lagged.clear()

    def set_status(self, campaign_id: str, status: str) -> None:
        """An out-of-band change (the system or another user did it): no ledger entry, no lag.

        Raises:
            CampaignNotFound: (404) no such campaign.
            BadRequest: not a documented status.
        """
        if status not in STATUSES:
            raise BadRequest(f"status must be one of {', '.join(sorted(STATUSES))}.")
        with self._lock:
            campaign = self._campaigns.get(campaign_id)
            if campaign is None:
                raise CampaignNotFound(campaign_id, 404)
            campaign.update(status=status, is_draft=status == "draft", update_time=now_text())
            self._lagged.pop(campaign_id, None)

    def count(self) -> int:
        """How many campaigns the workspace holds."""
        with self._lock:
            return len(self._campaigns)

    # -- API operations --------------------------------------------------------------------

    def list_campaigns(self, query: ListQuery) -> tuple[int, list[Campaign]]:
        """`GET /v1/hood/campaigns`: the total of matches and the requested page of them."""
        with self._lock:
            now = time.monotonic()
            candidates = [self._visible(campaign, now) for campaign in self._candidates(query)]
            matches = query.ordered([c for c in candidates if query.matches(c)])
            page = [project(c, query.fields, query.full_view) for c in query.page_of(matches)]
            return len(matches), page

    def get_campaign(
        self, campaign_id: str, fields: tuple[str, ...] | None = None, full: bool = False
    ) -> Campaign:
        """`GET /v1/hood/campaigns/{id}`.

        Raises:
            CampaignNotFound: no such campaign.
        """
        with self._lock:
            return project(self._visible(self._find(campaign_id), time.monotonic()), fields, full)

    def resume_campaign(
        self, campaign_id: str, scheduled_time: str | None, body: dict[str, Any]
    ) -> None:
        """`POST .../{id}/resume`: `running` now, or `scheduled` for `scheduled_time` (GMT).

        Raises:
            CampaignNotFound: no such campaign.
            BadRequest: the campaign is not `paused` (the message says "is not paused").
        """
        with self._lock:
            campaign = self._find(campaign_id)
            status = self._status_for_write(campaign)
            if status != "paused":
                raise BadRequest(f"Campaign {campaign_id} is not paused (status: {status}).")
            if scheduled_time is None:
                changes: dict[str, Any] = {
                    "status": "running",
                    "run_counter": _int(campaign.get("run_counter")) + 1,
                    "was_launched": True,
                }
            else:
                changes = {
                    "status": "scheduled",
                    "scheduled_time": scheduled_time,
                    "next_run_time": scheduled_time,
                }
            self._apply(campaign, "resume", changes, body)

    def pause_campaign(self, campaign_id: str, body: dict[str, Any]) -> None:
        """`POST .../{id}/pause`: only from `running` or `scheduled`.

        Raises:
            CampaignNotFound: no such campaign.
            BadRequest: the campaign is neither running nor scheduled.
        """
        with self._lock:
            campaign = self._find(campaign_id)
            status = self._status_for_write(campaign)
            if status not in ("running", "scheduled"):
                raise BadRequest(
                    f"Campaign {campaign_id} is not running or scheduled (status: {status})."
                )
            self._apply(campaign, "pause", {"status": "paused"}, body)

    def cancel_campaign(self, campaign_id: str, body: dict[str, Any]) -> None:
        """`POST .../{id}/cancel`: permanent; from `running`, `scheduled` or `paused`.

        Raises:
            CampaignNotFound: no such campaign.
            BadRequest: the campaign's status cannot be canceled.
        """
        with self._lock:
            campaign = self._find(campaign_id)
            status = self._status_for_write(campaign)
            if status not in ("running", "scheduled", "paused"):
                raise BadRequest(f"Campaign {campaign_id} cannot be canceled (status: {status}).")
            changes = {"status": "canceled", "next_run_time": None}
            self._apply(campaign, "cancel", changes, body)

    # -- internals -------------------------------------------------------------------------

    def _find(self, campaign_id: str) -> Campaign:
        campaign = self._campaigns.get(campaign_id)
        if campaign is None:
            raise CampaignNotFound(campaign_id, self.not_found_status)
        return campaign

    def _status_for_write(self, campaign: Campaign) -> Any:
        # The real service's check may read a replica that trails its own writes.
        if self.write_check_lags:
            return self._visible(campaign, time.monotonic())["status"]
        return campaign["status"]

    def _apply(
        self, campaign: Campaign, action: Action, changes: dict[str, Any], body: dict[str, Any]
    ) -> None:
        if self.status_lag_s > 0:
            now = time.monotonic()
            pending = self._lagged.get(campaign["id"])
            if pending is None or not pending.holds_back(now):
                pending = PendingWrites(dict(campaign))
                self._lagged[campaign["id"]] = pending
            campaign.update(changes, update_time=now_text())
            pending.queue.append((now + self.status_lag_s, dict(campaign)))
        else:  # no lag (now): this write and any still pending are visible at once
            self._lagged.pop(campaign["id"], None)
            campaign.update(changes, update_time=now_text())
        self._ledger.record(campaign["id"], action, body)

    def _visible(self, campaign: Campaign, now: float) -> Campaign:
        if not self._lagged:
            return campaign
        pending = self._lagged.get(campaign["id"])
        if pending is None:
            return campaign
        if pending.holds_back(now):
            return pending.shown
        del self._lagged[campaign["id"]]
        return campaign

    def _candidates(self, query: ListQuery) -> list[Campaign]:
        # `id=...` / `id=in:...` filters (how a client reads back a batch) use the index.
        exact: set[str] | None = None
        for condition in query.filters:
            ids = condition.exact_ids()
            if ids is not None:
                exact = set(ids) if exact is None else exact & set(ids)
        if exact is None:
            return self._newest_first_order()
        found = [self._campaigns[i] for i in exact if i in self._campaigns]
        return sorted(found, key=_newest_first_key, reverse=True)

    def _newest_first_order(self) -> list[Campaign]:
        if self._newest_first is None:
            self._newest_first = sorted(
                self._campaigns.values(), key=_newest_first_key, reverse=True
            )
        return self._newest_first


def _newest_first_key(campaign: Campaign) -> tuple[tuple[int, Any], int]:
    # create_time strings sort chronologically; ids break ties (bigger id = created later).
    return sort_key(campaign.get("create_time")), int(campaign["id"])


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
