"""The pickled provider: the `__provider` input of every resource, so small, stable, secret-free."""

from __future__ import annotations

import base64
import pickle

import dill
import pytest
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config
from pulumi.dynamic.dynamic import serialize_provider

from ocamba_provider.resources.provider import CampaignRunStateProvider
from ocamba_provider.runstate import session as session_module
from tests.support.fake_hood import TOKEN, URL, FakeHood


def pickled(provider: CampaignRunStateProvider) -> bytes:
    """The bytes the SDK stores, pickled the way it pickles them."""
    return bytes(dill.dumps(provider, protocol=pickle.DEFAULT_PROTOCOL, recurse=True))


def configure(provider: CampaignRunStateProvider, token: str = TOKEN) -> None:
    config = {"ocamba:apiToken": token, "ocamba:apiUrl": URL, "ocamba:maxTransitionsPerRun": "7"}
    provider.configure(ConfigureRequest(Config(config, "ocamba-campaigns")))


def test_the_provider_round_trips_through_dill() -> None:
    restored = dill.loads(dill.dumps(CampaignRunStateProvider()))  # noqa: S301 - our own bytes

    assert type(restored) is CampaignRunStateProvider


def test_the_provider_is_pickled_by_reference_to_its_module() -> None:
    data = pickled(CampaignRunStateProvider())

    assert b"ocamba_provider.resources.provider" in data
    assert len(data) < 200


def test_configure_does_not_change_the_pickled_bytes() -> None:
    provider = CampaignRunStateProvider()
    before = pickled(provider)

    configure(provider)

    assert pickled(provider) == before


def test_the_pickled_provider_holds_no_token() -> None:
    provider = CampaignRunStateProvider()
    configure(provider)

    data = pickled(provider)

    assert TOKEN.encode() not in data
    assert URL.encode() not in data
    assert TOKEN not in base64.b64decode(serialize_provider(provider)).decode("latin-1")


def test_two_providers_pickle_to_the_same_bytes() -> None:
    one, two = CampaignRunStateProvider(), CampaignRunStateProvider()
    configure(two, token="another-token")

    assert pickled(one) == pickled(two)
    assert serialize_provider(one) == serialize_provider(two)


@pytest.mark.usefixtures("fresh_sessions")
def test_an_unpickled_provider_is_unconfigured_and_takes_new_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = FakeHood()
    fake.add("1", "running")
    monkeypatch.setattr(session_module, "HoodClient", fake.as_client_factory())
    configured = CampaignRunStateProvider()
    configure(configured, token="old-process-token")

    restored = dill.loads(pickled(configured))  # noqa: S301 - our own bytes
    configure(restored, token=TOKEN)
    restored.read("1", {})

    assert fake.tokens_seen == [TOKEN]
