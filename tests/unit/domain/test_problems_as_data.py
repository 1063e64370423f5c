"""A problem is data, rendered in one place: nothing writes a status sentence by hand, nothing
reads one back, and an error row keeps whatever a campaign's name contains."""

from __future__ import annotations

import ast
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ocamba_provider.domain.naming import CAMEL
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.wording import render
from ocamba_provider.runstate.problems_file import record_problems
from ocamba_provider.summary import read_preview, read_problems, summarize
from ocamba_provider.summary.inert import inert
from tests.support.paths import PACKAGE

RENDERING = PACKAGE / "domain" / "wording"
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
TYPE = "pulumi-python:dynamic/ocamba:CampaignRunState"
HOSTILE = "Winter collection (draft) [2026] | last call (observed status: x) `tick` *star*"


def _literals(path: Path) -> list[str]:
    """The string constants of a module that are not docstrings (what it can write)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_module_outside_the_rendering_package_writes_observed_status() -> None:
    writers = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if not path.is_relative_to(RENDERING)
        and any("observed status" in text.lower() for text in _literals(path))
    ]

    assert writers == []


def test_the_rendering_package_is_where_the_words_are() -> None:
    # The check above would pass vacuously if the words had gone missing altogether.
    assert any("observed status" in text for text in _literals(RENDERING / "words.py"))


def _imports_re(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(alias.name == "re" for alias in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and node.module == "re":
            return True
    return False


def test_the_summary_reads_no_problem_text_with_a_regular_expression() -> None:
    # inert.py escapes text on its way out; context.py validates CI variables. Neither reads a
    # problem: every other module of the summary uses no regular expression at all.
    readers = {path.name for path in (PACKAGE / "summary").glob("*.py") if _imports_re(path)}

    assert readers <= {"inert.py", "context.py"}


def _draft(name: str) -> Problem:
    return Problem(Code.DRAFT, "campaign_id", "1000270", name, "draft", {"verb": "resumed"})


def _failed_document(resource: str) -> dict[str, object]:
    urn = f"urn:pulumi:production::ocamba-campaigns::{TYPE}::{resource}"
    message = (
        f"error: {TYPE} resource '{resource}': property campaign_id value {{1000270}} has a "
        f"problem: {render(_draft(HOSTILE))}\n"
    )
    return {
        "config": {},
        "steps": [],
        "diagnostics": [{"urn": urn, "severity": "error", "message": message}],
    }


def test_an_error_row_keeps_a_hostile_name_and_the_desired_state_intact(tmp_path: Path) -> None:
    problems = tmp_path / "problems.jsonl"
    declared = {"campaign_id": "1000270", "state": "active"}
    record_problems("winter", declared, [_draft(HOSTILE)], {"OCAMBA_PROBLEMS_FILE": str(problems)})
    failed = read_problems(problems.read_text().splitlines())

    (row,) = read_preview(_failed_document("winter"), NOW, failed).rows
    text = summarize(_failed_document("winter"), now=NOW, failed=failed)

    assert (row.campaign_id, row.name, row.observed, row.desired) == (
        "1000270",
        HOSTILE,
        "draft",
        "active",
    )
    assert row.action == "error: " + render(_draft(HOSTILE))
    assert f"| 1000270 | {inert(HOSTILE)} | draft | active | **error**" in text


def test_without_the_problems_file_the_row_shows_the_message_and_guesses_nothing() -> None:
    (row,) = read_preview(_failed_document("winter"), NOW).rows

    assert (row.campaign_id, row.name, row.observed) == ("winter", "", "")
    assert row.action == "error: " + render(_draft(HOSTILE))


def test_a_problem_survives_its_record_nested_problems_included() -> None:
    inner = _draft(HOSTILE)
    outer = Problem(
        Code.REMOVAL_REFUSED, "on_delete", "1", params={"on_delete": "pause", "because": inner}
    )

    assert Problem.from_record(json.loads(json.dumps(outer.record()))) == outer


@pytest.mark.parametrize("code", list(Code))
def test_every_code_has_its_sentence(code: Code) -> None:
    problem = Problem(code, "state", "1", "x", "paused", _PARAMS.get(code, {}))

    assert render(problem)
    assert render(problem, CAMEL)


_PARAMS: dict[Code, dict[str, object]] = {
    Code.UNKNOWN_DESIRED: {"desired": "on"},
    Code.DRAFT: {"verb": "resumed"},
    Code.UNKNOWN_STATUS: {"status": "archived"},
    Code.GUARD: {"count": 2, "limit": 1, "override": None, "variable": "V", "planned": []},
    Code.RESCHEDULE_TOO_LATE: {"from": "2030-06-01 09:00:00", "time": "T", "settle": 30.0},
    Code.RESCHEDULE_MISREAD: {"time": "2031-01-01 09:00:00", "read": "2031-01-01 10:00:00"},
    Code.RESCHEDULE_HALFWAY: {"time": "T", "from": "F", "error": "e", "safe_from": "S"},
    Code.RESCHEDULE_UNCONFIRMED: {"time": "T", "from": "F"},
    Code.REMOVAL_REFUSED: {"on_delete": "pause", "because": "x"},
    Code.NOT_IMPORTABLE: {"because": "x"},
    Code.LISTED_FLIGHT_OTHERWISE: {"key": "active_until", "declared": None, "listed": "T"},
}
