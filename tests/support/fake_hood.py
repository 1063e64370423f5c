"""FakeHood: an in-memory stand-in for HoodClient, with scripted faults, a ledger and a counter.

It behaves like the Hood API as far as the provider can tell: ids are checked like the real
client checks them, a resume of a campaign that is not `paused` is refused with the API's
"is not paused" 400, a pause of one that is not running or scheduled is refused, an unknown id
is HoodNotFound. Not emulated: pagination, rate limits, labels, anything HTTP.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from ocamba_provider.client import (
    Campaign,
    HoodAmbiguousWrite,
    HoodBadRequest,
    HoodError,
    HoodInvalidArgument,
    HoodNotFound,
    check_campaign_id,
)

TOKEN = "tok-unit-5ec7e7-do-not-print"
URL = "https://hood.example.test"


class Fault(Enum):
    """What a scripted write does instead of simply succeeding."""

    DROP_AFTER_APPLY = "the server applied the write, then the connection dropped"
    DROP_BEFORE_APPLY = "the connection dropped before the server applied the write"


Step = Fault | HoodError


@dataclass(frozen=True)
class Applied:
    """One write the fake workspace applied (what the emulator's ledger would show)."""

    campaign_id: str
    action: str
    body: dict[str, Any] = field(default_factory=dict)


class FakeHood:
    """The methods of HoodClient the provider uses, over an in-memory workspace.

    - `requests`: every call as (operation, argument), in order; `reads`/`writes` filter it.
    - `ledger`: every write the workspace applied.
    - `script(operation, *steps)`: the next calls of `resume`/`pause` fail as scripted.
    - `lag(campaign_id, reads)`: the next reads of that campaign show it as it was before its
      last applied write (a read replica behind the primary).
    - `fail_reads(*errors)`: the next reads (bulk or single) raise these errors, in order.
    - `hold_reads`: when set, bulk reads wait for the event (to line up concurrent callers).
    """

    def __init__(self, *campaigns: Campaign) -> None:
        self.campaigns: dict[str, Campaign] = {c.id: c for c in campaigns}
        self.requests: list[tuple[str, Any]] = []
        self.ledger: list[Applied] = []
        self.hold_reads: threading.Event | None = None
        # Ids that bulk reads leave out (a capped or shifting listing); single reads see them.
        self.left_out_of_listings: set[str] = set()
        self.tokens_seen: list[str] = []
        self._steps: dict[str, list[Step]] = {"resume": [], "pause": []}
        self._read_faults: list[HoodError] = []
        self._before: dict[str, Campaign] = {}
        self._lagging: dict[str, int] = {}
        self._lock = threading.Lock()

    # Test controls ------------------------------------------------------------------------

    def add(
        self,
        campaign_id: str,
        status: str,
        name: str | None = None,
        scheduled_time: str | None = None,
        next_run_time: str | None = None,
    ) -> Campaign:
        """Put a campaign in the workspace (times GMT, in the API form)."""
        campaign = Campaign(
            id=campaign_id,
            name=name or f"campaign {campaign_id}",
            status=status,
            scheduled_time=scheduled_time,
            next_run_time=next_run_time,
        )
        self.campaigns[campaign_id] = campaign
        return campaign

    def script(self, operation: str, *steps: Step) -> None:
        """The next calls of `operation` ("resume" or "pause") fail as `steps` say, in order."""
        self._steps[operation].extend(steps)

    def fail_reads(self, *errors: HoodError) -> None:
        """The next reads raise `errors`, one each, in order."""
        self._read_faults.extend(errors)

    def lag(self, campaign_id: str, reads: int) -> None:
        """The next `reads` reads of the campaign return it as before its last write."""
        self._lagging[campaign_id] = reads

    def status_of(self, campaign_id: str) -> str:
        """The campaign's true status in the workspace."""
        return self.campaigns[campaign_id].status

    @property
    def reads(self) -> list[tuple[str, Any]]:
        """Bulk and single reads, in order."""
        return [
            r
            for r in self.requests
            if r[0] in ("campaign_statuses", "get_campaign", "workspace_total", "iter_campaigns")
        ]

    @property
    def writes(self) -> list[tuple[str, Any]]:
        """Resume and pause calls, applied or not, in order."""
        return [r for r in self.requests if r[0] in ("resume", "pause")]

    def applied(self, action: str, campaign_id: str) -> int:
        """How many `action` writes the workspace applied to the campaign."""
        return sum(1 for a in self.ledger if a.action == action and a.campaign_id == campaign_id)

    def as_client_factory(self) -> Callable[..., FakeHood]:
        """A stand-in for the HoodClient class: every construction returns this fake."""

        def build(base_url: str, token: str, **_options: Any) -> FakeHood:
            self.tokens_seen.append(token)
            return self

        return build

    # HoodClient surface -------------------------------------------------------------------

    def campaign_statuses(self, campaign_ids: Iterable[str]) -> dict[str, Campaign]:
        """The campaigns among the ids, by id; unknown ids are absent."""
        ids = [check_campaign_id(i) for i in campaign_ids]
        with self._lock:
            self.requests.append(("campaign_statuses", tuple(ids)))
            if self._read_faults:
                raise self._read_faults.pop(0)
        if self.hold_reads is not None:
            assert self.hold_reads.wait(timeout=5), "bulk read held for too long"
        with self._lock:
            found = (self._read(i) for i in ids if i not in self.left_out_of_listings)
            return {c.id: c for c in found if c is not None}

    def workspace_total(self) -> int:
        """How many campaigns the workspace holds."""
        with self._lock:
            self.requests.append(("workspace_total", ()))
            return len(self.campaigns)

    def iter_campaigns(self, **filters: str) -> Iterator[Campaign]:
        """Every campaign (filters other than `fields` are not faked)."""
        assert set(filters) <= {"fields"}, f"fake lists the whole workspace only: {filters}"
        with self._lock:
            self.requests.append(("iter_campaigns", tuple(sorted(filters.items()))))
            listed = [c for c in (self._read(i) for i in sorted(self.campaigns)) if c]
        return iter(listed)

    def get_campaign(self, campaign_id: str) -> Campaign:
        """The campaign. Raises HoodNotFound for an unknown id."""
        cid = check_campaign_id(campaign_id)
        with self._lock:
            self.requests.append(("get_campaign", cid))
            if self._read_faults:
                raise self._read_faults.pop(0)
            campaign = self._read(cid)
        if campaign is None:
            raise HoodNotFound(
                "400 Bad Request Campaign does not exist.",
                operation="get campaign",
                campaign_id=cid,
                http_status=400,
                message="Campaign does not exist.",
            )
        return campaign

    def resume(
        self, campaign_id: str, *, run_immediately: bool = False, scheduled_time: str | None = None
    ) -> None:
        """Resume a paused campaign, like the API (or as scripted)."""
        cid = check_campaign_id(campaign_id)
        if bool(run_immediately) == (scheduled_time is not None):
            raise HoodInvalidArgument(f"resume campaign {cid}: give exactly one mode")
        body: dict[str, Any] = (
            {"run_immediately": 1} if run_immediately else {"scheduled_time": scheduled_time}
        )
        new_status = "running" if run_immediately else "scheduled"
        self._write(
            "resume", cid, body, allowed=("paused",), new_status=new_status, refusal="is not paused"
        )

    def pause(self, campaign_id: str, reason: str | None = None) -> None:
        """Pause a running or scheduled campaign, like the API (or as scripted)."""
        cid = check_campaign_id(campaign_id)
        body: dict[str, Any] = {} if reason is None else {"reason": reason}
        self._write(
            "pause",
            cid,
            body,
            allowed=("running", "scheduled"),
            new_status="paused",
            refusal="is not running or scheduled",
        )

    # Machinery ----------------------------------------------------------------------------

    def _read(self, cid: str) -> Campaign | None:
        if self._lagging.get(cid, 0) > 0:
            self._lagging[cid] -= 1
            return self._before.get(cid, self.campaigns.get(cid))
        return self.campaigns.get(cid)

    def _write(
        self,
        action: str,
        cid: str,
        body: dict[str, Any],
        *,
        allowed: tuple[str, ...],
        new_status: str,
        refusal: str,
    ) -> None:
        op = f"{action} campaign"
        with self._lock:
            self.requests.append((action, cid))
            step = self._steps[action].pop(0) if self._steps[action] else None
            if isinstance(step, HoodError):
                raise step
            if step is Fault.DROP_BEFORE_APPLY:
                raise HoodAmbiguousWrite(
                    f"outcome unknown: {step.value}", operation=op, campaign_id=cid
                )
            campaign = self.campaigns.get(cid)
            if campaign is None:
                raise HoodNotFound(
                    "400 Bad Request Campaign does not exist.",
                    operation=op,
                    campaign_id=cid,
                    http_status=400,
                    message="Campaign does not exist.",
                )
            if campaign.status not in allowed:
                message = f"Campaign {cid} {refusal} (status: {campaign.status})."
                raise HoodBadRequest(
                    f"400 Bad Request {message}",
                    operation=op,
                    campaign_id=cid,
                    http_status=400,
                    message=message,
                )
            self._before[cid] = campaign
            changes: dict[str, Any] = {"status": new_status}
            if "scheduled_time" in body:
                changes["scheduled_time"] = body["scheduled_time"]
            self.campaigns[cid] = replace(campaign, **changes)
            self.ledger.append(Applied(cid, action, body))
            if step is Fault.DROP_AFTER_APPLY:
                raise HoodAmbiguousWrite(
                    f"outcome unknown: {step.value}", operation=op, campaign_id=cid
                )
