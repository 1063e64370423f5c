"""The pull-request summary on documents the real engine wrote (`pulumi preview --json`), for
the steps of both adapters: the dynamic type's snake_case inputs and the native type's
(`ocamba:index:CampaignRunState`) camelCase ones give the same rows.

Seed: A paused, B paused, C running, E running, D draft. Steps in order, on each adapter
(tests/support/adapters.py): new declarations (op create), first without and then with a
campaign already in its state, an out-of-band pause seen with --refresh (op update), a draft
declared active (a failed preview: exit 1, JSON on stdout, no step for D), a removed
declaration (op delete), and a 3,000-campaign document made by repeating the real steps.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ocamba_provider.emulator import Emulator
from ocamba_provider.summary import COMMENT_LIMIT, FailedResource, read_problems
from ocamba_provider.summary import summarize as summarize_document
from ocamba_provider.summary.__main__ import main
from ocamba_provider.summary.inert import inert
from tests.support.adapters import Adapter, adapter_for
from tests.support.comment_rows import rows_of
from tests.support.engine_stacks import TOKEN

A, B, C, D, E, F = "1000248", "1000251", "1000260", "1000270", "1000261", "1000272"
HOSTILE = "Winter collection (draft) [2026] | last call (observed status: x)"
"""A name that broke the comment when its facts were read back from the error message."""
FIRST: list[dict[str, Any]] = [
    {"id": A, "state": "active", "run_immediately": True, "name": "spring-sale"},
    {"id": B, "state": "active", "scheduled_time": "2027-06-01 08:00:00", "name": "newsletter"},
    {"id": C, "state": "paused", "pause_reason": "budget review", "name": "black-friday"},
]
"""Three changes and nothing unchanged; the scheduled time already in the API's GMT form."""
DECLARED: list[dict[str, Any]] = [
    {"id": A, "state": "active", "run_immediately": True, "name": "spring-sale"},
    {"id": B, "state": "active", "scheduled_time": "2027-06-01T10:00:00+02:00"},
    {"id": C, "state": "paused", "pause_reason": "budget review"},
    {"id": E, "state": "active", "run_immediately": True},
]
documents: dict[str, dict[str, Any]] = {}
"""The refreshed preview of step 3, by adapter, for the 3,000-campaign document."""


failed_checks: dict[str, FailedResource] = {}
"""What the last preview's checks recorded in the problems file, as CI hands it on."""


def preview_json(stack: Adapter, problems: Path, *flags: str) -> tuple[int, dict[str, Any]]:
    """`pulumi preview --json --show-sames` as CI runs it: the CLI, so a failure keeps its JSON,
    with the problems file CI names (OCAMBA_PROBLEMS_FILE) for the summary's error rows.

    (The Automation API raises CommandError on a failed preview and keeps stdout only inside
    the error's text.)
    """
    problems.unlink(missing_ok=True)
    done = stack.cli(
        "preview",
        "--json",
        "--show-sames",
        "--non-interactive",
        *flags,
        check=False,
        env={"OCAMBA_PROBLEMS_FILE": str(problems)},
    )
    document: dict[str, Any] = json.loads(done.stdout)
    failed_checks.clear()
    if problems.exists():
        failed_checks.update(read_problems(problems.read_text().splitlines()))
    return done.returncode, document


def summarize(document: dict[str, Any]) -> str:
    """The comment as CI renders it, with the failed checks the preview recorded."""
    return summarize_document(document, failed=failed_checks)


@pytest.fixture(scope="module")
def emulator(adapter_emulator: Emulator) -> Emulator:
    adapter_emulator.control.seed(
        [
            {"id": A, "name": "Spring sale", "status": "paused"},
            {"id": B, "name": "Newsletter", "status": "paused"},
            {"id": C, "name": "Black Friday", "status": "running"},
            {"id": E, "name": "Evergreen", "status": "running"},
            {"id": D, "name": "Winter draft", "status": "draft"},
            {"id": F, "name": HOSTILE, "status": "draft"},
        ]
    )
    return adapter_emulator


@pytest.fixture(scope="module")
def stack(
    tmp_path_factory: pytest.TempPathFactory, adapter_kind: str, emulator: Emulator
) -> Adapter:
    adapter = adapter_for(adapter_kind, tmp_path_factory.mktemp(adapter_kind), emulator.url, TOKEN)
    adapter.declare(FIRST)
    return adapter


@pytest.fixture(scope="module")
def problems(tmp_path_factory: pytest.TempPathFactory, adapter_kind: str) -> Path:
    """Where the previews of this adapter's steps record their failed checks."""
    return tmp_path_factory.mktemp(f"{adapter_kind}-problems") / "problems.jsonl"


def test_1_new_declarations_become_rows_with_the_reason(stack: Adapter, problems: Path) -> None:
    code, document = preview_json(stack, problems)
    text = summarize(document)

    assert code == 0
    assert "**2 to resume, 1 to pause**" in text
    assert rows_of(text) == {
        A: [A, "Spring sale", "paused", "active", "**resume now**"],
        B: [B, "Newsletter", "paused", "active", "**resume at 2027-06-01 08:00 GMT**"],
        C: [C, "Black Friday", "running", "paused", "**pause: budget review**"],
    }


def test_2_new_declarations_show_resume_now_resume_at_pause_and_no_change(
    stack: Adapter, problems: Path, emulator: Emulator
) -> None:
    stack.declare(DECLARED)

    code, document = preview_json(stack, problems)
    text = summarize(document)

    assert code == 0
    assert "**2 to resume, 1 to pause, 1 unchanged**" in text
    assert rows_of(text) == {
        A: [A, "Spring sale", "paused", "active", "**resume now**"],
        B: [B, "Newsletter", "paused", "active", "**resume at 2027-06-01 08:00 GMT**"],
        C: [C, "Black Friday", "running", "paused", "**pause: budget review**"],
        E: [E, "Evergreen", "running", "active", "in sync"],
    }
    assert emulator.control.ledger() == []


def test_3_out_of_band_pause_shows_as_resume_with_refresh(
    stack: Adapter, problems: Path, emulator: Emulator
) -> None:
    stack.up()
    emulator.control.set_status(A, "paused")

    code, document = preview_json(stack, problems, "--refresh")
    documents[stack.kind] = document
    text = summarize(document)

    assert code == 0
    assert {step["op"] for step in document["steps"]} >= {"refresh", "update", "same"}
    assert "**1 to resume, 3 unchanged**" in text
    assert rows_of(text)[A] == [A, "Spring sale", "paused", "active", "**resume now**"]
    assert rows_of(text)[C][2:] == ["paused", "paused", "in sync"]


def test_4_draft_declared_active_fails_the_preview_and_is_named(
    stack: Adapter, problems: Path, emulator: Emulator
) -> None:
    stack.declare([*DECLARED, {"id": D, "state": "active", "run_immediately": True}])
    ledger = len(emulator.control.ledger())

    code, document = preview_json(stack, problems)
    text = summarize(document)

    assert code != 0
    assert not any(step["urn"].endswith(f"campaign-{D}") for step in document["steps"])
    assert "> The preview failed" in text
    assert rows_of(text)[D] == [
        D,
        "Winter draft",
        "draft",
        "active",
        f"**error**: campaign {D} (Winter draft): a draft cannot be resumed (observed status: "
        "draft). Publish it in Hood first, or remove the declaration.",
    ]
    assert rows_of(text)[D][:3] == [D, "Winter draft", "draft"]
    assert rows_of(text)[D][4].startswith(
        f"**error**: campaign {D} (Winter draft): a draft cannot be resumed"
    )
    assert ", 1 error**" in text
    assert TOKEN not in json.dumps(document)
    assert len(emulator.control.ledger()) == ledger
    stack.declare(DECLARED)


def test_4b_an_error_row_keeps_a_name_with_parentheses_brackets_and_pipes_intact(
    stack: Adapter, problems: Path
) -> None:
    stack.declare([*DECLARED, {"id": F, "state": "active", "run_immediately": True}])

    code, document = preview_json(stack, problems)
    row = rows_of(summarize(document))[F]

    assert code != 0
    assert row[:4] == [F, inert(HOSTILE), "draft", "active"]
    assert row[4].startswith(f"**error**: campaign {F} ({inert(HOSTILE)}): a draft cannot be")
    stack.declare(DECLARED)


def test_5_removed_declaration_shows_stop_managing(stack: Adapter, problems: Path) -> None:
    stack.declare([entry for entry in DECLARED if entry["id"] != C])

    code, document = preview_json(stack, problems)
    text = summarize(document)

    assert code == 0
    assert rows_of(text)[C] == [
        C,
        "Black Friday",
        "paused (last seen)",
        "",
        "**forgotten: keeps paused**",
    ]
    stack.declare(DECLARED)


def _campaign_steps(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        step
        for step in document["steps"]
        if step["op"] in ("update", "same") and "CampaignRunState" in step["urn"]
    ]


def test_6_three_thousand_campaigns_fit_one_comment_saying_what_was_left_out(
    stack: Adapter, tmp_path: Path
) -> None:
    real = documents[stack.kind]
    templates = [json.dumps(step) for step in _campaign_steps(real)]
    ids = [json.loads(text)["newState"]["inputs"][stack.key("campaign_id")] for text in templates]
    steps = []
    for index in range(3_000):
        which = index % len(templates)
        text = templates[which].replace(f'"{ids[which]}"', f'"{5_000_000 + index}"')
        name = json.loads(templates[which])["urn"].rsplit("::", 1)[1]
        steps.append(json.loads(text.replace(f"::{name}", f"::bulk-{index}")))
    big = {**real, "steps": [*real["steps"][:1], *steps]}
    (tmp_path / "preview.json").write_text(json.dumps(big))

    assert main([str(tmp_path / "preview.json"), "--output", str(tmp_path / "comment.md")]) == 0
    text = (tmp_path / "comment.md").read_text()

    assert len({step["urn"] for step in steps}) == 3_000
    assert len(text) < COMMENT_LIMIT
    shown = len(rows_of(text))
    assert "**750 to resume, 2,250 unchanged**" in text
    assert f"_{3_000 - shown:,} rows left out (" in text
    assert "65,536-character limit" in text
