"""The platforms a plugin archive is built for, described for pip and for pex.

pex takes a foreign platform either abbreviated (`macosx_11_0_arm64-cp-311-cp311`), which
matches only that exact platform tag, or complete: the marker environment and every tag the
platform's interpreter accepts, which is what `pex3 interpreter inspect --markers --tags` prints
on that machine. We cannot run a Mac here, so the complete platform is written from the same
rules that machine's `packaging` would apply: on arm64 from macOS 11, every arm64 tag from
11.0 up and every universal2 tag from 10.4 up (a universal2 wheel built for 10.x runs there).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from packaging import tags

PYTHONS = ("3.11", "3.12", "3.13")
"""The CPython versions every archive carries wheels for (grpcio ships one per ABI)."""


@dataclass(frozen=True)
class Platform:
    """A Pulumi plugin platform (`<os>-<arch>`) and its Python platform tags, best first."""

    name: str
    platform_tags: tuple[str, ...]
    sys_platform: str
    platform_system: str
    platform_machine: str

    def compatible_tags(self, python: str) -> list[str]:
        """Every wheel tag CPython `python` on this platform accepts, best first."""
        version = tuple(int(part) for part in python.split("."))
        abi = "cp" + "".join(python.split("."))
        found = [
            *tags.cpython_tags(version, [abi], self.platform_tags),
            *tags.compatible_tags(version, abi, self.platform_tags),
        ]
        return [str(tag) for tag in found]

    def complete_platform(self, python: str) -> dict[str, object]:
        """What `pex3 interpreter inspect --markers --tags` would print on this platform."""
        markers = {
            "implementation_name": "cpython",
            "implementation_version": f"{python}.0",
            "os_name": "posix",
            "platform_machine": self.platform_machine,
            "platform_python_implementation": "CPython",
            "platform_release": "",
            "platform_system": self.platform_system,
            "platform_version": "",
            "python_full_version": f"{python}.0",
            "python_version": python,
            "sys_platform": self.sys_platform,
        }
        return {"marker_environment": markers, "compatible_tags": self.compatible_tags(python)}

    def write_complete_platforms(self, folder: Path) -> list[Path]:
        """One complete-platform file per carried Python, for pex's --complete-platform."""
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for python in PYTHONS:
            path = folder / f"{self.name}-cp{''.join(python.split('.'))}.json"
            path.write_text(json.dumps(self.complete_platform(python), indent=1))
            written.append(path)
        return written


def _manylinux_2014_x86_64() -> tuple[str, ...]:
    # glibc 2.17 (manylinux2014) and every older manylinux, newest first, with legacy aliases.
    found: list[str] = []
    for minor in range(17, 4, -1):
        found.append(f"manylinux_2_{minor}_x86_64")
        alias = {17: "manylinux2014", 12: "manylinux2010", 5: "manylinux1"}.get(minor)
        if alias:
            found.append(f"{alias}_x86_64")
    return tuple(found)


PLATFORMS = {
    "linux-amd64": Platform("linux-amd64", _manylinux_2014_x86_64(), "linux", "Linux", "x86_64"),
    "darwin-arm64": Platform(
        "darwin-arm64", tuple(tags.mac_platforms((11, 0), "arm64")), "darwin", "Darwin", "arm64"
    ),
}
