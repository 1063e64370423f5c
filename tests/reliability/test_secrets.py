"""The token never leaves the provider process's memory, and TLS cannot be switched off.

A distinctive token is searched for, as a plain substring, in everything a user or a CI log can
see: the state backend's files, `pulumi preview --json`, the engine's output at the most
verbose logging, every error message, and the pickled provider.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dill
import pytest
import requests
from pulumi import automation as auto
from requests.adapters import HTTPAdapter

from ocamba_provider.client import HoodClient, HoodInvalidArgument
from ocamba_provider.emulator import Emulator
from tests.support.scaled import TOKEN, provider_for, resume_now, scaled_stack

VERBOSE = ("-v=9", "--logflow", "--logtostderr")


@pytest.mark.e2e
def test_token_appears_nowhere_the_engine_writes_or_prints(
    engine: Path, hood: Emulator, tmp_path: Path
) -> None:
    hood.control.seed([{"id": "1000248", "status": "paused"}, {"id": "1000249", "status": "draft"}])
    hood.control.set_faults([{"route": "resume", "fault": "drop_after_apply", "count": 1}])
    stack = scaled_stack(tmp_path, hood.url)
    stack.declare(resume_now(["1000248"]))
    seen: list[str] = []

    preview_json = stack.cli("preview", "--json", "--show-sames", *VERBOSE)
    up = stack.cli("up", "--yes", "--skip-preview", *VERBOSE)
    stack.declare(resume_now(["1000248", "1000249"]))  # a draft: the preview fails
    failed = stack.cli("preview", *VERBOSE, check=False)
    seen += [preview_json.stdout, preview_json.stderr, up.stdout, up.stderr]
    seen += [failed.stdout, failed.stderr, stack.state_text()]

    assert failed.returncode != 0 and "campaign 1000249" in failed.stdout + failed.stderr
    assert "Configure" in up.stderr  # the verbose log really shows the provider's config
    assert "ocamba: resumed campaign 1000248" in up.stdout + up.stderr
    for text in seen:
        assert TOKEN not in text


@pytest.mark.e2e
def test_a_refused_token_is_not_echoed_in_the_error(
    engine: Path, hood: Emulator, tmp_path: Path
) -> None:
    wrong = "tok-WRONG-91c2e4-do-not-leak"
    hood.control.seed([{"id": "1000248", "status": "paused"}])
    stack = scaled_stack(tmp_path, hood.url)
    stack.stack.set_config("ocamba:apiToken", auto.ConfigValue(wrong, secret=True))
    stack.declare(resume_now(["1000248"]))

    with pytest.raises(auto.CommandError) as failure:
        stack.preview()

    message = str(failure.value)
    assert "401" in message and "ocamba:apiToken" in message
    assert wrong not in message and wrong not in stack.state_text()


def test_the_pickled_provider_holds_no_token_after_configure_and_use(hood: Emulator) -> None:
    hood.control.seed([{"id": "1000248", "status": "paused"}])
    provider = provider_for(hood.url)
    provider.check({}, {"campaign_id": "1000248", "state": "paused"})

    assert TOKEN.encode() not in dill.dumps(provider, recurse=True)
    assert TOKEN not in repr(provider) and TOKEN not in repr(vars(provider))


@pytest.mark.parametrize(
    "url",
    ["http://api.ocamba.com", "http://10.0.0.1:8080", "ftp://api.ocamba.com", "api.ocamba.com"],
)
def test_plain_http_to_a_remote_host_is_refused(url: str) -> None:
    with pytest.raises(HoodInvalidArgument) as refused:
        HoodClient(url, TOKEN)

    assert TOKEN not in str(refused.value)


class _Capture(HTTPAdapter):
    """Records what `requests` hands the adapter, and answers without a network."""

    def __init__(self) -> None:
        super().__init__()
        self.verify: list[Any] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        self.verify.append(kwargs.get("verify"))
        response = requests.Response()
        response.status_code = 200
        response._content = b'{"total": 1, "items": [{"id": "1000248", "status": "paused"}]}'
        response.headers["Content-Type"] = "application/json"
        response.request = request
        return response


@pytest.mark.parametrize(
    "env",
    [
        {"CURL_CA_BUNDLE": ""},
        {"REQUESTS_CA_BUNDLE": ""},
        {"REQUESTS_CA_BUNDLE": "", "CURL_CA_BUNDLE": ""},
        {"PYTHONHTTPSVERIFY": "0"},
    ],
    ids=["curl-empty", "requests-empty", "both-empty", "pythonhttpsverify"],
)
def test_environment_tricks_do_not_switch_tls_verification_off(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    adapter = _Capture()
    client = HoodClient("https://api.ocamba.example", TOKEN, limits=None, adapter=adapter)

    client.get_campaign("1000248")

    # True, or a CA bundle path (a custom CA, still verifying): never False or "".
    assert adapter.verify and all(v is True or (isinstance(v, str) and v) for v in adapter.verify)
