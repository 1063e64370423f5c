"""One API operation: send, read the answer or name the failure, and retry as the policy allows.

HoodClient says what to send (its operations) and how a request goes out (paced by the
account's budget, gated by the lifeline); this module holds what happens between one attempt
and the next, so the loop that decides whether a request may go out again is in one place.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from ocamba_provider.client.answers import Malformed
from ocamba_provider.client.errors import HoodError, HoodRateLimited, map_error, redact
from ocamba_provider.client.retry import RetryDecision, RetryPolicy
from ocamba_provider.client.transport import Answer, TransportFailure

# The client's logger: these lines are the client's, wherever the loop lives.
log = logging.getLogger("ocamba_provider.client")

T = TypeVar("T")


def call(
    send: Callable[[], Answer],
    parse: Callable[[Answer], T],
    *,
    op: str,
    cid: str | None,
    write: bool,
    token: str,
    retry: RetryPolicy,
    wait: Callable[[RetryDecision, HoodError], None],
    malformed_retry: Callable[[RetryDecision], RetryDecision | None],
) -> T:
    """The parsed 2xx answer of `send`, after as many attempts as `retry` allows.

    `malformed_retry` may veto the retry of an answer that broke the documented shape (the
    client allows one per run); `wait` waits out a decision.

    Raises:
        HoodError: the last failure, with `token` redacted from its text.
    """
    failures = rate_limited = 0
    while True:
        cause: BaseException | None = None
        malformed_answer = False
        try:
            answer = send()
        except TransportFailure as failure:
            cause = failure
            error = map_error(
                operation=op,
                campaign_id=cid,
                write=write,
                reason=failure.reason,
                request_sent=failure.request_sent,
            )
        else:
            if 200 <= answer.status < 300:
                try:
                    return parse(answer)
                except Malformed as malformed:
                    cause = malformed
                    malformed_answer = True
                    error = map_error(
                        operation=op,
                        campaign_id=cid,
                        status=answer.status,
                        headers=answer.headers,
                        reason=str(malformed),
                    )
            else:
                error = map_error(
                    operation=op,
                    campaign_id=cid,
                    status=answer.status,
                    body=answer.body,
                    headers=answer.headers,
                    write=write,
                )
        redact(error, token)
        if cause is not None and token in str(cause):
            cause = None  # an echoed token must not surface through the traceback either
        if isinstance(error, HoodRateLimited):
            rate_limited += 1
        else:
            failures += 1
        decision = retry.decide(error, failures=failures, rate_limited=rate_limited, write=write)
        if malformed_answer and decision is not None:
            decision = malformed_retry(decision)
        if decision is None:
            log.debug("%s (giving up)", error)
            raise error from cause
        log.info("%s; retrying in %.2f s", error, decision.delay_s)
        wait(decision, error)
