"""The plugin archive's launcher: it runs the PEX with a carried CPython from the PATH, and says
plainly what it needs when there is none (tools/plugin_archive.py).

The launcher runs here beside a stand-in `ocamba.pex` that prints how it was started, with a
PATH made for each test: only the interpreters the test puts there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools.plugin_archive import LAUNCHER_NAME, PEX_NAME, launcher_text
from tools.plugin_platforms import PYTHONS

RUNNING = f"{sys.version_info.major}.{sys.version_info.minor}"
NEEDS = (
    "needs CPython 3.11, 3.12 or 3.13 on the PATH (python3.11, python3.12, python3.13 or python3)"
)


@pytest.fixture
def plugin(tmp_path: Path) -> Path:
    folder = tmp_path / "plugin"
    folder.mkdir()
    (folder / LAUNCHER_NAME).write_text(launcher_text())
    (folder / LAUNCHER_NAME).chmod(0o755)
    (folder / PEX_NAME).write_text("import sys\nprint('pex', sys.version_info[:2], sys.argv[1:])\n")
    return folder / LAUNCHER_NAME


def bin_with(tmp_path: Path, links: dict[str, str]) -> Path:
    """A folder for PATH holding only `links` (name -> target)."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    for name, target in links.items():
        (folder / name).symlink_to(target)
    return folder


def run(launcher: Path, path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(launcher), "127.0.0.1:9"],
        env={"PATH": str(path), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def fake_python(tmp_path: Path, name: str) -> str:
    """A `python3` that is not a carried CPython: it fails the launcher's check."""
    script = tmp_path / f"fake-{name}"
    script.write_text("#!/bin/sh\nexit 1\n")
    script.chmod(0o755)
    return str(script)


def test_the_archive_carries_three_cpython_versions_and_says_which() -> None:
    assert PYTHONS == ("3.11", "3.12", "3.13")
    assert 'carried="3.11 3.12 3.13"' in launcher_text()


@pytest.mark.skipif(RUNNING not in PYTHONS, reason="the tests run on a carried CPython")
def test_a_carried_python_on_the_path_runs_the_pex_with_the_engines_arguments(
    plugin: Path, tmp_path: Path
) -> None:
    path = bin_with(tmp_path, {f"python{RUNNING}": sys.executable})

    done = run(plugin, path)

    assert done.returncode == 0, done.stderr
    assert done.stdout == f"pex {sys.version_info[:2]} ['127.0.0.1:9']\n"


def test_without_any_python_it_names_what_it_needs_and_exits_1(
    plugin: Path, tmp_path: Path
) -> None:
    done = run(plugin, bin_with(tmp_path, {}))

    assert done.returncode == 1
    assert done.stdout == ""
    assert (
        done.stderr
        == f"pulumi-resource-ocamba: {NEEDS}, or OCAMBA_PYTHON naming one; found none.\n"
    )


def test_a_python3_of_another_version_is_named_and_passed_over(
    plugin: Path, tmp_path: Path
) -> None:
    other = fake_python(tmp_path, "python3")
    path = bin_with(tmp_path, {"python3": other})

    done = run(plugin, path)

    assert done.returncode == 1
    assert done.stderr.endswith(f"found {path}/python3 (not one of them).\n")
    assert "Traceback" not in done.stderr


def test_ocamba_python_is_used_when_set(plugin: Path, tmp_path: Path) -> None:
    if RUNNING not in PYTHONS:
        pytest.skip("the tests run on a carried CPython")

    done = run(plugin, bin_with(tmp_path, {}), OCAMBA_PYTHON=sys.executable)

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("pex ")


def test_an_ocamba_python_that_does_not_fit_is_refused_by_name(
    plugin: Path, tmp_path: Path
) -> None:
    other = fake_python(tmp_path, "python3.10")

    done = run(plugin, bin_with(tmp_path, {}), OCAMBA_PYTHON=other)

    assert done.returncode == 1
    assert done.stderr == (
        f"pulumi-resource-ocamba: OCAMBA_PYTHON={other} is not CPython 3.11 3.12 3.13\n"
    )


def test_the_launcher_needs_nothing_but_the_shell(plugin: Path) -> None:
    # Every command it runs is a shell builtin or the interpreter it found: a PATH of one
    # bare venv is enough.
    text = plugin.read_text()

    assert "dirname" not in text and "which " not in text
    assert os.access(plugin, os.X_OK)
