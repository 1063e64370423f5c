"""`ocamba_provider.campaigns`, the name discovery had before issue 21: what users wrote still runs.

Stack code imports `from ocamba_provider.campaigns import find_campaigns` and scripts run
`python -m ocamba_provider.campaigns list|doctor`; both must reach the new packages unchanged.
"""

from __future__ import annotations

import subprocess
import sys

import ocamba_provider.campaigns as old
from ocamba_provider import discovery
from ocamba_provider.emulator import Emulator

SEED = [
    {"id": "1000248", "name": "Spring sale", "status": "paused"},
    {"id": "1000260", "name": "Black Friday", "status": "running"},
    {"id": "1000270", "name": "Winter draft", "status": "draft"},
]


def _run(module: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        env={"PATH": "", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_old_import_of_find_campaigns_is_discoverys_own() -> None:
    from ocamba_provider.campaigns import find_campaigns

    assert find_campaigns is discovery.find_campaigns


def test_every_name_the_old_package_exported_is_still_exported_from_discovery() -> None:
    assert old.__all__ == ["as_stack_entries", "find_campaigns", "render_table", "render_yaml"]
    for name in old.__all__:
        assert getattr(old, name) is getattr(discovery, name), name


def test_the_old_command_answers_help() -> None:
    done = _run("ocamba_provider.campaigns", "--help", env={})

    assert done.returncode == 0, done.stderr
    assert "{list,doctor,due,calendar,stop}" in done.stdout


def test_the_old_list_command_prints_what_the_new_one_prints(fast_emulator: Emulator) -> None:
    fast_emulator.control.seed(SEED)
    env = {"OCAMBA_API_URL": fast_emulator.url, "OCAMBA_API_TOKEN": fast_emulator.token}

    before = _run("ocamba_provider.campaigns", "list", "--format", "yaml", env=env)
    after = _run("ocamba_provider.discovery", "list", "--format", "yaml", env=env)

    assert before.returncode == after.returncode == 0, before.stderr + after.stderr
    assert "1000248" in before.stdout
    assert before.stdout == after.stdout


def test_the_old_doctor_subcommand_prints_what_ocamba_doctor_prints(
    fast_emulator: Emulator,
) -> None:
    fast_emulator.control.seed(SEED)
    env = {"OCAMBA_API_URL": fast_emulator.url, "OCAMBA_API_TOKEN": fast_emulator.token}

    before = _run("ocamba_provider.campaigns", "doctor", env=env)
    after = _run("ocamba_provider.doctor", env=env)

    assert before.returncode == after.returncode == 0, before.stderr + after.stderr
    assert before.stdout.startswith("doctor: read-only checks against")
    assert before.stdout == after.stdout
