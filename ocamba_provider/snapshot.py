"""The per-process snapshot of campaign statuses that every resource of a run shares.

The engine checks resources one after another, so a lone check cannot batch with the checks
still to come. Two things keep reads near the floor instead of one GET per resource:
- the program can hint every declared id up front (`hint`), and the first observation reads
  them all in one bulk read (`HoodClient.campaign_statuses` picks `id=in:` batches or a paged
  listing from the workspace size);
- concurrent callers (refresh reads run in parallel) wait for the read in flight and then
  join the next one, instead of each fetching (single flight with a queue).
Writes record what they did (`record`), so a later observation in the same run sees it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from ocamba_provider.client import Campaign, HoodClient, HoodNotFound


class StatusSnapshot:
    """Campaign statuses as last seen by this process; None means 'no such campaign'."""

    def __init__(self, client: HoodClient) -> None:
        self._client = client
        self._seen: dict[str, Campaign | None] = {}
        self._wanted: set[str] = set()
        self._lock = threading.Lock()
        self._fetching = threading.Lock()

    @property
    def client(self) -> HoodClient:
        """The client the snapshot reads with; writers use it too, to share its pacing."""
        return self._client

    def hint(self, campaign_ids: Iterable[str]) -> None:
        """Remember ids the run will ask about, so the next read fetches them too."""
        with self._lock:
            self._wanted.update(i for i in campaign_ids if i not in self._seen)

    def observe(self, campaign_id: str) -> Campaign | None:
        """The campaign as seen in this run, reading it (and every hinted id) if not yet seen.

        Raises:
            HoodError: the read failed after the client's retries.
        """
        with self._lock:
            if campaign_id in self._seen:
                return self._seen[campaign_id]
            self._wanted.add(campaign_id)
        with self._fetching:
            with self._lock:
                if campaign_id in self._seen:
                    return self._seen[campaign_id]
                batch = set(self._wanted)
            found = self._client.campaign_statuses(sorted(batch))
            with self._lock:
                for wanted in batch:
                    self._seen[wanted] = found.get(wanted)
                self._wanted -= batch
                return self._seen[campaign_id]

    def reread(self, campaign_id: str) -> Campaign | None:
        """A fresh single read, bypassing what was seen; the answer replaces it.

        Raises:
            HoodError: the read failed after the client's retries.
        """
        try:
            campaign: Campaign | None = self._client.get_campaign(campaign_id)
        except HoodNotFound:
            campaign = None
        with self._lock:
            self._seen[campaign_id] = campaign
        return campaign

    def record(self, campaign: Campaign) -> None:
        """What a write in this run made of a campaign (the API's 204 carries no body)."""
        with self._lock:
            self._seen[campaign.id] = campaign
