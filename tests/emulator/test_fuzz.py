"""Hypothesis sends malformed paths, queries and bodies: never a 5xx (no faults are injected),
every refusal in the documented error shape, and a refused request changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocamba_provider.emulator import Emulator
from ocamba_provider.schemas import validator
from tests.support.emulator_http import CAMPAIGNS, SEED, Hood


@pytest.fixture(scope="module")
def fuzzed() -> Iterator[tuple[Hood, list[dict[str, Any]]]]:
    with Emulator(rate_limit=None) as emulator:
        emulator.control.seed(SEED)
        hood = Hood(emulator)
        yield hood, hood.everything()


KNOWN_IDS = [c["id"] for c in SEED] + ["999", "0"]
ids = st.one_of(
    st.sampled_from(KNOWN_IDS),
    st.from_regex(r"[0-9]{1,25}", fullmatch=True),
    st.text(max_size=12),
)
suffixes = st.one_of(
    st.sampled_from(["", "/resume", "/pause", "/cancel", "/status", "/resume/", "/x/y"]),
    st.text(max_size=8).map(lambda text: "/" + quote(text, safe="")),
)
paths = st.one_of(
    st.builds(lambda i, s: f"{CAMPAIGNS}/{quote(i, safe='')}{s}", ids, suffixes),
    st.sampled_from([CAMPAIGNS, CAMPAIGNS + "/", "/v1/hood", "/", "/v1", "/_emulator"]),
)
query_keys = st.one_of(
    st.sampled_from(
        [
            "page",
            "sort",
            "q",
            "q_fields",
            "fields",
            "view",
            "id",
            "status",
            "name",
            "run_counter",
            "is_draft",
            "create_time",
            "labels",
        ]
    ),
    st.text(max_size=6),
)
query_values = st.one_of(
    st.sampled_from(
        [
            "1",
            "0",
            "2,5",
            "1,1000",
            "-1",
            "a,b",
            "in:1,2",
            "nin:",
            "eq:paused",
            "gt:x",
            "is:",
            "isn:",
            "is:null",
            "r:a",
            "name,-status",
            "full",
            "id,name",
            ":",
            "",
        ]
    ),
    st.text(max_size=10),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
resume_like = st.fixed_dictionaries(
    {},
    optional={
        "run_immediately": st.sampled_from([1, True, 0, False, None, "1", 2]),
        "scheduled_time": st.sampled_from(
            ["2030-01-01 00:00:00", "2030-02-30 00:00:00", "2030-01-01T00:00:00", "", 5]
        ),
        "reason": st.one_of(st.text(max_size=5), st.integers()),
    },
)
bodies = st.one_of(
    st.none(),
    st.binary(max_size=40),
    json_values.map(lambda v: json.dumps(v).encode()),
    resume_like.map(lambda v: json.dumps(v).encode()),
)


@dataclass(frozen=True)
class FuzzRequest:
    method: str
    path: str
    query: list[tuple[str, str]]
    body: bytes | None
    token: str | None


fuzz_requests = st.builds(
    FuzzRequest,
    method=st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]),
    path=paths,
    query=st.lists(st.tuples(query_keys, query_values), max_size=4),
    body=bodies,
    token=st.sampled_from(["valid", "valid", "valid", None, "wrong"]),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sent=fuzz_requests)
def test_malformed_requests_never_5xx_and_refusals_change_nothing(
    fuzzed: tuple[Hood, list[dict[str, Any]]], sent: FuzzRequest
) -> None:
    hood, baseline = fuzzed
    response = hood.request(
        sent.method,
        sent.path,
        params=sent.query,
        data=sent.body,
        token=hood.token if sent.token == "valid" else sent.token,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code < 500, response.text
    if response.status_code < 400:
        if response.status_code == 200 and sent.method == "GET":
            validator("campaign_list").validate(response.json())
        hood.control.reset()  # a valid write may have slipped through: start over
        hood.control.seed(SEED)
        return
    if sent.method != "HEAD":
        error = response.json()
        validator("error").validate(error)
        assert error["code"] == response.status_code
    assert hood.everything() == baseline
    assert hood.control.ledger() == []


def test_fuzz_baseline_is_the_seed(fuzzed: tuple[Hood, list[dict[str, Any]]]) -> None:
    hood, baseline = fuzzed
    assert sorted(c["id"] for c in baseline) == sorted(c["id"] for c in SEED)
    assert requests.get(hood.url + "/_emulator/ledger", timeout=5).json() == {"actions": []}
