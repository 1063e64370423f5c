"""The comment's last line: which commit, which run, what time (GMT)."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from ocamba_provider.summary import COMMENT_LIMIT
from ocamba_provider.summary.__main__ import comment_for, main
from ocamba_provider.summary.context import RunContext, from_environment
from tests.support.preview_documents import RESUME_NOW, document, many_campaigns

NOW = datetime(2026, 11, 26, 14, 0, 5, tzinfo=timezone(timedelta(hours=1)))
ACTIONS = {
    "GITHUB_ACTIONS": "true",
    "GITHUB_SHA": "0123456789abcdef0123456789abcdef01234567",
    "GITHUB_SERVER_URL": "https://github.com",
    "GITHUB_REPOSITORY": "acme/campaigns",
    "GITHUB_RUN_ID": "4242",
    "GITHUB_RUN_ATTEMPT": "1",
}


def test_outside_github_actions_there_is_no_context() -> None:
    assert from_environment({"GITHUB_SHA": ACTIONS["GITHUB_SHA"]}, NOW) is None


def test_the_line_names_commit_run_and_gmt_time() -> None:
    context = from_environment(ACTIONS, NOW)

    assert context is not None
    assert context.line() == (
        "_Commit `0123456789ab` · [run 4242](https://github.com/acme/campaigns/actions/runs/4242)"
        " · 2026-11-26 13:00:05 GMT_"
    )


def test_a_pull_requests_head_replaces_the_merge_commit() -> None:
    env = {**ACTIONS, "OCAMBA_SUMMARY_COMMIT": "fedcba9876543210fedcba9876543210fedcba98"}

    context = from_environment(env, NOW)

    assert context is not None and context.commit.startswith("fedcba98")


def test_a_rerun_links_its_own_attempt() -> None:
    context = from_environment({**ACTIONS, "GITHUB_RUN_ATTEMPT": "3"}, NOW)

    assert context is not None
    assert context.run_url.endswith("/actions/runs/4242/attempts/3")
    assert context.run_label == "run 4242, attempt 3"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("GITHUB_SERVER_URL", "javascript:alert(1)"),
        ("GITHUB_REPOSITORY", "acme/x) [y](https://evil.example"),
        ("GITHUB_RUN_ID", "42)"),
    ],
)
def test_a_value_of_the_wrong_shape_leaves_the_link_out(variable: str, value: str) -> None:
    context = from_environment({**ACTIONS, variable: value}, NOW)

    assert context == RunContext(at=NOW, commit=ACTIONS["GITHUB_SHA"])
    assert "](" not in context.line()


def test_the_footer_keeps_the_comment_under_githubs_limit() -> None:
    context = from_environment(ACTIONS, NOW)

    text = comment_for(json.dumps(many_campaigns(resumes=3_000, unchanged=0)), context)

    assert len(text) < COMMENT_LIMIT
    assert text.endswith(" · 2026-11-26 13:00:05 GMT_\n")


def test_an_unreadable_preview_still_says_when() -> None:
    text = comment_for("", RunContext(at=NOW))

    assert text.endswith("\n_2026-11-26 13:00:05 GMT_\n")


def test_main_adds_the_footer_in_github_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in ACTIONS.items():
        monkeypatch.setenv(name, value)
    preview = tmp_path / "preview.json"
    preview.write_text(json.dumps(document(RESUME_NOW)))
    comment = tmp_path / "comment.md"

    assert main([str(preview), "--output", str(comment)]) == 0
    last = comment.read_text().splitlines()[-1]
    assert last.startswith("_Commit `0123456789ab` · [run 4242](")
    assert re.search(r" · \d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT_$", last)
