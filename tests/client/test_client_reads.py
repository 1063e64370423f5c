"""HoodClient reads against the emulator over real HTTP: results, request counts, errors."""

from __future__ import annotations

import re

import pytest

from ocamba_provider.client import (
    Campaign,
    HoodAuthError,
    HoodClient,
    HoodConnectionError,
    HoodNotFound,
    HoodProtocolError,
    HoodServerError,
)
from ocamba_provider.emulator import Emulator
from tests.support.hood_clients import GET, LIST, TRACE, client_of, hurried_sleep, requests_to


def test_get_campaign_returns_the_campaign(client: HoodClient, fast_emulator: Emulator) -> None:
    fast_emulator.control.seed(
        [
            {
                "id": "1000248",
                "name": "Spring sale",
                "status": "paused",
                "labels": "spring,sale",
                "scheduled_time": "2026-12-01 09:00:00",
            }
        ]
    )
    campaign = client.get_campaign("1000248")
    assert campaign == Campaign(
        id="1000248",
        name="Spring sale",
        status="paused",
        scheduled_time="2026-12-01 09:00:00",
        next_run_time=campaign.next_run_time,
        labels=("spring", "sale"),
    )
    assert requests_to(fast_emulator, GET) == 1


def test_iter_campaigns_pages_through_the_whole_workspace(
    client: HoodClient, fast_emulator: Emulator
) -> None:
    fast_emulator.control.generate(250, "paused", first_id=5000)
    ids = [c.id for c in client.iter_campaigns()]
    assert sorted(ids) == [str(5000 + n) for n in range(250)]
    assert requests_to(fast_emulator, LIST) == 3


def test_iter_campaigns_filters_by_status(client: HoodClient, fast_emulator: Emulator) -> None:
    fast_emulator.control.seed(
        [
            {"id": str(n), "name": f"c{n}", "status": "paused" if n % 3 else "running"}
            for n in range(1, 301)
        ]
    )
    paused = list(client.iter_campaigns(status="paused"))
    assert len(paused) == 200
    assert {c.status for c in paused} == {"paused"}
    assert requests_to(fast_emulator, LIST) == 2


def test_statuses_of_500_ids_in_2000_campaigns_take_at_most_22_requests(
    client: HoodClient, fast_emulator: Emulator
) -> None:
    fast_emulator.control.generate(2000, "paused", first_id=1_000_000)
    wanted = [str(1_000_000 + n) for n in range(0, 2000, 4)]
    fast_emulator.control.reset_stats()
    statuses = client.campaign_statuses([*wanted, "99999999"])
    assert sorted(statuses) == sorted(wanted)
    assert all(c.status == "paused" for c in statuses.values())
    requests = fast_emulator.control.stats()["requests"]
    assert sum(requests.values()) <= 22
    assert sum(requests.values()) == 6  # probe page + 5 id=in: batches


def test_workspace_total_counts_the_campaigns(client: HoodClient, fast_emulator: Emulator) -> None:
    fast_emulator.control.generate(321, "running")
    assert client.workspace_total() == 321


@pytest.mark.parametrize("status", [400, 404])
def test_an_unknown_id_is_not_found_whichever_status_says_it(
    client: HoodClient, fast_emulator: Emulator, status: int
) -> None:
    fast_emulator.control.settings(not_found_status=status)
    title = "Bad Request." if status == 400 else "Not Found."
    with pytest.raises(HoodNotFound) as raised:
        client.get_campaign("424242")
    assert re.fullmatch(
        rf"get campaign 424242: {status} {re.escape(title)} Campaign 424242 does not exist\."
        rf" {TRACE}",
        str(raised.value),
    )
    assert raised.value.http_status == status


def test_a_wrong_token_is_an_auth_error_pointing_at_the_config(fast_emulator: Emulator) -> None:
    fast_emulator.control.generate(1)
    with (
        client_of_token(fast_emulator, "wrong-token") as client,
        pytest.raises(HoodAuthError) as raised,
    ):
        client.get_campaign("1000000")
    assert re.fullmatch(
        r"get campaign 1000000: 401 Unauthorized\. Check the API token: stack config "
        rf"`ocamba:apiToken` or env `OCAMBA_API_TOKEN`\. {TRACE}",
        str(raised.value),
    )
    assert "wrong-token" not in str(raised.value)
    assert requests_to(fast_emulator, GET) == 1


def client_of_token(hood: Emulator, token: str) -> HoodClient:
    return HoodClient(hood.url, token)


@pytest.mark.parametrize("fault", ["truncated_json", "wrong_types"])
def test_a_malformed_answer_is_retried_once(
    client: HoodClient, fast_emulator: Emulator, fault: str
) -> None:
    fast_emulator.control.generate(3, "paused", first_id=10)
    fast_emulator.control.set_faults([{"route": "get", "fault": fault, "count": 1}])
    assert client.get_campaign("11").status == "paused"
    assert requests_to(fast_emulator, GET) == 2


def test_a_second_malformed_answer_in_a_run_fails_fast(
    client: HoodClient, fast_emulator: Emulator
) -> None:
    # Once per run, not once per resource: 120 resources must not each retry a bad page.
    fast_emulator.control.generate(3, "paused", first_id=10)
    fast_emulator.control.set_faults([{"route": "get", "fault": "wrong_types", "count": 3}])
    with pytest.raises(HoodProtocolError, match="not of type 'integer'"):
        client.get_campaign("11")
    with pytest.raises(HoodProtocolError, match="not of type 'integer'"):
        client.get_campaign("12")
    assert requests_to(fast_emulator, GET) == 3


@pytest.mark.parametrize("fault", ["500", "html_502", "drop_after_apply"])
def test_reads_recover_from_a_passing_fault(
    client: HoodClient, fast_emulator: Emulator, fault: str
) -> None:
    fast_emulator.control.generate(3, "paused", first_id=10)
    fast_emulator.control.set_faults([{"route": "get", "fault": fault, "count": 2}])
    assert client.get_campaign("11").status == "paused"
    assert requests_to(fast_emulator, GET) == 3


def test_a_lasting_500_is_a_server_error_after_six_attempts(
    client: HoodClient, fast_emulator: Emulator
) -> None:
    fast_emulator.control.generate(1, first_id=10)
    fast_emulator.control.set_faults([{"route": "get", "fault": "500"}])
    with pytest.raises(HoodServerError) as raised:
        client.get_campaign("10")
    assert re.fullmatch(rf"get campaign 10: 500 Internal Server Error\. {TRACE}", str(raised.value))
    assert requests_to(fast_emulator, GET) == 6


@pytest.mark.parametrize(
    ("fault", "text"),
    [
        ("html_502", "unexpected answer: 502 with a text/html body"),
        ("truncated_json", "unexpected answer: 200 with truncated or invalid JSON"),
        (
            "wrong_types",
            "unexpected answer: 200 that does not match the documented list at total: "
            "'1' is not of type 'integer'",
        ),
    ],
)
def test_a_lasting_broken_answer_is_a_protocol_error_naming_the_campaign(
    client: HoodClient, fast_emulator: Emulator, fault: str, text: str
) -> None:
    fast_emulator.control.generate(1, first_id=10)
    fast_emulator.control.set_faults([{"route": "get", "fault": fault}])
    with pytest.raises(HoodProtocolError) as raised:
        client.get_campaign("10")
    assert str(raised.value).startswith(f"get campaign 10: {text}")


def test_an_unknown_status_is_passed_through_not_guessed(
    client: HoodClient, fast_emulator: Emulator
) -> None:
    fast_emulator.control.generate(1, first_id=10)
    fast_emulator.control.set_faults([{"route": "get", "fault": "unknown_status"}])
    assert client.get_campaign("10").status == "archived"


def test_reads_succeed_through_a_storm_of_429s(fast_emulator: Emulator) -> None:
    fast_emulator.control.generate(300, "paused", first_id=10)
    fast_emulator.control.set_faults(
        [{"route": "*", "fault": "429", "rate": 0.3, "retry_after": 1}], seed=7
    )
    # No shared budget here: it would hold the account for the full Retry-After in real time.
    with client_of(fast_emulator, limits=None, sleep=hurried_sleep) as client:
        assert len(list(client.iter_campaigns())) == 300
        assert [client.get_campaign(str(n)).id for n in range(10, 40)] == [
            str(n) for n in range(10, 40)
        ]
    assert fast_emulator.control.stats()["responses"]["429"] >= 5


def test_no_server_is_a_connection_error_naming_the_address() -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = HoodClient(f"http://127.0.0.1:{port}", "t0ken", limits=None)
    client.sleep = lambda _: None
    with pytest.raises(HoodConnectionError) as raised:
        client.get_campaign("1")
    assert str(raised.value) == f"get campaign 1: no answer: connection refused by 127.0.0.1:{port}"
