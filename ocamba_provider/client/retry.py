"""When HoodClient tries a failed call again, and how long it waits first.

The decision is a pure function of the error, the attempt counts and whether the call was a
write. Writes (resume, pause) are retried only when the server provably did not apply them:
a resume with `run_immediately` sends messages to real people, so sending it twice is the
worst bug this project can have.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ocamba_provider.client.errors import (
    HoodConnectionError,
    HoodError,
    HoodProtocolError,
    HoodRateLimited,
    HoodServerError,
)


@dataclass(frozen=True, slots=True)
class RetryDecision:
    """Retry after `delay_s` seconds; `until_a_finish` means "or sooner, when one of our own
    in-flight requests finishes" (the answer to `Retry-After: -1`)."""

    delay_s: float
    until_a_finish: bool = False


@dataclass(frozen=True)
class RetryPolicy:
    """Bounds and backoff for retries; replace `jitter` in a subclass or test to fix delays.

    `max_attempts` bounds calls that failed (5xx, no answer, broken answer);
    `max_rate_limited` separately bounds 429s, which prove nothing was applied and only say
    "later". A `Retry-After` above `max_retry_after_s` is not waited for.
    """

    max_attempts: int = 6
    max_rate_limited: int = 12
    base_delay_s: float = 0.25
    max_delay_s: float = 8.0
    max_retry_after_s: float = 120.0
    concurrency_wait_s: float = 1.0

    def decide(
        self, error: HoodError, *, failures: int, rate_limited: int, write: bool
    ) -> RetryDecision | None:
        """How to retry after `error`, or None to raise it.

        `failures` and `rate_limited` count the non-429 and 429 errors so far, this one
        included.
        """
        if isinstance(error, HoodRateLimited):
            if rate_limited >= self.max_rate_limited:
                return None
            if error.retry_after is None:
                return RetryDecision(self.backoff(rate_limited))
            if error.retry_after < 0:
                # Hood: "-1" means the concurrent-request limit; retry when one of ours ends.
                return RetryDecision(self.concurrency_wait_s, until_a_finish=True)
            if error.retry_after > self.max_retry_after_s:
                return None
            return RetryDecision(error.retry_after)
        if failures >= self.max_attempts:
            return None
        if write:
            # HoodConnectionError with request_sent=False: the connection was never made.
            # Everything else after sending a write is HoodAmbiguousWrite or a refusal.
            if isinstance(error, HoodConnectionError) and not error.request_sent:
                return RetryDecision(self.backoff(failures))
            return None
        if isinstance(error, HoodServerError | HoodConnectionError):
            return RetryDecision(self.backoff(failures))
        if isinstance(error, HoodProtocolError) and not 300 <= (error.http_status or 0) < 500:
            # A truncated body or a gateway's HTML 502 passes; an HTML 404 (wrong base URL)
            # or a redirect would answer the same way again.
            return RetryDecision(self.backoff(failures))
        return None

    def backoff(self, failures: int) -> float:
        """Capped exponential delay before retry number `failures` (1-based), jittered."""
        exponent = min(max(failures, 1) - 1, 30)
        return self.jitter(min(self.max_delay_s, self.base_delay_s * 2.0**exponent))

    def jitter(self, delay_s: float) -> float:
        """Spread retries of many clients: a uniform delay in [delay/2, delay]."""
        return random.uniform(delay_s / 2, delay_s)  # noqa: S311 - timing, not security
