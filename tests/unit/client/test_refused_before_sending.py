"""A call HoodClient refuses before sending is one of its errors, and keeps its own message.

HoodInvalidArgument sits under HoodError (one root for whatever the client raises) and is
still a ValueError. The hooks that tell "refused before sending" from "the API failed" must
catch it first: these tests pin the messages those hooks give.
"""

from __future__ import annotations

import pickle

import pytest
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config

from ocamba_provider.client import HoodClient, HoodError, HoodInvalidArgument
from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.errors import OcambaError, TransitionError
from ocamba_provider.resources.provider import CampaignRunStateProvider
from ocamba_provider.runstate.transition import Settle, carry_out
from ocamba_provider.snapshot import StatusSnapshot
from tests.support.fake_hood import FakeHood


def test_a_refused_call_is_a_hood_error_and_a_value_error_with_its_message_as_given() -> None:
    with pytest.raises(HoodError) as raised:
        HoodClient("ftp://hood.example.test", "tok-refused")

    refused = raised.value
    assert isinstance(refused, HoodInvalidArgument) and isinstance(refused, ValueError)
    assert str(refused) == "API URL must be https://<host>, got scheme 'ftp'"
    assert refused.http_status is None and refused.trace_id is None
    copy = pickle.loads(pickle.dumps(refused))  # noqa: S301 - our own bytes
    assert type(copy) is HoodInvalidArgument and str(copy) == str(refused)


def test_a_resume_the_client_refuses_fails_as_nothing_sent_not_as_an_api_failure() -> None:
    fake = FakeHood()
    fake.add("1", "paused", name="Spring sale")
    snapshot = StatusSnapshot(fake)  # type: ignore[arg-type]
    campaign = snapshot.observe("1")
    fake.script("resume", HoodInvalidArgument("resume campaign 1: invalid request body: nope"))
    settle = Settle(30.0, clock=lambda: 0.0, sleep=lambda _s: None)

    with pytest.raises(TransitionError) as raised:
        carry_out(
            snapshot, RunStateInputs("1", "active", run_immediately=True), campaign, settle=settle
        )

    assert str(raised.value) == (
        "campaign 1 (Spring sale): cannot resume (observed status: paused): resume campaign 1: "
        "invalid request body: nope. Nothing was sent."
    )
    assert fake.ledger == []


def test_a_refresh_of_an_id_that_is_not_digits_says_so_and_reads_nothing() -> None:
    provider = CampaignRunStateProvider()
    # Settings of their own: the session this builds is no other test's.
    config = {"ocamba:apiToken": "tok-refresh-bad-id", "ocamba:apiUrl": "https://bad-id.test"}
    provider.configure(ConfigureRequest(Config(config, "ocamba-campaigns")))

    with pytest.raises(OcambaError) as raised:
        provider.read("../1", {})

    assert str(raised.value) == (
        "'../1' is not a Hood campaign id (digits only, e.g. 1000248): nothing was read."
    )
