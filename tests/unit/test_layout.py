"""The package's rooms stay small: one reason to change per file."""

from __future__ import annotations

from tests.support.paths import PACKAGE

MAX_LINES = 300
"""Past this a file is usually two files: one reason to change per file."""


def test_no_package_file_is_over_300_lines() -> None:
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }

    assert long == {}


def test_the_run_state_core_is_a_room_of_its_own_with_an_entry_point() -> None:
    core = PACKAGE / "runstate"

    assert (core / "core.py").is_file()
    assert {path.stem for path in core.glob("*.py")} >= {
        "core",
        "transition",
        "session",
        "whole_run",
        "audit",
        "outputs",
        "results",
    }
