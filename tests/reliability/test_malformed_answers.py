"""Answers that break the documented shape: each gives a clear error naming the campaign.

Through the provider hooks against a real emulator for every kind the emulator can spoil a
read with, and through `pulumi preview` for one of them. Broken reads are retried (a gateway's
HTML page or a cut-off body may be transient), so these tests wait out the client's backoff.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pulumi import automation as auto

from ocamba_provider.emulator import Emulator, RateLimit
from tests.support.scaled import TOKEN, provider_for, scaled_stack

CAMPAIGN = "1000248"
EXPECTED = {
    "html_502": "502 with a text/html body",
    "truncated_json": "truncated or invalid JSON",
    "wrong_types": "does not match the documented list",
    "unknown_status": "archived",
}


def _check_failure(fault: str) -> str:
    with Emulator(token=TOKEN, rate_limit=RateLimit(burst=100, steady=1500)) as hood:
        hood.control.seed([{"id": CAMPAIGN, "name": "Spring sale", "status": "paused"}])
        hood.control.set_faults(
            [{"route": "list", "fault": fault}, {"route": "get", "fault": fault}]
        )
        result = provider_for(hood.url).check(
            {}, {"campaign_id": CAMPAIGN, "state": "active", "run_immediately": True}
        )
        assert hood.control.ledger() == []
    assert [f.property for f in result.failures] == ["campaign_id"], result.failures
    return result.failures[0].reason


def test_every_malformed_read_is_a_check_failure_naming_the_campaign() -> None:
    with ThreadPoolExecutor(max_workers=len(EXPECTED)) as pool:
        reasons = dict(zip(EXPECTED, pool.map(_check_failure, EXPECTED), strict=True))

    for fault, reason in reasons.items():
        assert f"campaign {CAMPAIGN}" in reason, (fault, reason)
        assert EXPECTED[fault] in reason, (fault, reason)
        assert "Traceback" not in reason and TOKEN not in reason


@pytest.mark.e2e
def test_an_unknown_status_fails_preview_naming_campaign_and_status(
    engine: Path, hood: Emulator, tmp_path: Path
) -> None:
    hood.control.seed([{"id": CAMPAIGN, "name": "Spring sale", "status": "paused"}])
    hood.control.set_faults(
        [{"route": "list", "fault": "unknown_status"}, {"route": "get", "fault": "unknown_status"}]
    )
    stack = scaled_stack(tmp_path, hood.url)
    stack.declare([{"id": CAMPAIGN, "state": "active", "run_immediately": True}])

    with pytest.raises(auto.CommandError) as failure:
        stack.preview()

    message = str(failure.value)
    assert f"campaign {CAMPAIGN}" in message and "archived" in message
    assert "Traceback" not in message and TOKEN not in message
    assert hood.control.ledger() == []
