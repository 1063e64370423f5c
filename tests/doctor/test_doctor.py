"""The read-only doctor against the emulator, under every API variant."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from ocamba_provider.doctor import run
from ocamba_provider.emulator import VARIANTS, Emulator

SEED = [
    {
        "id": str(1000200 + n),
        "name": f"Campaign {n}",
        "status": ("paused", "running", "scheduled")[n % 3],
        **({"scheduled_time": "2026-12-01 09:00:00"} if n % 3 == 2 else {}),
    }
    for n in range(120)
]
# The assumption line each variant must turn into DIFFERS (eventual: see the lag test).
NAMED = {
    "page-cap-50": ["maximum page size"],
    "generic-400": ["400 messages"],
    "not-found-404": ["unknown id"],
    "default-view-no-status": ["default view"],
    "integer-ids": ["id type"],
    "z-times": ["time format"],
    "offset-times": ["time format"],
    "eventual": [],
    "hostile": [
        "maximum page size",
        "400 messages",
        "unknown id",
        "default view",
        "id type",
        "time format",
    ],
    # Blind spots of a read-only doctor: the same format in another zone, a schedule field
    # and a label form it does not look at.
    "time-in-next-run": [],
    "local-times": [],
    "labels-as-string": [],
}
ASSUMPTIONS = [
    "maximum page size",
    "fields= honoured",
    "id type",
    "time format",
    "page=N,M honoured",
    "total counts all matches",
    "default view",
    "unknown id",
    "id=in:a,b honoured",
    "single read envelope",
    "400 messages",
    "X-RateLimit headers",
    "status lag after writes",
]


def _doctor(emulator: Emulator, token: str | None = None) -> tuple[int, str]:
    printed: list[str] = []
    code = run(emulator.url, token or emulator.token, out=printed.append)
    return code, "".join(printed)


def _outcomes(report: str) -> dict[str, str]:
    found = {}
    for line in report.splitlines()[1:-1]:
        outcome, rest = line.split(maxsplit=1)
        found[rest.split(": ", 1)[0]] = outcome
    return found


def _assert_read_only_and_within_budget(emulator: Emulator) -> None:
    stats = emulator.control.stats()
    assert emulator.control.ledger() == []
    assert all(key.startswith("GET ") for key in stats["requests"]), stats["requests"]
    assert sum(stats["requests"].values()) <= 10


@pytest.fixture
def seeded() -> Iterator[Emulator]:
    with Emulator() as emulator:
        emulator.control.seed(SEED)
        yield emulator


def test_default_emulator_holds_every_assumption(seeded: Emulator) -> None:
    code, report = _doctor(seeded)
    outcomes = _outcomes(report)
    assert code == 0, report
    assert list(outcomes) == ASSUMPTIONS
    assert {name for name, outcome in outcomes.items() if outcome != "ok"} == {
        "status lag after writes"
    }
    assert outcomes["status lag after writes"] == "unknown"
    assert report.splitlines()[-1].startswith("doctor: 13 assumptions: 12 ok, 0 differ, 1 unknown")
    _assert_read_only_and_within_budget(seeded)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_each_variant_is_named_and_the_client_copes(variant: str) -> None:
    with Emulator(variant=variant) as emulator:
        emulator.control.seed(SEED)
        code, report = _doctor(emulator)
        _assert_read_only_and_within_budget(emulator)
    outcomes = _outcomes(report)
    differs = {name for name, outcome in outcomes.items() if outcome == "DIFFERS"}
    assert differs == set(NAMED[variant]), report
    assert code == 0, report
    for line in report.splitlines():
        if line.startswith("DIFFERS"):
            assert "the client copes" in line
    assert "the client copes with each" in report.splitlines()[-1] or not differs


def test_page_cap_report_says_what_was_served(seeded: Emulator) -> None:
    seeded.control.variant("page-cap-50")
    _, report = _doctor(seeded)
    assert "page=1,100 served 50 of 120: the server caps pages at 50" in report


def test_hostile_report_names_what_it_saw(seeded: Emulator) -> None:
    seeded.control.variant("hostile")
    _, report = _doctor(seeded)
    assert "JSON integers (e.g. 1000319)" in report
    assert "ISO 8601 with Z ('2025-01-01T00:01:59Z')" in report
    assert "answered 404 'Campaign 99999999999999999999 does not exist.' without trace_id" in report
    assert "has no status" in report


def test_status_lag_is_reported_unknown_because_the_doctor_never_writes() -> None:
    with Emulator(variant="eventual") as emulator:
        emulator.control.seed(SEED)
        _, report = _doctor(emulator)
    assert "unknown  status lag after writes: not observable without a write" in report


def test_missing_rate_limit_headers_differ_but_the_client_copes(fast_emulator: Emulator) -> None:
    fast_emulator.control.seed(SEED)
    code, report = _doctor(fast_emulator)
    assert code == 0
    assert _outcomes(report)["X-RateLimit headers"] == "DIFFERS"
    assert "absent from every answer" in report


def test_empty_workspace_is_unknown_not_wrong(fast_emulator: Emulator) -> None:
    code, report = _doctor(fast_emulator)
    outcomes = _outcomes(report)
    assert code == 0, report
    assert outcomes["id type"] == outcomes["page=N,M honoured"] == "unknown"
    _assert_read_only_and_within_budget(fast_emulator)


def test_a_refused_token_fails_with_a_clear_message(seeded: Emulator) -> None:
    code, report = _doctor(seeded, token="wrong-token-123")
    assert code == 1
    assert "the API refused the token (401 'Unauthorized.')" in report
    assert "wrong-token-123" not in report
    assert seeded.control.stats()["requests"] == {"GET /v1/hood/campaigns": 1}


def test_a_non_json_answer_fails_with_a_clear_message(seeded: Emulator) -> None:
    seeded.control.set_faults([{"route": "list", "fault": "html_502"}])
    code, report = _doctor(seeded)
    assert code == 1
    assert "answered 502 with a non-JSON body (text/html)" in report


def test_a_list_without_total_fails(seeded: Emulator) -> None:
    seeded.control.set_faults([{"route": "list", "fault": "wrong_types"}])
    code, report = _doctor(seeded)
    assert code == 1
    assert "has no integer `total`" in report


def test_a_time_the_client_cannot_read_is_fatal(fast_emulator: Emulator) -> None:
    fast_emulator.control.seed([*SEED[:10], {"id": "1000999", "create_time": "next Tuesday"}])
    code, report = _doctor(fast_emulator)
    assert code == 1
    assert "DIFFERS  time format: a time like 'next Tuesday'" in report
    assert report.splitlines()[-1].endswith("the client cannot work with time format")


def test_command_line_doctor_never_prints_the_token(seeded: Emulator) -> None:
    env = {"OCAMBA_API_URL": seeded.url, "OCAMBA_API_TOKEN": seeded.token, "PATH": ""}
    done = subprocess.run(
        [sys.executable, "-m", "ocamba_provider.doctor"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"doctor: read-only checks against {seeded.url}\n")
    assert seeded.token not in done.stdout + done.stderr
    _assert_read_only_and_within_budget(seeded)


def test_command_line_doctor_without_a_token_says_where_to_put_it(seeded: Emulator) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ocamba_provider.doctor", "--api-url", seeded.url],
        env={"PATH": ""},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "OCAMBA_API_TOKEN" in done.stderr
    assert seeded.control.stats()["requests"] == {}


def test_command_line_doctor_with_an_unusable_url_says_why_without_a_traceback() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ocamba_provider.doctor", "--api-url", "ftp://x.test"],
        env={"OCAMBA_API_TOKEN": "tok-doctor-url", "PATH": ""},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == "error: API URL must be https://<host>, got scheme 'ftp'\n"


def test_the_module_command_answers_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ocamba_provider.doctor", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: ocamba-doctor")
