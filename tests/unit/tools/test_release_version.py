"""The release tag, `__version__` and the changelog must agree before anything is published."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocamba_provider import __version__
from tools.ci.release_version import ReleaseMismatch, check_release, main, package_version


def tree(tmp_path: Path, version: str, changelog: str) -> Path:
    (tmp_path / "ocamba_provider").mkdir()
    (tmp_path / "ocamba_provider" / "_version.py").write_text(f'__version__ = "{version}"\n')
    (tmp_path / "CHANGELOG.md").write_text(changelog)
    return tmp_path


def test_the_repositorys_own_version_has_its_changelog_section() -> None:
    assert package_version() == __version__
    assert check_release(f"v{__version__}") == __version__


def test_a_tag_that_is_not_the_version_is_refused(tmp_path: Path) -> None:
    root = tree(tmp_path, "0.2.0", "## 0.2.0 - 2026-12-01\n")

    with pytest.raises(
        ReleaseMismatch,
        match=r"^tag v0\.2\.1 does not match the package version 0\.2\.0 \(v0\.2\.0\)$",
    ):
        check_release("v0.2.1", root)


def test_a_version_without_its_changelog_section_is_refused(tmp_path: Path) -> None:
    root = tree(tmp_path, "0.2.0", "## Unreleased\n\n## 0.1.0 - 2026-11-30\n")

    with pytest.raises(
        ReleaseMismatch, match=r"^CHANGELOG\.md has no section '## 0\.2\.0 - YYYY-MM-DD'$"
    ):
        check_release("v0.2.0", root)


def test_main_says_what_it_releases(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([f"v{__version__}"]) == 0
    assert capsys.readouterr().out == f"release_version: releasing {__version__}\n"
    assert main(["v0.0.0-nope"]) == 1
