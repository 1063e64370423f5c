"""The package from another repository: a built wheel in a fresh venv, used by a Pulumi
project elsewhere with its own project name, runs preview and up.

The engine's two helper plugins are written for the fresh venv (the ones `make setup` put on
.venv/bin run .venv's Python, whose editable install would hide a broken wheel), so the
program and the dynamic provider both import the package from the wheel. Needs the package
registry once, for the wheel's dependencies.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ocamba_provider.emulator import Emulator
from tests.support.engine_stacks import PASSPHRASE, TOKEN
from tests.support.ledger import applied_actions
from tests.support.paths import ENGINE, REPO
from tools.local_engine import local_engine_env

PROGRAM = """\
import ocamba_provider
import pulumi
from ocamba_provider import CampaignRunState, run_states

sale = CampaignRunState("spring-sale", campaign_id="4000001", state="active", run_immediately=True)
pulumi.export("campaigns", run_states([sale]))
pulumi.export("package_file", ocamba_provider.__file__)
"""


def _run(*args: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], check=True, capture_output=True, text=True, timeout=600, **kwargs
    )  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv holding only the built wheel and its dependencies."""
    root = tmp_path_factory.mktemp("wheel")
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", REPO, "-w", root / "dist")
    (wheel,) = (root / "dist").glob("ocamba_campaigns-*.whl")
    venv = root / "venv"
    _run(sys.executable, "-m", "venv", venv)
    _run(venv / "bin" / "pip", "install", "-q", "--disable-pip-version-check", wheel)
    return venv


@pytest.fixture
def other_repository(tmp_path: Path, fresh_venv: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """A project named marketing-ops in its own directory, and the environment to run it."""
    project = tmp_path / "marketing-ops"
    project.mkdir()
    (project / "Pulumi.yaml").write_text(
        f"name: marketing-ops\nruntime:\n  name: python\n  options:\n    virtualenv: {fresh_venv}\n"
    )
    (project / "__main__.py").write_text(PROGRAM)
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    python = fresh_venv / "bin" / "python"
    scripts = {
        "pulumi-language-python": f'exec "{python}" -u "{REPO}/tools/pulumi_language_host.py" "$@"',
        "pulumi-resource-pulumi-python": f'exec "{python}" -u -m pulumi.dynamic "$@"',
    }
    for name, line in scripts.items():
        (plugins / name).write_text(f"#!/bin/sh\n{line}\n")
        (plugins / name).chmod(0o755)
    (plugins / "pulumi").symlink_to(ENGINE)
    env = {
        **os.environ,
        **local_engine_env(tmp_path / "state", PASSPHRASE),
        "PULUMI_HOME": str(tmp_path / "pulumi-home"),
        "PATH": f"{plugins}{os.pathsep}/usr/bin{os.pathsep}/bin",
    }
    (tmp_path / "state").mkdir()
    yield project, env


def test_a_wheel_installed_elsewhere_previews_and_applies(
    other_repository: tuple[Path, dict[str, str]], fresh_venv: Path
) -> None:
    project, env = other_repository
    with Emulator(token=TOKEN) as hood:
        hood.control.seed([{"id": "4000001", "name": "Spring sale", "status": "paused"}])

        def pulumi(*args: str) -> subprocess.CompletedProcess[str]:
            return _run("pulumi", *args, "--non-interactive", cwd=project, env=env)

        pulumi("stack", "init", "dev")
        pulumi("config", "set", "ocamba:apiUrl", hood.url)
        pulumi("config", "set", "--secret", "ocamba:apiToken", TOKEN)
        pulumi("preview")
        assert applied_actions(hood) == []
        pulumi("up", "--yes")
        outputs = pulumi("stack", "output", "--json", "--show-secrets").stdout
        assert applied_actions(hood) == [("4000001", "resume")]

    assert '"last_action": "resumed"' in outputs
    assert str(fresh_venv) in outputs  # the program imported the wheel, not this checkout


def test_the_wheel_installs_the_campaigns_command(fresh_venv: Path) -> None:
    done = _run(fresh_venv / "bin" / "ocamba-campaigns", "--help")

    assert "list" in done.stdout
