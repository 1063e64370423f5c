"""What the server's `X-RateLimit-*` headers say about the account's budget, and how we obey.

Client-side pacing (rate_limit.SlidingLog) keeps one process under both documented windows,
but Hood counts per account: two CI jobs with one token each pace to the whole budget and
together spend it twice (22 % of answers were 429 in issue 13). Only the server sees both, and
it says what is left in every normal answer: `X-RateLimit-Remaining` requests until
`X-RateLimit-Reset` seconds from now (DOC). Which window they describe is undocumented, so
they can only ever slow us down: the documented windows and `Retry-After` still hold.

The rules, each cheap when we are alone:
- Never start more requests on the word of the latest answer than it said remain, counting
  our own requests still on the wire as already spent (they may not have been counted yet).
  When the word agrees with our own count, the count paces (Reset is rounded up to seconds).
- Someone else spends the budget when an answer leaves fewer requests than our own count
  says we left, or when we meet a 429 our pacing did not expect. Then, for a minute after the
  last such sign, pace to half of every window ourselves (the other client does the same).
- Alone as far as we know, start several requests at once only on a word heard within one
  burst interval; else one, whose answer is fresh word. Before the first answer of the
  process, one. Together with the local pacing's half-bursts (Limits.pacing_windows), this
  leaves another client's first requests room to land, where they lower the Remaining we are
  told, instead of colliding with our bursts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

SHARED_MEMORY_S = 60.0
"""How long one sign of another client keeps us sharing: the documented long window."""


@dataclass(frozen=True, slots=True)
class Quota:
    """One answer's word: `remaining` of `limit` requests left for the next `reset_s` s."""

    limit: int
    remaining: int
    reset_s: float


def read_quota(headers: Mapping[str, str], longest_window_s: float) -> Quota | None:
    """The X-RateLimit headers of an answer, or None when absent or not believable.

    A Reset beyond twice the longest documented window is not "seconds to reset" (an epoch
    time, say): waiting for it could stall a run for hours, so it is ignored.
    """
    try:
        limit = int(headers["X-RateLimit-Limit"])
        remaining = int(headers["X-RateLimit-Remaining"])
        reset_s = float(headers["X-RateLimit-Reset"])
    except (KeyError, ValueError, TypeError):
        return None
    if not (0 <= remaining <= limit and 0 < reset_s <= 2 * longest_window_s):
        return None
    return Quota(limit, remaining, reset_s)


@dataclass
class _Word:
    """The latest answer's word on one window (keyed by its limit)."""

    credit: int
    heard_at: float
    until: float
    binds: bool
    """False when it left what our own count says: that count paces to it, more precisely
    (Reset is rounded up to whole seconds)."""


class ServerQuota:
    """The server-side rules above, with time passed in; AccountBudget locks it.

    `fresh_s`: how long a word may be acted on for more than one request at a time; another
    client can spend about one request of the window in that time.
    """

    def __init__(self, fresh_s: float, memory_s: float = SHARED_MEMORY_S) -> None:
        self._fresh_s = fresh_s
        self._memory_s = memory_s
        self._heard = False
        self._words: dict[int, _Word] = {}
        self._shared_until = -math.inf

    def shared(self, now: float) -> bool:
        """Whether another client was seen spending this account's budget lately."""
        return now < self._shared_until

    def delay(self, now: float, in_flight: int) -> float | None:
        """Seconds until the server's word allows one more start (0: now); None: wait for
        one of ours to finish (its answer brings fresh word)."""
        spent = [
            w.until - now
            for w in self._words.values()
            if w.binds and now < w.until and w.credit <= 0
        ]
        if spent:
            return None if in_flight else max(spent)
        if self.shared(now):
            # Our own count keeps us to half of every window; the other client's, to its.
            return 0.0
        # Alone as far as we know: more than one request at a time only on a recent word,
        # else one, whose answer is the word (and shows whether someone else spent since).
        recent = any(
            w.credit > 0 and now < w.heard_at + self._fresh_s for w in self._words.values()
        )
        probing = not self._heard or (self._words and not recent)
        return None if probing and in_flight else 0.0

    def start(self) -> None:
        """Record that a request is being sent."""
        for word in self._words.values():
            word.credit -= 1

    def observe(
        self,
        now: float,
        quota: Quota | None,
        *,
        others_in_flight: int,
        own_remaining: int | None,
        window_s: float | None,
    ) -> None:
        """Take an answer's word (None: it had no believable headers).

        `others_in_flight`: our requests still on the wire; `own_remaining`: what our own
        count leaves in the window that allows `quota.limit`, and `window_s` its length, if
        we pace to such a window (Reset is whole seconds: a shorter window resets sooner).
        """
        self._heard = True
        if quota is None:
            return
        others_spent = own_remaining is None or quota.remaining < own_remaining
        if own_remaining is not None and others_spent:
            self._share(now)
        # Shared, our half of each window we pace to is kept by our own count (the budget
        # paces to half the limits); of a window we do not know, take half of what is left.
        share = 2 if self.shared(now) and own_remaining is None else 1
        credit = quota.remaining // share - others_in_flight
        until = now + min(quota.reset_s, window_s or math.inf)
        self._words[quota.limit] = _Word(credit, now, until, binds=others_spent)

    def rate_limited(self, now: float) -> None:
        """A 429 with a wait (not the concurrency one): the budget ran out before ours did."""
        self._heard = True
        self._share(now)
        # Every word we hold proved too generous; after the Retry-After hold, probe again.
        for word in self._words.values():
            word.credit = min(word.credit, 0)
            word.heard_at = -math.inf

    def _share(self, now: float) -> None:
        # Two: the case we know (two CI jobs). More clients still converge through their
        # 429s' Retry-After, just with more of them.
        self._shared_until = now + self._memory_s
