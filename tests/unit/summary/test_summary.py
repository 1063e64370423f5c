"""The pull-request summary on `pulumi preview --json` documents shaped like the engine's.

The e2e tier (tests/e2e/test_summary.py) runs the same code on documents the engine wrote;
these cover every branch quickly, with documents built by tests/support/preview_documents.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocamba_provider.summary import COMMENT_LIMIT, MARKER, FailedResource, Kind, Preview
from ocamba_provider.summary import read_preview as read_preview_at
from ocamba_provider.summary import summarize as summarize_at
from ocamba_provider.summary.__main__ import main
from tests.support.comment_rows import UPCOMING_HEADING
from tests.support.preview_documents import (
    DRAFT_ERROR,
    DRAFT_PROBLEMS,
    MONITOR_NOISE,
    NOW,
    PAUSE,
    RESUME_AT,
    RESUME_NOW,
    TYPE,
    UNCHANGED,
    document,
    inputs,
    many_campaigns,
    step,
    urn,
)


def summarize(
    document: dict[str, Any],
    limit: int = COMMENT_LIMIT,
    failed: dict[str, FailedResource] | None = None,
) -> str:
    return summarize_at(document, limit, now=NOW, failed=failed)


def read_preview(
    document: dict[str, Any], failed: dict[str, FailedResource] | None = None
) -> Preview:
    return read_preview_at(document, NOW, failed)


def table_rows(markdown: str) -> list[list[str]]:
    """Every data row of every campaign table (not the Upcoming one), split into cells."""
    rows = []
    for line in markdown.split(UPCOMING_HEADING, maxsplit=1)[0].splitlines():
        if line.startswith("| ") and not line.startswith("| campaign |"):
            rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows


# --- rows -------------------------------------------------------------------------------


def test_resume_now_row_shows_observed_and_desired() -> None:
    rows = table_rows(summarize(document(RESUME_NOW)))

    assert rows == [["1000248", "Spring sale", "paused", "active", "**resume now**"]]


def test_scheduled_resume_says_when_in_gmt_without_seconds() -> None:
    (row,) = table_rows(summarize(document(RESUME_AT)))

    assert row[4] == "**resume at 2026-12-01 09:00 GMT**"


def test_scheduled_resume_keeps_seconds_that_are_not_zero() -> None:
    at = step("create", "n", inputs("1", "active", "paused", scheduled_time="2026-12-01 09:00:30"))

    assert "resume at 2026-12-01 09:00:30 GMT" in summarize(document(at))


def test_pause_row_carries_the_reason() -> None:
    (row,) = table_rows(summarize(document(PAUSE)))

    assert row == ["1000260", "Black Friday", "running", "paused", "**pause: budget review**"]


def test_pause_without_a_reason_says_pause() -> None:
    bare = step("create", "c", inputs("1000260", "paused", "scheduled"))

    assert table_rows(summarize(document(bare)))[0][4] == "**pause**"


def test_same_step_is_no_change_and_folded_under_details() -> None:
    text = summarize(document(RESUME_NOW, UNCHANGED))

    details = text[text.index("<details>") :]
    assert "<summary>1 unchanged</summary>" in details
    assert "| 1000261 | Steady | running | active | in sync |" in details
    assert "1000248" not in details


def test_held_manual_pause_is_reported_with_the_providers_note() -> None:
    note = "held: paused out of band, seen at 2026-11-26 13:00:00 GMT"
    held = step(
        "same",
        "spring-sale",
        inputs("1000248", "active", "paused", run_immediately=True, drift="hold", held=note),
    )

    preview = read_preview(document(held))

    assert [(row.kind, row.observed, row.action) for row in preview.rows] == [
        (Kind.NONE, "paused", note)
    ]
    assert "drift: hold" in preview.rows[0].notes


def test_vanished_campaign_with_on_missing_forget_is_not_an_error() -> None:
    gone = step("same", "c", inputs("1000263", "active", "not_found", on_missing="forget"))

    preview = read_preview(document(gone))

    assert [(row.kind, row.action) for row in preview.rows] == [
        (Kind.NONE, "forgotten: vanished from the workspace (on_missing: forget)")
    ]


def test_new_declaration_already_in_sync_counts_as_unchanged() -> None:
    adopted = step("create", "c", inputs("1000262", "active", "running", run_immediately=True))

    preview = read_preview(document(adopted))

    assert [(row.kind, row.action) for row in preview.rows] == [(Kind.NONE, "in sync")]


def test_totals_come_first_in_fixed_order() -> None:
    text = summarize(
        document(RESUME_NOW, RESUME_AT, PAUSE, UNCHANGED, diagnostics=[DRAFT_ERROR, MONITOR_NOISE])
    )

    lines = text.splitlines()
    assert lines[0] == MARKER
    assert lines[1] == "### Campaign run-state preview (stack `production`)"
    assert lines[3] == "**2 to resume, 1 to pause, 1 unchanged, 1 error**"


def test_rows_are_ordered_errors_resumes_pauses_then_by_id() -> None:
    later = step("create", "z", inputs("900", "active", "paused", run_immediately=True))
    text = summarize(document(PAUSE, RESUME_AT, later, RESUME_NOW, diagnostics=[DRAFT_ERROR]))

    assert [row[0] for row in table_rows(text)] == [
        "1000270",
        "900",
        "1000248",
        "1000251",
        "1000260",
    ]


def test_refresh_steps_do_not_duplicate_rows() -> None:
    refresh = {**RESUME_AT, "op": "refresh"}

    assert len(read_preview(document(refresh, RESUME_AT)).rows) == 1


def test_steps_of_other_resource_types_are_ignored() -> None:
    other = {
        "op": "create",
        "urn": "urn:pulumi:p::x::aws:s3/bucket:Bucket::b",
        "newState": {"type": "aws:s3/bucket:Bucket", "inputs": {}},
    }

    assert read_preview(document(other, RESUME_NOW)).rows[0].campaign_id == "1000248"
    assert len(read_preview(document(other)).rows) == 0


def test_deleted_declaration_is_forgotten_and_shows_last_seen_status() -> None:
    gone = step("delete", "old", None, inputs("1000240", "paused", "paused", name="Old promo"))

    (row,) = table_rows(summarize(document(gone)))

    assert row == [
        "1000240",
        "Old promo",
        "paused (last seen)",
        "",
        "**forgotten: keeps paused**",
    ]
    assert "**1 to stop managing**" in summarize(document(gone))


def test_replacement_is_one_row_for_the_new_campaign_naming_the_old() -> None:
    new = inputs("1000249", "active", "paused", run_immediately=True)
    old = inputs("1000248", "active", "running", run_immediately=True)
    steps = [step(op, "promo", new, old) for op in ("create-replacement", "replace")]
    steps.append(step("delete-replaced", "promo", None, old))

    (row,) = table_rows(summarize(document(*steps)))

    assert row[:5] == ["1000249", "", "paused", "active", "**resume now**"]
    assert row[5] == "replaces campaign 1000248"


def test_unobserved_campaign_is_decided_at_apply() -> None:
    unknown = step(
        "create", "later", inputs("04da6b54-80e4-46f7-96ec-b56ff0331ba9", "active", None)
    )

    (row,) = read_preview(document(unknown)).rows

    assert (row.kind, row.action) == (Kind.PENDING, "decided at apply")


def test_notes_column_appears_only_when_a_policy_is_declared() -> None:
    held = step(
        "same",
        "held",
        inputs(
            "1000263",
            "active",
            "paused",
            run_immediately=True,
            drift="hold",
            hold_until="2026-12-24 18:00:00",
            on_delete="pause",
        ),
    )

    assert "| notes |" not in summarize(document(RESUME_NOW))
    text = summarize(document(RESUME_NOW, held))
    assert "| notes |" in text
    assert "drift: hold; hold until: 2026-12-24 18:00 GMT; on delete: pause" in text
    assert table_rows(text)[0][5] == ""


def test_cells_cannot_break_the_table_or_open_html() -> None:
    tricky = step(
        "create", "t", inputs("1", "paused", "running", name="A | B <script>", pause_reason="x\ny")
    )

    (row,) = table_rows(summarize(document(tricky)))

    assert row[1] == "A \\| B &lt;script&gt;"
    assert row[4] == "**pause: x y**"


# --- errors -------------------------------------------------------------------------------


def test_check_failure_becomes_an_error_row_naming_the_campaign() -> None:
    text = summarize(
        document(RESUME_NOW, diagnostics=[DRAFT_ERROR, MONITOR_NOISE]), failed=DRAFT_PROBLEMS
    )

    row = table_rows(text)[0]
    assert row[:3] == ["1000270", "Winter draft", "draft"]
    assert row[4] == (
        "**error**: campaign 1000270 (Winter draft): a draft cannot be resumed (observed status: "
        "draft). Publish it in Hood first, or remove the declaration."
    )
    assert "> The preview failed: nothing can be applied until the errors below are fixed." in text
    assert "Resource monitor" not in text


def test_error_row_takes_desired_state_from_the_stack_config() -> None:
    config = {
        "ocamba-campaigns:campaigns": json.dumps(
            [{"id": "1000270", "state": "active", "run_immediately": True, "drift": "hold"}]
        )
    }

    (row,) = read_preview(document(diagnostics=[DRAFT_ERROR], config=config)).rows

    assert (row.campaign_id, row.desired, row.notes) == ("1000270", "active", "drift: hold")


def test_several_failures_of_one_campaign_share_its_row() -> None:
    second = {
        **DRAFT_ERROR,
        "message": f"error: {TYPE} resource 'campaign-1000270': property state value "
        "{bogus} has a problem: state must be active or paused",
    }

    (row,) = read_preview(document(diagnostics=[DRAFT_ERROR, second])).rows

    assert row.action.endswith(" / state must be active or paused")
    assert "**1 error**" in summarize(document(diagnostics=[DRAFT_ERROR, second]))


def test_program_error_is_listed_as_a_fenced_block_keeping_its_lines() -> None:
    failure = {
        "message": "error: an unhandled error occurred: ocamba-campaigns:campaigns is not valid "
        "(1 problem):\n  - campaigns[0].state: state must be active or paused (got 'bogus')\n",
        "severity": "error",
    }

    text = summarize(document(diagnostics=[failure]))

    assert "**the preview failed before any campaign was read**" in text
    assert (
        "```text\nocamba-campaigns:campaigns is not valid (1 problem):\n  - campaigns[0].state:"
        in text
    )


def test_a_provider_traceback_is_cut_short() -> None:
    huge = {**DRAFT_ERROR, "message": "error: Exception: " + "x" * 50_000}

    (row,) = read_preview(document(diagnostics=[huge])).rows

    assert len(row.action) < 1_100
    assert row.action.endswith("…")


def test_unlisted_unchanged_are_counted_from_the_change_summary() -> None:
    text = summarize(document(RESUME_NOW, changeSummary={"create": 1, "same": 4}))

    assert "**1 to resume, 3 unchanged**" in text
    assert "_3 unchanged not listed: the preview ran without `--show-sames`._" in text


def test_empty_preview_says_nothing_is_declared() -> None:
    assert "**no campaigns declared**" in summarize({"steps": None})


# --- size ---------------------------------------------------------------------------------


def test_unchanged_rows_are_left_out_first_with_their_count() -> None:
    text = summarize(many_campaigns(resumes=50, unchanged=2_000))

    assert len(text) < COMMENT_LIMIT
    assert "<details>" not in text
    assert len(table_rows(text)) == 50
    assert (
        "_2,000 rows left out (2,000 unchanged): the comment would pass GitHub's "
        "65,536-character limit" in text
    )


def test_change_rows_are_truncated_last_keeping_errors_first() -> None:
    errors = [{**DRAFT_ERROR, "urn": urn(f"e{i}")} for i in range(3)]
    doc = many_campaigns(resumes=3_000, unchanged=10)
    doc["diagnostics"] = errors

    text = summarize(doc)

    rows = table_rows(text)
    assert len(text) < COMMENT_LIMIT
    assert [row[4].startswith("**error**") for row in rows[:3]] == [True, True, True]
    left = 3_000 + 10 - (len(rows) - 3)
    assert f"_{left:,} rows left out ({3_000 - (len(rows) - 3):,} to resume, 10 unchanged)" in text
    assert "**3,000 to resume, 10 unchanged, 3 errors**" in text


@settings(max_examples=40, deadline=None)
@given(
    resumes=st.integers(0, 400),
    unchanged=st.integers(0, 400),
    limit=st.integers(2_000, 40_000),
)
def test_any_comment_fits_its_limit_and_accounts_for_every_row(
    resumes: int, unchanged: int, limit: int
) -> None:
    text = summarize(many_campaigns(resumes, unchanged), limit=limit)

    assert len(text) < limit
    shown = len(table_rows(text))
    counted = re.search(r"_([\d,]+) rows? left out", text)
    left_out = int(counted.group(1).replace(",", "")) if counted else 0
    assert shown + left_out == resumes + unchanged


# --- command line -------------------------------------------------------------------------


def test_main_writes_the_comment_to_the_output_file(tmp_path: Path) -> None:
    preview = tmp_path / "preview.json"
    preview.write_text(json.dumps(document(RESUME_NOW)))
    comment = tmp_path / "comment.md"

    assert main([str(preview), "--output", str(comment)]) == 0
    assert "**resume now**" in comment.read_text()


def test_main_prints_to_stdout_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    preview = tmp_path / "preview.json"
    preview.write_text(json.dumps(document(PAUSE)))

    assert main([str(preview)]) == 0
    assert "**pause: budget review**" in capsys.readouterr().out


def test_main_turns_an_empty_preview_into_a_comment_pointing_at_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    preview = tmp_path / "preview.json"
    preview.write_text("")

    assert main([str(preview)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(MARKER)
    assert (
        "The preview produced no readable JSON (the output was empty); see the workflow log." in out
    )


def test_main_fails_on_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "absent.json")]) == 2
    assert "summary: cannot read" in capsys.readouterr().err


def test_a_one_run_guard_override_is_shown_from_the_checked_inputs() -> None:
    override = {"variable": "OCAMBA_ALLOW_TRANSITIONS", "allowed": 30, "limit": 25}
    steps = [
        step("create", f"c-{n}", inputs(str(1000 + n), "active", "paused", guard_override=override))
        for n in range(2)
    ]
    comment = summarize(document(*steps, step("create", "c-9", inputs("1009", "active", "paused"))))

    assert (
        "> The blast-radius guard was overridden for this run: `OCAMBA_ALLOW_TRANSITIONS=30` "
        "allows 30 transitions, past the stack's limit of 25 (2 campaigns pass only by it)."
    ) in comment


def test_no_override_no_warning() -> None:
    assert "overridden" not in summarize(document(RESUME_NOW))


def test_values_unknown_in_preview_read_as_known_at_apply_not_as_the_engines_sentinel() -> None:
    unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"  # pulumi.runtime.rpc.UNKNOWN
    resume = step(
        "create", "later", inputs("1", "active", "paused", scheduled_time=unknown, name="Later")
    )
    pause = step(
        "create",
        "held",
        inputs("2", "paused", "running", pause_reason=unknown, drift="hold", hold_until=unknown),
    )

    rows = {row.campaign_id: row for row in read_preview(document(resume, pause)).rows}

    assert rows["1"].action == "resume at (known at apply)"
    assert rows["2"].action == "pause: (known at apply)"
    assert rows["2"].notes == "drift: hold; hold until: (known at apply)"
    assert unknown not in summarize(document(resume, pause))
