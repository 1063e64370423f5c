"""The Pulumi SDK range: pyproject.toml admits it, two constraints files pin its ends, the
runtime lock and the default venv sit at the newest end, and the tier runs on one of them."""

from __future__ import annotations

import re
from importlib.metadata import version

from packaging.version import Version

from tests.support.adapters import ADAPTERS
from tests.support.paths import REPO
from tests.support.sdk_range import NEWEST, OLDEST, pinned, sdk_requirement
from tools.compat import TIERS


def test_the_requirements_lower_bound_is_the_oldest_end() -> None:
    lower = [s.version for s in sdk_requirement().specifier if s.operator == ">="]

    assert [Version(v) for v in lower] == [pinned(OLDEST)]


def test_both_ends_are_inside_the_range_and_the_next_major_is_not() -> None:
    specifier = sdk_requirement().specifier

    assert specifier.contains(pinned(OLDEST)) and specifier.contains(pinned(NEWEST))
    assert pinned(OLDEST) < pinned(NEWEST)
    assert not specifier.contains("4.0.0")


def test_the_runtime_lock_holds_the_newest_end() -> None:
    lock = (REPO / "requirements" / "runtime.txt").read_text()

    assert re.findall(r"^pulumi==(\S+) \\$", lock, re.MULTILINE) == [str(pinned(NEWEST))]


def test_make_lock_and_make_setup_resolve_with_the_newest_end() -> None:
    makefile = (REPO / "Makefile").read_text()
    setup = (REPO / "tools" / "setup.sh").read_text()

    assert "--constraint requirements/sdk-newest.txt" in makefile
    assert "requirements/sdk-newest.txt" in setup and '-c "$constraints"' in setup


def test_the_tiers_run_on_one_end_of_the_range() -> None:
    installed = Version(version("pulumi"))

    assert installed in (pinned(OLDEST), pinned(NEWEST)), f"pulumi {installed} installed"


def test_ci_runs_the_compatibility_tier_after_make_check() -> None:
    steps = [
        line.split("<")[0].strip()
        for line in (REPO / ".ci" / "run").read_text().splitlines()
        if line.startswith("make ")
    ]
    makefile = (REPO / "Makefile").read_text()

    assert steps == ["make check", "make test-compat"]
    assert "test-compat: setup\n\t@$(BIN)/python -m tools.compat\n" in makefile


def test_the_compatibility_e2e_subset_covers_the_steps_the_range_promises() -> None:
    # preview, up, refresh and the YAML program (test_campaign_run_state.py runs each step on
    # both adapters, the native one from examples/yaml), and import.
    assert TIERS["unit"] == ["tests/unit"]
    assert TIERS["e2e"] == [
        "tests/e2e/test_campaign_run_state.py",
        "tests/e2e/test_native_import.py",
    ]
    steps = (REPO / "tests" / "e2e" / "test_campaign_run_state.py").read_text()
    assert all(f"def test_{n}_" in steps for n in range(1, 4)), "ordered steps went missing"
    for word in ("preview", "up", "refresh"):
        assert re.search(rf"def test_\d+_\w*{word}", steps), word
    # Each step on both adapters: the native one runs the YAML program.
    assert "adapter_kind: str" in steps and ADAPTERS == ("dynamic", "native")
