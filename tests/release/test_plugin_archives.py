"""The plugin archive of a platform we cannot run here: darwin-arm64, built as release.yml
builds it, checked by the platform tags of the wheels its PEX carries."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocamba_provider import __version__
from tests.support.plugin_archives import binary_tags, members, pex_wheels, projects_by_interpreter
from tools.plugin_archive import build
from tools.plugin_platforms import PLATFORMS


@pytest.fixture(scope="module")
def darwin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    (path,) = build(tmp_path_factory.mktemp("dist"), ("darwin-arm64",))
    return path


def test_the_darwin_archive_is_named_for_its_platform_and_holds_launcher_and_pex(
    darwin: Path,
) -> None:
    assert darwin.name == f"pulumi-resource-ocamba-v{__version__}-darwin-arm64.tar.gz"
    assert members(darwin) == {"pulumi-resource-ocamba": 0o755, "ocamba.pex": 0o644}


def test_every_binary_wheel_runs_on_apple_silicon(darwin: Path) -> None:
    found = binary_tags(pex_wheels(darwin))

    assert found, "no binary wheel at all: the platform was not applied"
    for wheel, tags in found.items():
        assert all(t.platform.startswith("macosx_") for t in tags), wheel
        assert all(t.platform.endswith(("_arm64", "_universal2")) for t in tags), wheel


def test_each_carried_cpython_has_every_binary_dependency(darwin: Path) -> None:
    by_abi = projects_by_interpreter(pex_wheels(darwin))

    assert set(by_abi) - {"abi3"} == {"cp311", "cp312", "cp313"}
    assert by_abi["cp311"] == by_abi["cp312"] == by_abi["cp313"] >= {"grpcio", "pyyaml"}


def test_apple_silicon_accepts_universal2_wheels_built_for_older_macos() -> None:
    tags = PLATFORMS["darwin-arm64"].compatible_tags("3.11")

    assert tags[0] == "cp311-cp311-macosx_11_0_arm64"
    assert "cp311-cp311-macosx_10_9_universal2" in tags
    assert not [t for t in tags if t.endswith("x86_64")]
