"""HoodClient over a scripted requests adapter (no sockets): requests sent, retries, errors."""

from __future__ import annotations

import http.client
import json
import logging
import pickle
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import dill
import pytest
import requests
from urllib3.exceptions import MaxRetryError, NewConnectionError, ProtocolError, ReadTimeoutError

import ocamba_provider
from ocamba_provider.client import (
    HoodAmbiguousWrite,
    HoodBadRequest,
    HoodClient,
    HoodConnectionError,
    HoodInvalidArgument,
    HoodNotFound,
    HoodProtocolError,
    HoodServerError,
    RetryPolicy,
)
from ocamba_provider.client.transport import TransportFailure
from tests.support.scripted_http import TOKEN, URL, ScriptedHood, Step


class NoJitter(RetryPolicy):
    def jitter(self, delay_s: float) -> float:
        return delay_s


def client_for(fake: ScriptedHood, sleeps: list[float] | None = None) -> HoodClient:
    waits = sleeps if sleeps is not None else []
    return HoodClient(URL, TOKEN, limits=None, retry=NoJitter(), sleep=waits.append, adapter=fake)


def item(cid: str = "7", status: str = "paused", **extra: Any) -> dict[str, Any]:
    return {"id": cid, "name": f"Campaign {cid}", "status": status, **extra}


def envelope(*items: dict[str, Any], total: int | None = None) -> dict[str, Any]:
    return {"total": len(items) if total is None else total, "items": list(items)}


def error(code: int, message: str | None = None) -> tuple[int, dict[str, Any]]:
    body: dict[str, Any] = {"code": code, "title": "T.", "trace_id": "tr-1"}
    if message:
        body["message"] = message
    return (code, body)


def refused() -> requests.exceptions.ConnectionError:
    """What requests raises when nothing listens: urllib3 chains the socket error."""
    reason = NewConnectionError(None, "Failed to establish a new connection")  # type: ignore[arg-type]
    reason.__cause__ = ConnectionRefusedError(111, "Connection refused")
    return requests.exceptions.ConnectionError(MaxRetryError(None, "/", reason))  # type: ignore[arg-type]


REFUSED = refused()
DROPPED = requests.exceptions.ConnectionError(
    ProtocolError("Connection aborted.", http.client.RemoteDisconnected("closed"))
)
RESET = requests.exceptions.ConnectionError(
    ProtocolError("Connection aborted.", ConnectionResetError(104, "Connection reset by peer"))
)
READ_TIMEOUT = requests.exceptions.ReadTimeout(
    ReadTimeoutError(None, "/", "Read timed out.")  # type: ignore[arg-type]
)
CUT_OFF = requests.exceptions.ChunkedEncodingError(ProtocolError("Response ended prematurely"))


# Requests on the wire -------------------------------------------------------------------


def test_get_campaign_reads_the_list_envelope_of_the_single_get() -> None:
    fake = ScriptedHood((200, envelope(item("1000248", labels="spring, sale", extra={"x": 1}))))
    campaign = client_for(fake).get_campaign("1000248")
    assert fake.paths() == ["GET /v1/hood/campaigns/1000248"]
    assert (campaign.id, campaign.name, campaign.status) == (
        "1000248",
        "Campaign 1000248",
        "paused",
    )
    assert campaign.labels == ("spring", "sale")


def test_requests_carry_bearer_auth_and_a_user_agent_naming_the_package() -> None:
    fake = ScriptedHood((200, envelope(item())))
    client_for(fake).get_campaign("7")
    headers = fake.sent[0].headers
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert headers["User-Agent"].startswith(f"ocamba_provider/{ocamba_provider.__version__} ")
    assert headers["Accept"] == "application/json"


def test_resume_now_sends_exactly_run_immediately_1() -> None:
    fake = ScriptedHood((204, ""))
    client_for(fake).resume("7", run_immediately=True)
    assert fake.paths() == ["POST /v1/hood/campaigns/7/resume"]
    assert json.loads(fake.sent[0].body or b"") == {"run_immediately": 1}


def test_resume_at_a_time_sends_exactly_scheduled_time() -> None:
    fake = ScriptedHood((204, ""))
    client_for(fake).resume("7", scheduled_time="2026-12-01 09:00:00")
    assert json.loads(fake.sent[0].body or b"") == {"scheduled_time": "2026-12-01 09:00:00"}


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"run_immediately": True, "scheduled_time": "2026-12-01 09:00:00"}],
    ids=["neither", "both"],
)
def test_resume_with_both_or_neither_mode_fails_before_sending(kwargs: dict[str, Any]) -> None:
    fake = ScriptedHood()
    with pytest.raises(HoodInvalidArgument, match="exactly one of run_immediately"):
        client_for(fake).resume("7", **kwargs)
    assert fake.sent == []


def test_resume_with_an_iso_time_fails_before_sending() -> None:
    fake = ScriptedHood()
    with pytest.raises(HoodInvalidArgument, match=r"resume campaign 7: invalid request body"):
        client_for(fake).resume("7", scheduled_time="2026-12-01T09:00:00Z")
    assert fake.sent == []


def test_pause_sends_the_reason_or_an_empty_object() -> None:
    fake = ScriptedHood((204, ""), (204, ""))
    client = client_for(fake)
    client.pause("7", reason="budget review")
    client.pause("7")
    assert fake.paths() == ["POST /v1/hood/campaigns/7/pause"] * 2
    assert [json.loads(r.body or b"") for r in fake.sent] == [{"reason": "budget review"}, {}]


@pytest.mark.parametrize("bad", ["../7", "%2F7", "7 8", "", "7a", "١٢", "7/resume", 7])
def test_campaign_ids_that_are_not_digit_strings_never_reach_a_url(bad: Any) -> None:
    fake = ScriptedHood()
    client = client_for(fake)
    with pytest.raises(HoodInvalidArgument, match="campaign id must be a string of digits"):
        client.get_campaign(bad)
    with pytest.raises(HoodInvalidArgument):
        client.resume(bad, run_immediately=True)
    with pytest.raises(HoodInvalidArgument):
        client.campaign_statuses(["1", bad])
    assert fake.sent == []


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080", "http://127.3.4.5", "http://[::1]:9000/", "http://localhost"]
)
def test_plain_http_is_allowed_for_loopback_hosts(url: str) -> None:
    assert HoodClient(url, TOKEN).base_url == url.rstrip("/")


def test_plain_http_to_a_remote_host_is_refused_naming_the_host() -> None:
    with pytest.raises(HoodInvalidArgument, match=r"host api\.ocamba\.com must use https"):
        HoodClient("http://api.ocamba.com", TOKEN)


def test_credentials_in_the_url_are_refused_without_echoing_them() -> None:
    with pytest.raises(HoodInvalidArgument) as raised:
        HoodClient("https://user:hunter2@api.ocamba.com", TOKEN)
    assert "hunter2" not in str(raised.value)
    assert "api.ocamba.com" in str(raised.value)


def test_a_token_that_cannot_be_a_header_is_refused_without_echoing_it() -> None:
    with pytest.raises(HoodInvalidArgument, match="OCAMBA_API_TOKEN") as raised:
        HoodClient(URL, "abc\r\nX-Evil: 1")
    assert "Evil" not in str(raised.value)


def test_urllib3_never_retries_and_redirects_are_never_followed() -> None:
    client = HoodClient(URL, TOKEN)
    adapter = client._transport.session.get_adapter(URL)
    assert adapter.max_retries.total == 0  # type: ignore[attr-defined]
    fake = ScriptedHood((307, "", {"Location": f"{URL}/elsewhere"}))
    with pytest.raises(HoodProtocolError, match="unexpected answer: 307"):
        client_for(fake).resume("7", run_immediately=True)
    assert len(fake.sent) == 1


# Reads: retries ---------------------------------------------------------------------------


def test_a_read_retries_a_500_after_backoff() -> None:
    sleeps: list[float] = []
    fake = ScriptedHood(error(500), (200, envelope(item())))
    assert client_for(fake, sleeps).get_campaign("7").id == "7"
    assert sleeps == [0.25]


def test_a_read_gives_up_after_six_attempts_with_growing_backoff() -> None:
    sleeps: list[float] = []
    fake = ScriptedHood(*[error(500)] * 6)
    with pytest.raises(HoodServerError, match=r"get campaign 7: 500 T\. \(trace tr-1\)"):
        client_for(fake, sleeps).get_campaign("7")
    assert len(fake.sent) == 6
    assert sleeps == [0.25, 0.5, 1.0, 2.0, 4.0]


@pytest.mark.parametrize(
    "broken",
    [
        (200, '{"total": 1, "items": [{"id": "7", "sta'),
        (502, "<html>502 Bad Gateway</html>", {"Content-Type": "text/html"}),
        (200, envelope({"id": "7", "status": 3})),
        DROPPED,
        READ_TIMEOUT,
        CUT_OFF,
    ],
    ids=["truncated json", "html 502", "wrong types", "dropped", "read timeout", "cut off"],
)
def test_a_read_retries_broken_answers(broken: Step) -> None:
    fake = ScriptedHood(broken, (200, envelope(item())))
    assert client_for(fake).get_campaign("7").status == "paused"
    assert len(fake.sent) == 2


def test_a_read_obeys_retry_after() -> None:
    sleeps: list[float] = []
    fake = ScriptedHood((*error(429), {"Retry-After": "2"}), (200, envelope(item())))
    client_for(fake, sleeps).get_campaign("7")
    assert sleeps == [2.0]


def test_retry_after_minus_one_without_requests_in_flight_waits_the_short_cap() -> None:
    sleeps: list[float] = []
    fake = ScriptedHood((*error(429), {"Retry-After": "-1"}), (200, envelope(item())))
    client_for(fake, sleeps).get_campaign("7")
    assert sleeps == [1.0]


@pytest.mark.parametrize("refusal", [error(400, "Bad filter."), error(401, "Unauthorized.")])
def test_a_read_never_retries_a_refusal(refusal: Step) -> None:
    fake = ScriptedHood(refusal)
    with pytest.raises((HoodBadRequest, ocamba_provider.client.HoodAuthError)):
        client_for(fake).get_campaign("7")
    assert len(fake.sent) == 1


def test_a_schema_violation_names_the_field_after_retries() -> None:
    fake = ScriptedHood(*[(200, envelope({"id": "7", "status": 3}))] * 6)
    with pytest.raises(HoodProtocolError) as raised:
        client_for(fake).get_campaign("7")
    assert str(raised.value) == (
        "get campaign 7: unexpected answer: 200 that does not match the documented list at "
        "items/0/status: 3 is not of type 'string'"
    )


def test_html_instead_of_json_says_what_arrived() -> None:
    fake = ScriptedHood(*[(200, "<html/>", {"Content-Type": "text/html"})] * 6)
    with pytest.raises(HoodProtocolError, match="200 with a text/html body, expected JSON"):
        client_for(fake).get_campaign("7")


def test_an_empty_single_get_is_not_proof_that_the_campaign_is_gone() -> None:
    # Only a 400 "does not exist" or a 404 says a campaign is gone; an empty 200 is not
    # documented, and reading it as "gone" would drop the campaign from state on refresh.
    fake = ScriptedHood((200, envelope()))
    with pytest.raises(HoodProtocolError, match="get campaign 7: unexpected answer: 200 with no"):
        client_for(fake).get_campaign("7")


def test_unknown_id_answered_404_without_trace_id_is_not_found() -> None:
    fake = ScriptedHood((404, {"code": 404, "title": "Not Found.", "message": "Not Found."}))
    with pytest.raises(HoodNotFound, match=r"get campaign 7: 404 Not Found\."):
        client_for(fake).get_campaign("7")


def test_a_404_of_the_listing_is_a_wrong_url_not_a_missing_campaign() -> None:
    fake = ScriptedHood((404, {"code": 404, "title": "Not Found.", "trace_id": "t"}))
    with pytest.raises(HoodProtocolError, match="ocamba:apiUrl"):
        client_for(fake).workspace_total()


def test_unknown_id_is_not_found() -> None:
    fake = ScriptedHood(error(400, "Campaign 7 does not exist."))
    with pytest.raises(HoodNotFound, match=r"get campaign 7: 400 T\. Campaign 7 does not exist"):
        client_for(fake).get_campaign("7")


# Writes: exactly once -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("failure", "why"),
    [
        (DROPPED, "connection to api.example.test closed without an answer"),
        (RESET, "connection reset by api.example.test"),
        (READ_TIMEOUT, "no answer from api.example.test within 30 s"),
        (CUT_OFF, "answer from api.example.test was cut off"),
    ],
    ids=["dropped", "reset", "read timeout", "cut off"],
)
def test_resume_is_not_resent_after_the_request_may_have_arrived(
    failure: BaseException, why: str
) -> None:
    fake = ScriptedHood(failure, (204, ""))
    with pytest.raises(HoodAmbiguousWrite) as raised:
        client_for(fake).resume("7", run_immediately=True)
    assert len(fake.sent) == 1
    assert str(raised.value) == (
        f"resume campaign 7: outcome unknown: {why} after the request was sent. It may have "
        "been applied: read the campaign status before retrying."
    )
    assert isinstance(raised.value.__cause__, TransportFailure)
    assert raised.value.__cause__.__cause__ is failure


@pytest.mark.parametrize(
    "answer", [error(500), (502, "<html/>", {"Content-Type": "text/html"})], ids=["500", "502"]
)
def test_resume_is_not_resent_after_a_server_error(answer: Step) -> None:
    fake = ScriptedHood(answer, (204, ""))
    with pytest.raises(HoodAmbiguousWrite, match="resume campaign 7: outcome unknown: 50"):
        client_for(fake).resume("7", run_immediately=True)
    assert len(fake.sent) == 1


def test_resume_is_retried_when_the_connection_was_refused() -> None:
    sleeps: list[float] = []
    fake = ScriptedHood(REFUSED, (204, ""))
    client_for(fake, sleeps).resume("7", run_immediately=True)
    assert len(fake.sent) == 2
    assert sleeps == [0.25]


def test_resume_gives_up_on_a_refused_connection_with_a_connection_error() -> None:
    fake = ScriptedHood(*[REFUSED] * 6)
    with pytest.raises(HoodConnectionError) as raised:
        client_for(fake).resume("7", run_immediately=True)
    assert str(raised.value) == (
        "resume campaign 7: no answer: connection refused by api.example.test"
    )
    assert raised.value.request_sent is False


def test_resume_is_retried_after_a_429() -> None:
    sleeps: list[float] = []
    fake = ScriptedHood((*error(429), {"Retry-After": "1"}), (204, ""))
    client_for(fake, sleeps).resume("7", run_immediately=True)
    assert len(fake.sent) == 2
    assert sleeps == [1.0]


def test_a_refused_resume_keeps_the_api_message_and_is_sent_once() -> None:
    fake = ScriptedHood(error(400, "The request is not valid."))
    with pytest.raises(HoodBadRequest) as raised:
        client_for(fake).resume("7", run_immediately=True)
    assert str(raised.value) == "resume campaign 7: 400 T. The request is not valid. (trace tr-1)"
    assert len(fake.sent) == 1


# Pagination -------------------------------------------------------------------------------


def pages(total: int, status: str = "paused") -> Callable[[requests.PreparedRequest], Step]:
    """A listing of `total` campaigns with ids 1..total, answering page=N,M."""

    def answer(request: requests.PreparedRequest) -> Step:
        query = dict(parse_qsl(urlsplit(request.url or "").query))
        number, size = (int(x) for x in query["page"].split(","))
        ids = range((number - 1) * size + 1, min(number * size, total) + 1)
        return (200, envelope(*(item(str(i), status) for i in ids), total=total))

    return answer


def test_iter_campaigns_pages_lazily_until_a_short_page() -> None:
    fake = ScriptedHood(*[pages(250)] * 3)
    campaigns = client_for(fake).iter_campaigns(status="paused")
    assert next(campaigns).id == "1"
    assert len(fake.sent) == 1
    assert [c.id for c in campaigns][-1] == "250"
    assert [fake.query(i)["page"] for i in range(3)] == ["1,100", "2,100", "3,100"]
    assert fake.query(0)["status"] == "paused"
    assert "page=1,100" in (fake.sent[0].url or "")  # ',' stays literal, as documented


def test_iter_campaigns_stops_at_total_without_an_empty_extra_page() -> None:
    fake = ScriptedHood(*[pages(200)] * 2)
    assert len(list(client_for(fake).iter_campaigns())) == 200
    assert len(fake.sent) == 2


def test_iter_campaigns_refuses_a_page_filter() -> None:
    with pytest.raises(HoodInvalidArgument, match="invalid campaign filter page"):
        client_for(ScriptedHood()).iter_campaigns(page="2")


def test_workspace_total_is_one_cheap_request() -> None:
    fake = ScriptedHood((200, envelope(item(), total=2000)))
    assert client_for(fake).workspace_total() == 2000
    assert fake.query(0) == {"page": "1,1", "fields": "id,status"}


# Secrets ----------------------------------------------------------------------------------


def test_repr_and_pickles_never_show_the_token_in_text() -> None:
    client = client_for(ScriptedHood())
    assert TOKEN not in repr(client)
    assert repr(client) == "HoodClient('https://api.example.test')"
    assert TOKEN not in repr(client._transport.session.auth)


def test_the_client_pickles_without_its_session_and_works_after() -> None:
    fake = ScriptedHood((200, envelope(item())), (200, envelope(item())))
    client = client_for(fake)
    client.get_campaign("7")
    for module in (pickle, dill):
        state = module.dumps(client)
        copy = module.loads(state)
        assert copy._transport._session is None
    copy.sleep = [].append
    assert copy.get_campaign("7").id == "7"


def test_no_log_line_or_error_contains_the_token(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    echo = error(400, f"token {TOKEN} is not valid for workspace")
    fake = ScriptedHood(error(500), (200, envelope(item())), echo, DROPPED, REFUSED, (204, ""))
    client = client_for(fake)
    client.get_campaign("7")
    texts: list[str] = []
    for call in (
        lambda: client.get_campaign("7"),
        lambda: client.resume("7", run_immediately=True),
    ):
        with pytest.raises(Exception) as raised:
            call()
        texts += [str(raised.value), repr(raised.value), repr(raised.value.__cause__)]
    client.pause("7")
    texts += [record.getMessage() for record in caplog.records]
    assert any("is not valid for workspace" in text for text in texts)
    assert all(TOKEN not in text for text in texts)


def test_campaign_statuses_falls_back_when_the_server_refuses_the_id_filter() -> None:
    fake = ScriptedHood(error(400, "Unknown filter id."), *[pages(150)] * 2)
    found = client_for(fake).campaign_statuses(["3", "120", "9999"])
    assert sorted(found) == ["120", "3"]
    assert fake.query(0)["id"] == "in:3,120,9999"
    assert [fake.query(i).get("id") for i in (1, 2)] == [None, None]
    assert [fake.query(i)["page"] for i in (1, 2)] == ["1,100", "2,100"]


def test_integer_ids_and_iso_times_are_normalised_at_the_edge() -> None:
    item = {"id": 7, "name": "n", "status": "scheduled", "scheduled_time": "2026-12-01T09:00:00Z"}
    item2 = dict(item, id=8, scheduled_time="2026-12-01T11:00:00+02:00", next_run_time="")
    fake = ScriptedHood((200, envelope(item, item2)))
    found = client_for(fake).campaign_statuses(["7", "8"])
    assert found["7"].scheduled_time == found["8"].scheduled_time == "2026-12-01 09:00:00"
    assert found["8"].next_run_time is None


def test_a_time_in_no_known_form_is_a_malformed_answer() -> None:
    item = {"id": "7", "status": "scheduled", "scheduled_time": "next tuesday"}
    fake = ScriptedHood((200, envelope(item)), (200, envelope(item)))
    with pytest.raises(HoodProtocolError, match="time field in no known form"):
        client_for(fake).get_campaign("7")


def test_every_single_read_names_the_fields_it_needs() -> None:
    fake = ScriptedHood((200, envelope({"id": "7", "status": "paused"})))
    client_for(fake).get_campaign("7")
    query = dict(parse_qsl(urlsplit(fake.sent[0].url).query))
    assert set(query["fields"].split(",")) >= {"id", "name", "status", "scheduled_time"}
