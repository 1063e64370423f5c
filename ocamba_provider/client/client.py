"""HoodClient: the operations this project needs on Ocamba Hood campaigns."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from requests.adapters import BaseAdapter

from ocamba_provider.client.answers import parse_nothing, parse_page
from ocamba_provider.client.arguments import (
    check_body,
    check_filters,
    check_resume_mode,
    check_token,
)
from ocamba_provider.client.calls import call
from ocamba_provider.client.errors import HoodError, HoodProtocolError, HoodRateLimited
from ocamba_provider.client.models import Campaign, check_campaign_id
from ocamba_provider.client.pagination import CAMPAIGN_FIELDS, Page, iter_pages, read_statuses
from ocamba_provider.client.rate_limit import AccountBudget, Limits
from ocamba_provider.client.retry import RetryDecision, RetryPolicy
from ocamba_provider.client.transport import Answer, Transport
from ocamba_provider.client.waits import WaitWatcher, pacing_told, retry_wait
from ocamba_provider.lifeline import the_gate

T = TypeVar("T")

CAMPAIGNS = "/v1/hood/campaigns"


class HoodClient:
    """A client for the Hood campaigns API, paced to the account's rate limits.

    `limits=None` disables client-side pacing (for tests that count retries, not time).
    `budget` is the pacing it draws from: clients given one budget pace together (the provider's
    sessions of one account do, resources/session.py); by default a client paces alone.
    `adapter` replaces the HTTP adapter (tests and proxies); `sleep` is how retries wait.
    """

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        timeout: tuple[float, float] = (5.0, 30.0),
        limits: Limits | None = Limits(),  # noqa: B008 - frozen, safe to share
        retry: RetryPolicy = RetryPolicy(),  # noqa: B008 - frozen, safe to share
        sleep: Callable[[float], None] = time.sleep,
        adapter: BaseAdapter | None = None,
        budget: AccountBudget | None = None,
        on_wait: WaitWatcher | None = None,
    ) -> None:
        check_token(token)
        self._transport = Transport(base_url, token, timeout=timeout, adapter=adapter)
        self._token = token
        self.limits = limits
        self.retry = retry
        self.sleep = sleep
        self._id_filter_works: bool | None = None
        # A malformed answer is retried once per client (one per run), not once per
        # resource: the same page would come back malformed for every campaign.
        self._malformed_retries = 1
        self._budget: AccountBudget | None = None
        if limits is not None:  # without limits, no pacing: whatever budget was given
            self._budget = budget if budget is not None else AccountBudget(limits)
        self._retries_lock = threading.Lock()
        self._on_wait = on_wait

    @property
    def base_url(self) -> str:
        """The API root, e.g. `https://api.ocamba.com`."""
        return self._transport.base_url

    def __repr__(self) -> str:
        return f"HoodClient({self.base_url!r})"

    def __getstate__(self) -> dict[str, Any]:
        # Pulumi pickles dynamic providers with dill: no session, socket or lock may travel.
        state = self.__dict__.copy()
        state["_budget"] = None
        state["_on_wait"] = None  # whoever watched this client's waits stays behind
        del state["_retries_lock"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._budget = None if self.limits is None else AccountBudget(self.limits)
        self._retries_lock = threading.Lock()

    def __enter__(self) -> HoodClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close pooled connections; the client stays usable."""
        self._transport.close()

    # Operations -------------------------------------------------------------------------

    def get_campaign(self, campaign_id: str) -> Campaign:
        """The campaign with this id.

        Raises:
            HoodInvalidArgument: `campaign_id` is not a string of digits.
            HoodNotFound: the API said this campaign does not exist (400 or 404).
            HoodError: any other failure, after retries.
        """
        cid = check_campaign_id(campaign_id)
        op = "get campaign"
        # The single GET answers with the list envelope {"total": 1, "items": [...]}. The
        # default view may leave `status` out: always name the fields we read.
        page = self._call(
            op, cid, "GET", f"{CAMPAIGNS}/{cid}", parse_page, params={"fields": CAMPAIGN_FIELDS}
        )
        if not page.items:
            # Not proof of absence: only a 400 "does not exist" or a 404 says that.
            raise HoodProtocolError(
                "unexpected answer: 200 with no campaign in it",
                operation=op,
                campaign_id=cid,
                http_status=200,
            )
        if page.items[0].id != cid:
            raise HoodProtocolError(
                f"unexpected answer: 200 about campaign {page.items[0].id}",
                operation=op,
                campaign_id=cid,
                http_status=200,
            )
        return page.items[0]

    def iter_campaigns(self, **filters: str) -> Iterator[Campaign]:
        """Every campaign matching `filters` (e.g. `status="paused"`, `q="sale"`), lazily.

        Filters are Hood query parameters: `field=value` or `field=op:value`; `fields`
        defaults to the fields a Campaign holds.

        Raises:
            HoodInvalidArgument: a filter name is not a plain field name, or is `page`.
            HoodError: a page failed after retries (raised while iterating).
        """
        check_filters(filters)
        # Without `fields=` the default view may omit `status`, which every caller reads.
        params = {"fields": CAMPAIGN_FIELDS, **filters}
        return iter_pages(self._fetch_page, params)

    def campaign_statuses(self, campaign_ids: Iterable[str]) -> dict[str, Campaign]:
        """The campaigns among `campaign_ids`, by id, in as few requests as possible.

        Ids the workspace does not hold are absent from the result. Only the fields
        id, name, status, scheduled_time and next_run_time are read (labels stay empty).

        Raises:
            HoodInvalidArgument: an id is not a string of digits.
            HoodError: a request failed after retries.
        """
        ids = [check_campaign_id(i) for i in campaign_ids]
        result = read_statuses(
            self._fetch_page, ids, try_id_filter=self._id_filter_works is not False
        )
        if result.id_filter_works is not None:
            self._id_filter_works = result.id_filter_works
        return result.campaigns

    def workspace_total(self) -> int:
        """How many campaigns the workspace holds (one one-item request).

        Raises:
            HoodError: the request failed after retries.
        """
        # The list schema requires id and status in every item: ask for both, nothing more.
        return self._fetch_page({"page": "1,1", "fields": "id,status"}).total

    def resume(
        self, campaign_id: str, *, run_immediately: bool = False, scheduled_time: str | None = None
    ) -> None:
        """Resume a paused campaign now (`run_immediately`) or at `scheduled_time` (GMT).

        Never resent once it may have reached the server.

        Raises:
            HoodInvalidArgument: bad id, both or neither mode, or a malformed time; nothing
                was sent.
            HoodBadRequest: refused, so not applied (the message may not say why).
            HoodNotFound: no such campaign.
            HoodAmbiguousWrite: sent, outcome unknown; read the status before deciding again.
            HoodError: any other failure.
        """
        cid = check_campaign_id(campaign_id)
        op = "resume campaign"
        check_resume_mode(op, cid, run_immediately, scheduled_time)
        # Hood documents `1`, `true` and `null` across pages; `1` is what the examples send.
        body: dict[str, Any] = (
            {"run_immediately": 1} if run_immediately else {"scheduled_time": scheduled_time}
        )
        check_body("resume_request", body, op, cid)
        self._call(
            op, cid, "POST", f"{CAMPAIGNS}/{cid}/resume", parse_nothing, body=body, write=True
        )

    def pause(self, campaign_id: str, reason: str | None = None) -> None:
        """Pause a running or scheduled campaign, with an optional free-text reason.

        Raises:
            HoodInvalidArgument: bad id or reason; nothing was sent.
            HoodBadRequest: refused (e.g. the campaign is not running or scheduled).
            HoodNotFound: no such campaign.
            HoodAmbiguousWrite: sent, outcome unknown; read the status before deciding again.
            HoodError: any other failure.
        """
        cid = check_campaign_id(campaign_id)
        op = "pause campaign"
        body: dict[str, Any] = {} if reason is None else {"reason": reason}
        check_body("pause_request", body, op, cid)
        self._call(
            op, cid, "POST", f"{CAMPAIGNS}/{cid}/pause", parse_nothing, body=body, write=True
        )

    # Machinery --------------------------------------------------------------------------

    def _fetch_page(self, params: Mapping[str, str]) -> Page:
        return self._call("list campaigns", None, "GET", CAMPAIGNS, parse_page, params=params)

    def _send(
        self,
        method: str,
        path: str,
        params: Mapping[str, str] | None,
        body: Mapping[str, Any] | None,
        pacing: Callable[[float], None] | None = None,
    ) -> Answer:
        budget = self._budget
        # The gate is passed last, after any wait for the budget: once the engine is gone,
        # a request that was waiting for its slot must not start (ocamba_provider.lifeline).
        if budget is None:
            with the_gate.request():
                return self._transport.send(method, path, params=params, body=body)
        with budget.slot(pacing) as slot, the_gate.request():
            answer = self._transport.send(method, path, params=params, body=body)
            # X-RateLimit-* and 429s: how other clients with this token pace us too.
            slot.answered(answer.status, answer.headers)
            return answer

    def _call(
        self,
        op: str,
        cid: str | None,
        method: str,
        path: str,
        parse: Callable[[Answer], T],
        *,
        params: Mapping[str, str] | None = None,
        body: Mapping[str, Any] | None = None,
        write: bool = False,
    ) -> T:
        """One operation: send, parse, and retry as the policy allows (client/calls.py)."""
        pacing = pacing_told(self._on_wait, op, cid)
        return call(
            lambda: self._send(method, path, params, body, pacing),
            parse,
            op=op,
            cid=cid,
            write=write,
            token=self._token,
            retry=self.retry,
            wait=self._wait,
            malformed_retry=self._malformed_retry,
        )

    def _malformed_retry(self, decision: RetryDecision) -> RetryDecision | None:
        with self._retries_lock:
            if self._malformed_retries <= 0:
                return None
            self._malformed_retries -= 1
            return decision

    def _wait(self, decision: RetryDecision, error: HoodError) -> None:
        if self._on_wait is not None:
            self._on_wait(retry_wait(decision.delay_s, error))
        budget = self._budget
        if budget is not None and decision.until_a_finish:
            if budget.wait_for_a_finish(decision.delay_s):
                return
        elif budget is not None and isinstance(error, HoodRateLimited):
            # The server's window is per account: hold every thread of this account.
            budget.hold_for(decision.delay_s)
        self.sleep(decision.delay_s)
