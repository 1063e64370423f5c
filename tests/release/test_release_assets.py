"""What release.yml attaches besides the wheel and the sdist, and the check it runs on all of
them before publishing: the same `python -m tools.ci.release_check`, on a local build."""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from ocamba_provider import __version__
from ocamba_provider.native.provider import schema_text
from tests.support.paths import ENGINE, REPO
from tests.support.release_build import build_dist
from tools import native_schema, nodejs_sdk
from tools.plugin_archive import build

CHECK = [sys.executable, "-m", "tools.ci.release_check"]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_dist(tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def assets(tmp_path_factory: pytest.TempPathFactory, dist: Path) -> Path:
    """The linux archive made from the release's own wheel, and the schema, as the job does."""
    folder = tmp_path_factory.mktemp("assets")
    build(folder, ("linux-amd64",), wheel_dir=dist)
    native_schema.write(folder)
    return folder


def test_the_schema_asset_is_what_the_provider_serves(assets: Path) -> None:
    asset = assets / f"pulumi-resource-ocamba-v{__version__}-schema.json"

    assert json.loads(asset.read_text()) == json.loads(schema_text())
    assert json.loads(asset.read_text())["version"] == __version__


def test_the_release_installs_and_previews_from_its_artifacts(dist: Path, assets: Path) -> None:
    done = subprocess.run(
        [*CHECK, "--dist", str(dist), "--assets", str(assets), "--engine", str(ENGINE)],
        cwd=REPO, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip

    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == [
        f"release_check: wheel ocamba_campaigns-{__version__}-py3-none-any.whl: "
        "ocamba-campaigns list read 1000248",
        f"release_check: plugin pulumi-resource-ocamba-v{__version__}-linux-amd64.tar.gz: "
        "schema and preview with a bare python3",
    ]


def test_the_check_fails_naming_a_missing_archive(dist: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [*CHECK, "--dist", str(dist), "--assets", str(tmp_path)],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip

    assert done.returncode == 1
    assert "expected one pulumi-resource-ocamba-v*-linux-amd64.tar.gz" in done.stderr


def test_the_nodejs_sdk_tarball_carries_the_version_and_compiled_javascript(
    tmp_path: Path,
) -> None:
    tarball = nodejs_sdk.pack(tmp_path)

    with tarfile.open(tarball) as archive:
        names = archive.getnames()
        package = json.load(archive.extractfile("package/package.json"))  # type: ignore[arg-type]
    assert tarball.name == f"ocamba-pulumi-ocamba-{__version__}.tgz"
    assert package["name"] == "@ocamba/pulumi-ocamba" and package["version"] == __version__
    assert {"package/index.js", "package/index.d.ts", "package/campaignRunState.js"} <= set(names)
