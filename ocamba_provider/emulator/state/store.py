"""The in-memory campaign store; its public methods are named after the API operations.

Thread-safe behind one lock: the werkzeug server runs a thread per request. Campaigns are
indexed by id, so single-campaign operations cost O(1) whatever the workspace size (O(log n)
for the scheduler's timeline); the newest-first order that lists start from is cached until the
set of campaigns changes.

Before every read and write the store lets the scheduler catch up with the emulator's clock
(scheduler.py: scheduled campaigns start, one-shot runs finish); lag.py says how reads trail
client writes and how that meets the scheduler's changes. With `write_check_lags` the status
checks of resume, pause and cancel read the lagged view, so a write resent during the lag is
applied again and recorded again in the ledger (a second send to real people); without it they
check the true status.

Not emulated: create/PATCH/set-winner, A/B tests, recurrence (every start is one-shot), quiet
hours, per-company workspaces (one token, one workspace).
"""

from __future__ import annotations

import threading
import time
from datetime import datetime
from typing import Any

from ..api.errors import BadRequest, CampaignNotFound
from ..api.query import ListQuery, sort_key
from .campaigns import STATUSES, Campaign, format_time, project
from .clock import EmulatorClock
from .events import SystemEvents
from .lag import StatusLag
from .ledger import Action, Ledger
from .scheduler import Scheduler


class CampaignStore:
    """Campaigns of the one emulated workspace."""

    def __init__(
        self,
        ledger: Ledger,
        clock: EmulatorClock | None = None,
        events: SystemEvents | None = None,
    ) -> None:
        self._lock = threading.RLock()
        self._ledger = ledger
        self._clock = clock or EmulatorClock()
        self.scheduler = Scheduler(self._clock, events or SystemEvents())
        self._campaigns: dict[str, Campaign] = {}
        self._newest_first: list[Campaign] | None = None
        self._lag = StatusLag()
        self.not_found_status = 400
        self.write_check_lags = False

    @property
    def status_lag_s(self) -> float:
        """How long a client write stays hidden from reads (lag.py); 0 = off."""
        return self._lag.lag_s

    @status_lag_s.setter
    def status_lag_s(self, value: float) -> None:
        self._lag.lag_s = value

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
            self._lag.clear()
            self.scheduler.clear()
            for campaign in campaigns:
                self.scheduler.follow(campaign)

    def set_status(self, campaign_id: str, status: str) -> None:
        """An out-of-band change (the system or another user did it): no ledger entry, no lag.

        Raises:
            CampaignNotFound: (404) no such campaign.
            BadRequest: not a documented status.
        """
        if status not in STATUSES:
            raise BadRequest(f"status must be one of {', '.join(sorted(STATUSES))}.")
        self._out_of_band(campaign_id, {"status": status, "is_draft": status == "draft"})

    def set_labels(self, campaign_id: str, labels: list[str]) -> None:
        """Relabel a campaign out of band (no ledger entry, no lag).

        Raises:
            CampaignNotFound: (404) no such campaign.
        """
        self._out_of_band(campaign_id, {"labels": list(labels)})

    def schedule(self, campaign_id: str, at: datetime) -> None:
        """Reschedule a campaign out of band: `scheduled` for `at` (no ledger entry, no lag).

        Raises:
            CampaignNotFound: (404) no such campaign.
            BadRequest: `at` is not ahead of the emulator's clock.
        """
        now = self._clock.now()
        if at <= now:
            raise BadRequest(
                f"{format_time(at)} is not ahead of the emulator's clock ({format_time(now)})."
            )
        when = format_time(at)
        changes = {"status": "scheduled", "scheduled_time": when, "next_run_time": when}
        self._out_of_band(campaign_id, changes)

    def campaign(self, campaign_id: str) -> Campaign:
        """The campaign's true, current record (no lag, every field), for the control surface.

        Raises:
            CampaignNotFound: (404) no such campaign.
        """
        with self._lock:
            self.catch_up()
            campaign = self._campaigns.get(campaign_id)
            if campaign is None:
                raise CampaignNotFound(campaign_id, 404)
            return dict(campaign)

    def count(self) -> int:
        """How many campaigns the workspace holds."""
        with self._lock:
            return len(self._campaigns)

    def catch_up(self) -> None:
        """Apply every system transition due by the emulator's clock (scheduler.py)."""
        with self._lock:
            self.scheduler.catch_up(self._campaigns)

    # -- API operations --------------------------------------------------------------------

    def list_campaigns(self, query: ListQuery) -> tuple[int, list[Campaign]]:
        """`GET /v1/hood/campaigns`: the total of matches and the requested page of them."""
        with self._lock:
            self.catch_up()
            now = time.monotonic()
            candidates = [self._lag.visible(c, now) for c in self._candidates(query)]
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
            self.catch_up()
            shown = self._lag.visible(self._find(campaign_id), time.monotonic())
            return project(shown, fields, full)

    def resume_campaign(
        self, campaign_id: str, scheduled_time: str | None, body: dict[str, Any]
    ) -> None:
        """`POST .../{id}/resume`: `running` now, or `scheduled` for `scheduled_time` (GMT); a
        time already reached starts it at once.

        Raises:
            CampaignNotFound: no such campaign.
            BadRequest: the campaign is not `paused` (the message says "is not paused").
        """
        with self._lock:
            self.catch_up()
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
            self.scheduler.resumed(campaign_id, scheduled_time)
            self.catch_up()  # a time already reached starts now, not at the next request

    def pause_campaign(self, campaign_id: str, body: dict[str, Any]) -> None:
        """`POST .../{id}/pause`: only from `running` or `scheduled`.

        Raises:
            CampaignNotFound: no such campaign.
            BadRequest: the campaign is neither running nor scheduled.
        """
        with self._lock:
            self.catch_up()
            campaign = self._find(campaign_id)
            status = self._status_for_write(campaign)
            if status not in ("running", "scheduled"):
                raise BadRequest(
                    f"Campaign {campaign_id} is not running or scheduled (status: {status})."
                )
            self._apply(campaign, "pause", {"status": "paused"}, body)
            self.scheduler.stopped(campaign_id)

    def cancel_campaign(self, campaign_id: str, body: dict[str, Any]) -> None:
        """`POST .../{id}/cancel`: permanent; from `running`, `scheduled` or `paused`.

        Raises:
            CampaignNotFound: no such campaign.
            BadRequest: the campaign's status cannot be canceled.
        """
        with self._lock:
            self.catch_up()
            campaign = self._find(campaign_id)
            status = self._status_for_write(campaign)
            if status not in ("running", "scheduled", "paused"):
                raise BadRequest(f"Campaign {campaign_id} cannot be canceled (status: {status}).")
            changes = {"status": "canceled", "next_run_time": None}
            self._apply(campaign, "cancel", changes, body)
            self.scheduler.stopped(campaign_id)

    # -- internals -------------------------------------------------------------------------

    def _find(self, campaign_id: str) -> Campaign:
        campaign = self._campaigns.get(campaign_id)
        if campaign is None:
            raise CampaignNotFound(campaign_id, self.not_found_status)
        return campaign

    def _status_for_write(self, campaign: Campaign) -> Any:
        # The real service's check may read a replica that trails its own writes.
        if self.write_check_lags:
            return self._lag.visible(campaign, time.monotonic())["status"]
        return campaign["status"]

    def _apply(
        self, campaign: Campaign, action: Action, changes: dict[str, Any], body: dict[str, Any]
    ) -> None:
        now = time.monotonic()
        self._lag.before_write(campaign, now)
        campaign.update(changes, update_time=format_time(self._clock.now()))
        self._lag.after_write(campaign, now)
        self._ledger.record(campaign["id"], action, body)

    def _out_of_band(self, campaign_id: str, changes: dict[str, Any]) -> None:
        with self._lock:
            self.catch_up()
            campaign = self._campaigns.get(campaign_id)
            if campaign is None:
                raise CampaignNotFound(campaign_id, 404)
            campaign.update(changes, update_time=format_time(self._clock.now()))
            self._lag.drop(campaign_id)
            if "status" in changes:
                self.scheduler.follow(campaign)

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
