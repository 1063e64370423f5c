"""RetryPolicy.decide: what is retried, after how long, and what never is."""

from __future__ import annotations

import json

import pytest

from ocamba_provider.client import HoodError, RetryDecision, RetryPolicy, map_error


class NoJitter(RetryPolicy):
    def jitter(self, delay_s: float) -> float:
        return delay_s


POLICY = NoJitter()


def hood(status: int, message: str = "x") -> str:
    return json.dumps({"code": status, "title": "T.", "message": message, "trace_id": "t"})


def read_error(status: int | None, body: str = "", **headers: str) -> HoodError:
    return map_error(
        operation="list campaigns", status=status, body=body, headers=headers, reason="r"
    )


def write_error(
    status: int | None, body: str = "", *, sent: bool = True, hdrs: dict[str, str] | None = None
) -> HoodError:
    return map_error(
        operation="resume campaign",
        campaign_id="1",
        status=status,
        body=body,
        headers=hdrs,
        write=True,
        request_sent=sent,
        reason="r",
    )


def decide(error: HoodError, *, failures: int = 1, limited: int = 0) -> RetryDecision | None:
    write = error.operation == "resume campaign"
    return POLICY.decide(error, failures=failures, rate_limited=limited, write=write)


def test_backoff_doubles_from_a_quarter_second_and_caps_at_eight() -> None:
    assert [POLICY.backoff(n) for n in range(1, 9)] == [0.25, 0.5, 1, 2, 4, 8, 8, 8]


def test_default_jitter_stays_between_half_and_full_delay() -> None:
    delays = [RetryPolicy().backoff(3) for _ in range(200)]
    assert all(0.5 <= d <= 1.0 for d in delays)
    assert len(set(delays)) > 1


@pytest.mark.parametrize(
    "error",
    [
        read_error(500, hood(500)),
        read_error(None),
        read_error(502, "<html/>", **{"Content-Type": "text/html"}),
        read_error(200),
    ],
    ids=["5xx", "no answer", "html 502", "broken 200"],
)
def test_reads_retry_transient_failures_with_backoff(error: HoodError) -> None:
    assert decide(error, failures=3) == RetryDecision(1.0)


@pytest.mark.parametrize(
    "error",
    [
        read_error(400, hood(400)),
        read_error(400, hood(400, "Campaign 1 does not exist.")),
        read_error(401, hood(401)),
        read_error(404, "<html/>"),
    ],
    ids=["400", "not found", "401", "html 404"],
)
def test_reads_never_retry_refusals(error: HoodError) -> None:
    assert decide(error) is None


def test_reads_give_up_after_max_attempts() -> None:
    assert decide(read_error(500, hood(500)), failures=5) is not None
    assert decide(read_error(500, hood(500)), failures=6) is None


def test_429_waits_retry_after_seconds() -> None:
    error = read_error(429, hood(429), **{"Retry-After": "7"})
    assert decide(error, failures=0, limited=1) == RetryDecision(7.0)


def test_429_without_retry_after_backs_off() -> None:
    assert decide(read_error(429, hood(429)), failures=0, limited=2) == RetryDecision(0.5)


def test_429_minus_one_waits_for_one_of_our_requests_with_a_cap() -> None:
    error = read_error(429, hood(429), **{"Retry-After": "-1"})
    assert decide(error, failures=0, limited=1) == RetryDecision(1.0, until_a_finish=True)


def test_429_has_its_own_bound_and_ignores_failures() -> None:
    error = read_error(429, hood(429), **{"Retry-After": "0"})
    assert decide(error, failures=6, limited=11) == RetryDecision(0.0)
    assert decide(error, failures=0, limited=12) is None


def test_429_with_an_absurd_retry_after_is_not_waited_for() -> None:
    assert decide(read_error(429, hood(429), **{"Retry-After": "3600"}), limited=1) is None


def test_writes_retry_429_because_nothing_was_applied() -> None:
    error = write_error(429, hood(429), hdrs={"Retry-After": "1"})
    assert decide(error, failures=0, limited=1) == RetryDecision(1.0)


def test_writes_retry_a_connection_that_was_never_made() -> None:
    assert decide(write_error(None, sent=False), failures=2) == RetryDecision(0.5)


@pytest.mark.parametrize(
    "error",
    [
        write_error(None, sent=True),
        write_error(500, hood(500)),
        write_error(502, "<html/>"),
        write_error(400, hood(400, "Campaign 1 is not paused.")),
        write_error(401, hood(401)),
        write_error(404, hood(404, "Campaign 1 does not exist.")),
    ],
    ids=["dropped", "500", "html 502", "not paused", "401", "not found"],
)
def test_writes_are_never_resent_once_they_may_have_arrived(error: HoodError) -> None:
    assert decide(error) is None
