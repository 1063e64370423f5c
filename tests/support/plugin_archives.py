"""Reading a plugin archive of tools/plugin_archive.py: its members and the wheels its PEX holds."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from pathlib import Path

from packaging.tags import Tag
from packaging.utils import parse_wheel_filename


def members(archive: Path) -> dict[str, int]:
    """Each member's name and mode."""
    with tarfile.open(archive) as tar:
        return {member.name: member.mode for member in tar.getmembers()}


def pex_wheels(archive: Path) -> list[str]:
    """The file names of every wheel the archive's PEX carries (its PEX-INFO)."""
    with tarfile.open(archive) as tar:
        pex = tar.extractfile("ocamba.pex")
        assert pex is not None
        data = pex.read()
    info = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("PEX-INFO"))
    return sorted(info["distributions"])


def binary_tags(wheels: list[str]) -> dict[str, list[Tag]]:
    """The tags of each wheel built for a platform (not `any`), by wheel file name."""
    found = {}
    for wheel in wheels:
        _, _, _, tags = parse_wheel_filename(wheel)
        if any(tag.platform != "any" for tag in tags):
            found[wheel] = sorted(tags, key=str)
    return found


def projects_by_interpreter(wheels: list[str]) -> dict[str, set[str]]:
    """For each CPython ABI tag (cp311...), the projects that carry a binary wheel for it."""
    found: dict[str, set[str]] = {}
    for wheel in binary_tags(wheels):
        name, _, _, tags = parse_wheel_filename(wheel)
        for tag in tags:
            found.setdefault(tag.abi, set()).add(str(name))
    return found
