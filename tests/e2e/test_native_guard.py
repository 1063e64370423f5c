"""The blast-radius guard through the native provider, counted across the run.

With ocamba:declaredCampaigns in the program's config the first check counts the whole run,
as the dynamic provider does with its hint, so even `--skip-preview` sends nothing past the
limit; each check holds its declaration to the list, so the list cannot rot unseen.

Without the list the guard learns the plan check by check. `pulumi up --yes` (what apply.yml
runs) previews first, and the preview's checks refuse before the update sends anything. With
`--skip-preview` (the Automation API's up) the engine starts creating while later checks are
still to come, so the first transitions are sent before the one past the limit is refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pulumi import automation as auto

from ocamba_provider.emulator import Emulator, RateLimit
from tests.support.engine_stacks import TOKEN
from tests.support.yaml_stack import YamlStack

IDS = ("1000301", "1000302", "1000303")


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    """A workspace of its own: the module's is left with the xfail's transitions."""
    with Emulator(token=TOKEN, rate_limit=RateLimit(burst=10, steady=150)) as fresh:
        yield fresh


def _declarations(*ids: str) -> dict[str, dict[str, Any]]:
    return {f"c{i}": {"campaignId": i, "state": "active", "runImmediately": True} for i in ids}


def _past_the_limit(tmp_path: Path, emulator: Emulator, *, listed: bool = False) -> YamlStack:
    emulator.control.seed([{"id": i, "name": f"c{i}", "status": "paused"} for i in IDS])
    stack = YamlStack(tmp_path, emulator.url, TOKEN, {"ocamba:maxTransitionsPerRun": 2})
    stack.declare(_declarations(*IDS), listed=listed)
    return stack


def test_up_past_the_limit_is_refused_by_its_preview_and_nothing_is_sent(
    tmp_path: Path, module_emulator: Emulator
) -> None:
    stack = _past_the_limit(tmp_path, module_emulator)

    done = stack.cli("up", "--yes", "--non-interactive", check=False)

    assert done.returncode != 0
    assert "this run would resume or pause 3 campaigns, more than" in done.stdout
    assert "ocamba:maxTransitionsPerRun (2)" in done.stdout
    assert module_emulator.control.ledger() == []


@pytest.mark.xfail(
    strict=True,
    reason="without ocamba:declaredCampaigns, --skip-preview sends the first transitions "
    "before a later check counts past the limit (the engine checks and creates one by one)",
)
def test_up_skipping_its_preview_past_the_limit_sends_nothing(
    tmp_path: Path, module_emulator: Emulator
) -> None:
    stack = _past_the_limit(tmp_path, module_emulator)

    with pytest.raises(auto.CommandError):
        stack.up()

    assert module_emulator.control.ledger() == []


def test_up_skipping_its_preview_past_the_limit_with_the_declared_list_sends_nothing(
    tmp_path: Path, emulator: Emulator
) -> None:
    stack = _past_the_limit(tmp_path, emulator, listed=True)

    with pytest.raises(auto.CommandError) as refused:
        stack.up()

    assert "this run would resume or pause 3 campaigns, more than" in str(refused.value)
    assert emulator.control.ledger() == []


def test_a_declaration_missing_from_the_list_fails_the_preview_naming_it_and_the_fix(
    tmp_path: Path, emulator: Emulator
) -> None:
    stack = _past_the_limit(tmp_path, emulator)
    # Someone adds a third campaign to the program and forgets the list.
    stack.write_resources(
        {
            name: {"type": "ocamba:CampaignRunState", "properties": props}
            for name, props in _declarations(*IDS).items()
        },
        listed={i: "active" for i in IDS[:2]},
    )

    with pytest.raises(auto.CommandError) as refused:
        stack.preview()

    message = str(refused.value)
    assert "campaign 1000303 is declared but not listed in ocamba:declaredCampaigns" in message
    # The list lives in Pulumi.yaml: `config set` would write a stack-file list replacing it.
    assert (
        "edit Pulumi.yaml: under `config:` -> `ocamba:declaredCampaigns:` -> `value:`, write "
        'the line `"1000303": active`'
    ) in message
    assert emulator.control.ledger() == []


def test_the_list_on_an_explicit_provider_counts_the_whole_run_too(
    tmp_path: Path, emulator: Emulator
) -> None:
    # Provider arguments: how a TypeScript program (`new ocamba.Provider(...)`) gives the list.
    stack = _past_the_limit(tmp_path, emulator)
    provider = {
        "type": "pulumi:providers:ocamba",
        "properties": {
            "apiUrl": emulator.url,
            "apiToken": TOKEN,
            "maxTransitionsPerRun": 2,
            "declaredCampaigns": {i: "active" for i in IDS},
        },
    }
    stack.write_resources(
        {
            "ocamba": provider,
            **{
                name: {
                    "type": "ocamba:CampaignRunState",
                    "properties": props,
                    "options": {"provider": "${ocamba}"},
                }
                for name, props in _declarations(*IDS).items()
            },
        }
    )

    with pytest.raises(auto.CommandError) as refused:
        stack.up()

    assert "this run would resume or pause 3 campaigns, more than" in str(refused.value)
    assert emulator.control.ledger() == []
