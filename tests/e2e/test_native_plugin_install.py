"""The plugin archive is self-contained: installed the way Pulumi providers are, it runs the YAML
example with a bare `python3`, one that does not have the ocamba-campaigns package.

`pulumi plugin install resource ocamba <version> --file <archive>` into a Pulumi home with no
plugin in it; ambient (PATH) plugins are ignored, and the PATH holds nothing but a bare venv,
so the engine can only be using the installed plugin, and the plugin only its own PEX.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ocamba_provider import __version__
from ocamba_provider.emulator import Emulator
from tests.support.engine_stacks import TOKEN
from tests.support.ledger import applied_actions
from tests.support.plugin_archives import binary_tags, members, pex_wheels, projects_by_interpreter
from tests.support.yaml_stack import YamlStack
from tools.plugin_archive import build

A = "1000248"
CARRIED = {"cp311", "cp312", "cp313"}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    (path,) = build(tmp_path_factory.mktemp("dist"), ("linux-amd64",))
    return path


@pytest.fixture(scope="module")
def bare_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv of the same CPython with nothing installed: no ocamba-campaigns, no pulumi."""
    venv = tmp_path_factory.mktemp("bare") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    return venv


@pytest.fixture
def installed(
    tmp_path: Path, module_emulator: Emulator, archive: Path, bare_venv: Path
) -> YamlStack:
    module_emulator.control.seed([{"id": A, "name": "Spring sale", "status": "paused"}])
    stack = YamlStack(tmp_path / "stack", module_emulator.url, TOKEN)
    stack.declare({"spring-sale": {"campaignId": A, "state": "active", "runImmediately": True}})
    home = Path(stack.env["PULUMI_HOME"])
    assert not (home / "plugins").exists(), "the Pulumi home must start without plugins"
    stack.env |= {
        "PATH": str(bare_venv / "bin"),
        "PULUMI_IGNORE_AMBIENT_PLUGINS": "true",
        "PEX_ROOT": str(tmp_path / "pex-root"),  # the first start of a new install
    }
    stack.cli(
        "plugin", "install", "resource", "ocamba", __version__, "--file", str(archive),
        on_stack=False,
    )  # fmt: skip
    return stack


def test_the_archive_holds_a_launcher_and_a_pex_for_three_cpython_abis(archive: Path) -> None:
    wheels = pex_wheels(archive)

    assert archive.name == f"pulumi-resource-ocamba-v{__version__}-linux-amd64.tar.gz"
    assert members(archive) == {"pulumi-resource-ocamba": 0o755, "ocamba.pex": 0o644}
    assert f"ocamba_campaigns-{__version__}-py3-none-any.whl" in wheels
    assert {w.split("-")[0] for w in wheels} >= {"pulumi", "grpcio", "requests", "jsonschema"}
    assert not [w for w in wheels if w.startswith(("debugpy", "setuptools", "wheel-"))]
    by_abi = projects_by_interpreter(wheels)
    assert set(by_abi) - {"abi3"} == CARRIED
    assert by_abi["cp311"] == by_abi["cp312"] == by_abi["cp313"] >= {"grpcio", "pyyaml"}
    for tags in binary_tags(wheels).values():
        assert all("linux" in t.platform and t.platform.endswith("x86_64") for t in tags), tags


def test_the_bare_python_lacks_the_package(bare_venv: Path) -> None:
    done = subprocess.run(
        [str(bare_venv / "bin" / "python3"), "-c", "import ocamba_provider"],
        cwd=bare_venv,  # not this checkout, which `-c` would put on sys.path
        capture_output=True, text=True, check=False,
    )  # fmt: skip

    assert "No module named 'ocamba_provider'" in done.stderr


def test_the_installed_plugin_previews_and_applies_the_yaml_example(
    installed: YamlStack, module_emulator: Emulator
) -> None:
    plugin = Path(installed.env["PULUMI_HOME"]) / "plugins" / f"resource-ocamba-v{__version__}"
    assert sorted(p.name for p in plugin.iterdir() if not p.name.startswith(".")) == [
        "ocamba.pex",
        "pulumi-resource-ocamba",
    ]

    schema = installed.cli("package", "get-schema", "ocamba", on_stack=False)
    preview = installed.cli("preview", "--diff", "--non-interactive")
    up = installed.cli("up", "--yes", "--non-interactive")

    assert '"ocamba:index:CampaignRunState"' in schema.stdout
    assert 'observedStatus: "paused"' in preview.stdout
    output = preview.stdout + preview.stderr + up.stdout + up.stderr
    assert "from $PATH" not in output and "Traceback" not in output
    assert applied_actions(module_emulator) == [(A, "resume")]
