"""The supported Pulumi SDK range: pyproject.toml's requirement and the two pinned ends.

requirements/sdk-oldest.txt and requirements/sdk-newest.txt each pin one `pulumi==X.Y.Z`: the
versions `make test-compat` installs (and `make setup` the newest). docs/compatibility.md says
how they move.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

from tests.support.paths import REPO

OLDEST = REPO / "requirements" / "sdk-oldest.txt"
NEWEST = REPO / "requirements" / "sdk-newest.txt"


def pinned(constraints: Path) -> Version:
    """The one `pulumi==` version a constraints file pins."""
    (found,) = re.findall(r"^pulumi==(\S+)\s*$", constraints.read_text(), re.MULTILINE)
    return Version(found)


def sdk_requirement() -> Requirement:
    """pyproject.toml's requirement on the Pulumi SDK."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    (pulumi,) = [Requirement(r) for r in project["dependencies"] if Requirement(r).name == "pulumi"]
    return pulumi


def supported_range() -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(oldest, newest) as release tuples, the form sdk_workarounds compares."""
    return pinned(OLDEST).release, pinned(NEWEST).release
