"""Bad input, tried for real: every mistake is a clear validation message, never a crash.

Hypothesis drives the two entry points directly (the engine is far too slow for hundreds of
examples); a few representative mistakes then go through `pulumi preview` to show that the
user sees the clean message and no Python traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pulumi import automation as auto

from ocamba_provider.domain.declaration import DECLARED
from ocamba_provider.domain.stack_config import CampaignEntry, StackConfigError, parse_campaigns
from ocamba_provider.emulator import Emulator
from ocamba_provider.resources.provider import CampaignRunStateProvider
from tests.support.scaled import scaled_stack

KEYS = [
    "id",
    "state",
    "run_immediately",
    "scheduled_time",
    "pause_reason",
    "name",
    "drift",
    "hold_until",
    "on_delete",
    "on_missing",
    "campaign_id",
    "bogus",
]
PATH_TRICKS = [
    "../1000248",
    "1000248/../1",
    "1000248%2F..",
    "%2e%2e",
    "1000 248",
    " 1000248",
    "1000248 ",
    "1000248\n",
    "\uff11\uff12\uff13",
    "1000248?x=1",
    "1000248#",
    "",
    "-1",
    "1e6",
    "0x10",
    "1_000",
    "\u0663\u0664\u0665",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "active",
            "paused",
            "2027-01-01 00:00:00",
            "2027-01-01T00:00:00+02:00",
            "1000248",
            "enforce",
            "hold",
            "forget",
            "pause",
            "restore",
            "error",
            *PATH_TRICKS,
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
entries = st.dictionaries(st.sampled_from(KEYS), values, max_size=7)
configs = st.one_of(values, st.lists(st.one_of(entries, values), max_size=5))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(configs)
def test_any_stack_config_parses_or_fails_with_one_clear_message(raw: Any) -> None:
    try:
        parsed = parse_campaigns(raw)
    except StackConfigError as error:
        message = str(error)
        assert message.startswith("ocamba-campaigns:campaigns is not valid")
        assert "Traceback" not in message
        return
    assert all(isinstance(entry, CampaignEntry) for entry in parsed)
    assert all(entry.id.isascii() and entry.id.isdigit() for entry in parsed)


inputs = st.dictionaries(
    st.sampled_from([*DECLARED, "observed_status", "__provider", "unexpected"]),
    values,
    max_size=7,
)


@pytest.fixture
def unconfigured(monkeypatch: pytest.MonkeyPatch) -> CampaignRunStateProvider:
    """A provider with no token anywhere: a valid declaration stops at 'no token', offline."""
    monkeypatch.delenv("OCAMBA_API_TOKEN", raising=False)
    monkeypatch.delenv("OCAMBA_API_URL", raising=False)
    return CampaignRunStateProvider()


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(inputs)
def test_check_answers_any_inputs_with_check_failures_only(
    unconfigured: CampaignRunStateProvider, news: dict[str, Any]
) -> None:
    result = unconfigured.check({}, news)

    for failure in result.failures:
        assert isinstance(failure.property, str) and isinstance(failure.reason, str)
        assert failure.reason and "Traceback" not in failure.reason


@pytest.mark.parametrize("campaign_id", PATH_TRICKS)
def test_check_rejects_campaign_ids_that_are_not_plain_digits(
    unconfigured: CampaignRunStateProvider, campaign_id: str
) -> None:
    result = unconfigured.check({}, {"campaign_id": campaign_id, "state": "paused"})

    assert [f.property for f in result.failures] == ["campaign_id"]
    assert "id must be" in result.failures[0].reason or "digits" in result.failures[0].reason


@pytest.mark.e2e
def test_bad_stack_config_shows_every_problem_in_preview_without_a_traceback(
    engine: Path, hood: Emulator, tmp_path: Path
) -> None:
    hood.control.generate(3, status="paused", first_id=1000248)
    stack = scaled_stack(tmp_path, hood.url)
    stack.declare(
        [
            {"id": 1000248, "state": "active", "run_immediately": True},
            {"id": "../1000249", "state": "paused"},
            {"id": "1000250", "state": "running", "colour": "red"},
            {"id": "1000248", "state": "active"},
        ]
    )

    with pytest.raises(auto.CommandError) as failure:
        stack.preview()

    message = str(failure.value)
    assert "ocamba-campaigns:campaigns is not valid" in message
    for where in (
        "campaigns[0].id",
        "campaigns[1].id",
        "campaigns[2].state",
        "campaigns[2].colour",
        "campaigns[3]",
    ):
        assert where in message
    assert "Traceback" not in message
    assert hood.control.ledger() == []
