"""Pulumi's unit-test mocks: several tests of one file may declare the same campaign."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

USER_TESTS = Path(__file__).parent / "mocked" / "user_tests.py"


def test_two_mock_tests_declaring_the_same_campaign_both_pass() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", str(USER_TESTS), "-q", "-p", "no:cacheprovider"],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout
