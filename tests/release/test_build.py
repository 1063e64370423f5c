"""What `release.yml` publishes: an sdist and a wheel that another repository can install.

Builds both exactly as the workflow does (`python -m build --no-isolation`, from a copy of the
tracked files so the work tree's caches and eggs stay out), then reads the archives.
"""

from __future__ import annotations

import tarfile
import zipfile
from pathlib import Path

import pytest

from ocamba_provider import __version__
from tests.support.paths import REPO
from tests.support.release_build import build_dist

BUILD_LOG: list[str] = []
"""What the build printed, for the deprecation check."""
SCHEMAS = sorted(path.name for path in (REPO / "ocamba_provider" / "schemas").glob("*.json"))


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_dist(tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("dist"), BUILD_LOG)


def test_the_build_makes_one_sdist_and_one_wheel_named_after_the_version(dist: Path) -> None:
    assert sorted(path.name for path in dist.iterdir()) == [
        f"ocamba_campaigns-{__version__}-py3-none-any.whl",
        f"ocamba_campaigns-{__version__}.tar.gz",
    ]


def test_the_wheel_holds_the_schemas_and_the_type_marker(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()

    assert SCHEMAS, "no schemas in the source tree"
    assert (
        sorted(
            n.rsplit("/", 1)[1]
            for n in names
            if n.startswith("ocamba_provider/schemas/") and n.endswith(".json")
        )
        == SCHEMAS
    )
    assert "ocamba_provider/py.typed" in names


def test_the_wheel_holds_no_tests_tools_or_stacks(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    top = {name.split("/", 1)[0] for name in zipfile.ZipFile(wheel).namelist()}

    assert top == {"ocamba_provider", f"ocamba_campaigns-{__version__}.dist-info"}


def test_the_wheel_metadata_carries_the_single_sourced_version(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    metadata = zipfile.ZipFile(wheel).read(f"ocamba_campaigns-{__version__}.dist-info/METADATA")

    assert f"\nVersion: {__version__}\n" in metadata.decode()


def test_the_sdist_holds_the_package_and_its_schemas(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    root = f"ocamba_campaigns-{__version__}"

    assert f"{root}/pyproject.toml" in names
    assert {f"{root}/ocamba_provider/schemas/{name}" for name in SCHEMAS} <= set(names)


def test_the_build_warns_of_nothing_deprecated(dist: Path) -> None:
    # setuptools stops building a `project.license` TOML table in February 2027.
    assert BUILD_LOG
    assert "deprecated" not in BUILD_LOG[0].lower()
