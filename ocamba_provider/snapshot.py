"""The per-process snapshot of campaign statuses that every resource of a run shares.

The engine checks resources one after another, so a lone check cannot batch with the checks
still to come. Three things keep reads near the floor instead of one GET per resource:
- the program hints every declared id up front (`hint`), and the first observation reads
  them all in one bulk read (`HoodClient.campaign_statuses` picks `id=in:` batches or a paged
  listing from the workspace size);
- concurrent callers (refresh reads run in parallel) wait for the read in flight and then
  join the next one, instead of each fetching (single flight with a queue);
- without a hint (a refresh runs before the program), once the small reads have cost as much
  as reading the whole workspace would, the snapshot reads the whole workspace once
  (ski rental: never more than about twice the best possible).
Writes record what they did (`record`), so a later observation in the same run sees it.

"No such campaign" (None) is recorded only after a single read of that id said so: a bulk
answer that left an id out (a capped page, a listing that changed while paged) proves
nothing, and `read` turning None into an empty id would drop the campaign from state.
A malformed bulk answer is not asked for again by every resource: the first failure stands
for the rest of the run, so 120 resources fail in seconds with the same clear error.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable
from typing import Final

from ocamba_provider.client import (
    Campaign,
    HoodClient,
    HoodNotFound,
    HoodProtocolError,
    check_campaign_id,
)
from ocamba_provider.client.errors import HoodInvalidArgument

PAGE_SIZE: Final = 100
SPARSE_FIELDS: Final = "id,name,status,scheduled_time,next_run_time"
SMALL_READS_BEFORE_SIZING: Final = 2
"""Bulk reads made before the snapshot asks how big the workspace is (one cheap request)."""


def _valid(campaign_id: str) -> bool:
    try:
        check_campaign_id(campaign_id)
    except HoodInvalidArgument:
        return False
    return True


class StatusSnapshot:
    """Campaign statuses as last seen by this process; None means 'no such campaign'."""

    def __init__(self, client: HoodClient) -> None:
        self._client = client
        self._seen: dict[str, Campaign | None] = {}
        self._wanted: set[str] = set()
        self._lock = threading.Lock()
        self._fetching = threading.Lock()
        self._reads = 0
        self._whole_workspace = False
        self._total: int | None = None
        self._broken: HoodProtocolError | None = None
        self._listings: dict[str | None, tuple[Campaign, ...]] = {}

    @property
    def client(self) -> HoodClient:
        """The client the snapshot reads with; writers use it too, to share its pacing."""
        return self._client

    def hint(self, campaign_ids: Iterable[str]) -> None:
        """Remember ids the run will ask about, so the next read fetches them too.

        Ids that are not ids are left out: their own check reports them.
        """
        with self._lock:
            self._wanted.update(i for i in campaign_ids if i not in self._seen and _valid(i))

    def observe(self, campaign_id: str) -> Campaign | None:
        """The campaign as seen in this run, reading it (and every hinted id) if not yet seen.

        Raises:
            HoodInvalidArgument: `campaign_id` is not a string of digits.
            HoodError: the read failed after the client's retries.
        """
        check_campaign_id(campaign_id)
        with self._lock:
            if campaign_id in self._seen:
                return self._seen[campaign_id]
            self._wanted.add(campaign_id)
        with self._fetching:
            with self._lock:
                if campaign_id in self._seen:
                    return self._seen[campaign_id]
                batch = set(self._wanted)
            if self._broken is not None:
                raise self._broken
            try:
                found = self._bulk_read(batch)
            except HoodProtocolError as malformed:
                self._broken = malformed
                raise
            # Absent from a bulk answer is not absent from the workspace: ask for each one.
            for missing in sorted(batch - found.keys()):
                single = self._single_read(missing)
                if single is not None:
                    found[missing] = single
            with self._lock:
                for wanted in batch:
                    self._seen[wanted] = found.get(wanted)
                self._wanted -= batch
                return self._seen[campaign_id]

    def _bulk_read(self, batch: set[str]) -> dict[str, Campaign]:
        # Called with _fetching held.
        if self._whole_workspace:
            return {}  # everything was listed once: what is still unseen needs a single read
        if self._small_reads_exhausted():
            return self._read_whole_workspace()
        self._reads += 1
        return dict(self._client.campaign_statuses(sorted(batch)))

    def _single_read(self, campaign_id: str) -> Campaign | None:
        try:
            return self._client.get_campaign(campaign_id)
        except HoodNotFound:
            return None

    def _small_reads_exhausted(self) -> bool:
        # Called with _fetching held. Asking for the size costs one request, so only runs
        # that already needed several reads (no hint) pay it.
        if self._reads < SMALL_READS_BEFORE_SIZING:
            return False
        if self._total is None:
            self._total = self._client.workspace_total()
        return self._reads >= max(1, math.ceil(self._total / PAGE_SIZE))

    def _read_whole_workspace(self) -> dict[str, Campaign]:
        campaigns = {c.id: c for c in self._client.iter_campaigns(fields=SPARSE_FIELDS)}
        with self._lock:
            for campaign in campaigns.values():
                self._seen.setdefault(campaign.id, campaign)
            self._whole_workspace = True
        return campaigns

    def labelled(self, label: str | None) -> tuple[Campaign, ...]:
        """Campaigns with their labels: every one carrying `label` (others too, when the server
        does not filter: the caller matches), or the whole workspace for None. Read once per
        run and label, and not at all once the whole workspace was listed with labels; every
        campaign read is seen, so the run's later observations are answered from memory.

        Raises:
            HoodError: the listing failed after the client's retries.
        """
        with self._fetching:
            known = self._listings.get(label, self._listings.get(None))
            if known is not None:
                return known
            listing = self._client.labelled(label)
            whole = listing.whole_workspace
            self._listings[None if whole else label] = listing.campaigns
            with self._lock:
                for campaign in listing.campaigns:
                    self._seen.setdefault(campaign.id, campaign)
                self._whole_workspace = self._whole_workspace or whole
            return listing.campaigns

    def seen(self, campaign_id: str) -> tuple[bool, Campaign | None]:
        """(True, what this run saw) if it has observed the campaign; never reads."""
        with self._lock:
            if campaign_id in self._seen:
                return True, self._seen[campaign_id]
            return False, None

    def reread(self, campaign_id: str) -> Campaign | None:
        """A fresh single read, bypassing what was seen; the answer replaces it.

        Raises:
            HoodError: the read failed after the client's retries.
        """
        campaign = self._single_read(campaign_id)
        with self._lock:
            self._seen[campaign_id] = campaign
        return campaign

    def record(self, campaign: Campaign) -> None:
        """What a write in this run made of a campaign (the API's 204 carries no body)."""
        with self._lock:
            self._seen[campaign.id] = campaign
