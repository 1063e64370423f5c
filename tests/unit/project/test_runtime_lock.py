"""requirements/runtime.txt: what the token-holding CI jobs install, every file pinned by hash.

`make lock` regenerates it; these tests fail when it no longer matches pyproject.toml's
runtime dependencies, or when a dev tool slips into it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.support.paths import REPO

LOCKS = {
    "runtime": REPO / "requirements" / "runtime.txt",
    "release": REPO / "requirements" / "release.txt",
}
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
_PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", re.MULTILINE)


def pins(lock: Path) -> dict[str, Version]:
    return {canonicalize_name(name): Version(v) for name, v in _PIN.findall(lock.read_text())}


def entries(lock: Path) -> list[str]:
    """Each requirement with its continuation lines, comments dropped."""
    text = "\n".join(
        line for line in lock.read_text().splitlines() if not line.strip().startswith("#")
    )
    return [entry for entry in re.split(r"\n(?=\S)", text.strip()) if entry.strip()]


def test_every_runtime_dependency_is_locked_within_its_range() -> None:
    locked = pins(LOCKS["runtime"])

    for raw in PROJECT["dependencies"]:
        requirement = Requirement(raw)
        version = locked[canonicalize_name(requirement.name)]
        assert requirement.specifier.contains(version), f"{requirement} locked at {version}"


def test_every_locked_requirement_carries_a_hash() -> None:
    for name, lock in LOCKS.items():
        for entry in entries(lock):
            assert "==" in entry and "--hash=sha256:" in entry, f"{name}: {entry[:60]}"


def test_the_build_backend_is_locked_so_setup_needs_no_build_isolation() -> None:
    locked = pins(LOCKS["runtime"])

    assert {"setuptools", "wheel"} <= set(locked)
    assert locked["setuptools"] >= Version("68")


def test_no_dev_tool_is_in_the_runtime_lock() -> None:
    dev = {canonicalize_name(Requirement(r).name) for r in PROJECT["optional-dependencies"]["dev"]}
    runtime = {canonicalize_name(Requirement(raw).name) for raw in PROJECT["dependencies"]}
    # The build backend is in both: dev builds the release, the lock installs without isolation.
    allowed = runtime | {"ocamba-campaigns", "setuptools", "wheel"}

    assert set(pins(LOCKS["runtime"])) & (dev - allowed) == set()
    assert {"pytest", "mypy", "ruff", "matplotlib", "hypothesis"} <= dev


def test_the_lock_points_at_no_local_index_or_wheel_folder() -> None:
    for lock in LOCKS.values():
        assert not re.search(r"^--(?:find-links|index-url|extra-index-url)", lock.read_text(), re.M)
