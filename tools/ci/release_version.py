"""python -m tools.ci.release_version vX.Y.Z: refuse a release tag that the sources do not match.

The version has one source, `__version__` in ocamba_provider/_version.py (pyproject.toml reads
it); the tag must name it, and CHANGELOG.md must have its section (`## X.Y.Z - YYYY-MM-DD`), so
what `pip install ocamba-campaigns==X.Y.Z` brings is the code and the notes of that tag. Reads
the files as text: the release job has not installed the package.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final

REPO: Final = Path(__file__).resolve().parents[2]
_VERSION: Final = re.compile(r'^__version__ = "([^"]+)"$', re.MULTILINE)


class ReleaseMismatch(Exception):
    """The tag, the package version and the changelog do not agree."""


def package_version(root: Path = REPO) -> str:
    """`__version__` of ocamba_provider, read without importing it."""
    found = _VERSION.search((root / "ocamba_provider" / "_version.py").read_text())
    if not found:
        raise ReleaseMismatch('ocamba_provider/_version.py has no __version__ = "..." line')
    return found.group(1)


def check_release(tag: str, root: Path = REPO) -> str:
    """The version `tag` releases.

    Raises:
        ReleaseMismatch: the tag is not v<version>, or the changelog has no section for it.
    """
    version = package_version(root)
    if tag != f"v{version}":
        raise ReleaseMismatch(
            f"tag {tag} does not match the package version {version} (v{version})"
        )
    heading = re.compile(rf"^## {re.escape(version)} - \d{{4}}-\d\d-\d\d$", re.MULTILINE)
    if not heading.search((root / "CHANGELOG.md").read_text()):
        raise ReleaseMismatch(f"CHANGELOG.md has no section '## {version} - YYYY-MM-DD'")
    return version


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m tools.ci.release_version vX.Y.Z", file=sys.stderr)
        return 2
    try:
        version = check_release(args[0])
    except ReleaseMismatch as error:
        print(f"release_version: {error}", file=sys.stderr)
        return 1
    print(f"release_version: releasing {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
