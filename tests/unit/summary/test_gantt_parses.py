"""The comment's gantt block parses with Mermaid's own parser (tools/mermaid, pinned, run by
Node.js): GitHub shows a block that does not parse as an error box in the pull request.

`make setup` installs the parser; without Node.js and it, this test fails and says so.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ocamba_provider.summary import summarize
from tests.support.preview_documents import document, inputs, step

PARSER = Path(__file__).parents[3] / "tools" / "mermaid"
NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
NAMES = [
    "Weekday push",
    "two lines\n    window 2026-11-23",
    "Sale: 50%; #1 @team",
    "Ünïcode — ok (x) / y+z",
    "```",
    "a" * 300,
]


def parse(diagram: str) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None or not (PARSER / "node_modules" / "mermaid").is_dir():
        pytest.fail("Mermaid's parser is not installed: run `make setup` (needs Node.js and npm)")
    return subprocess.run(
        [node, str(PARSER / "parse.mjs")],
        input=diagram,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def gantt_of(text: str) -> str:
    return text.split("```mermaid\n", 1)[1].split("\n```", 1)[0]


def test_the_parser_refuses_a_broken_gantt() -> None:
    # The witness can fail: a task line without its colon is not a gantt.
    found = parse("gantt\n    dateFormat YYYY-MM-DD HH:mm\n    section A\n    window 2026-11-23\n")

    assert found.returncode == 1
    assert "Parse error" in found.stderr


def test_the_comments_gantt_parses_whatever_the_names() -> None:
    steps = [
        step(
            "create",
            f"c{index}",
            inputs(
                str(1000248 + index),
                "active",
                "paused",
                name=name,
                active_from="2026-11-22 23:00:00",
                time_zone="Europe/Belgrade",
                windows=[{"rrule": "FREQ=DAILY;BYHOUR=9;BYMINUTE=0", "duration": "PT9H"}],
            ),
        )
        for index, name in enumerate(NAMES)
    ]
    freezes = [
        {"name": "black-friday", "from": "2026-11-27 00:00:00", "until": "2026-11-30 23:59:00"},
        {"name": "sunday: #quiet", "rrule": "FREQ=WEEKLY;BYDAY=SU", "duration": "P1D"},
    ]
    text = summarize(document(*steps, config={"ocamba:freezes": json.dumps(freezes)}), now=NOW)

    found = parse(gantt_of(text))

    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "gantt"
