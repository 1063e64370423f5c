"""The README's five-minute walk-through runs as written: its shell block, command by command,
in a new directory, against the emulator it starts and the real Pulumi engine.

Two values are the reader's own and are substituted: the checkout's path (its `checkout=`
line) and the emulator's port (8080 there, a free one here, so that parallel runs and a
reader's own emulator do not collide). Everything else is the README's text. A command whose
comment says it `fails` must fail (the drift check); every other one must succeed. Needs the
package registry, for the wheel's dependencies (like tests/e2e/test_wheel.py).
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import signal
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.markdown_docs import README, comment_of, shell_commands, walkthrough
from tests.support.paths import REPO

# Building the wheel and installing its dependencies take most of it.
pytestmark = pytest.mark.timeout(900)

README_PORT = "8080"
_STEP = re.compile(r"^@@step (\d+) rc=(\d+)$", re.MULTILINE)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_run_here(command: str, port: int) -> str:
    """The README's command with the reader's own values: this checkout, a free port."""
    if command.startswith("checkout="):
        return f"checkout={shlex.quote(str(REPO))}"
    return command.replace(f"127.0.0.1:{README_PORT}", f"127.0.0.1:{port}").replace(
        f"--port {README_PORT}", f"--port {port}"
    )


def _script(commands: list[str], port: int) -> str:
    """The commands in one shell, each followed by a line with its exit status; after the
    emulator is sent to the background, wait until it listens (a reader takes that long)."""
    lines = []
    for number, command in enumerate(commands):
        lines += [f"echo '@@begin {number}'", _as_run_here(command, port)]
        lines.append(f'echo "@@step {number} rc=$?"')
        if command.rstrip().split("#")[0].rstrip().endswith("&"):
            lines.append(
                f"for _ in $(seq 150); do (exec 3<>/dev/tcp/127.0.0.1/{port}) 2>/dev/null "
                "&& break; sleep 0.2; done"
            )
    return "\n".join(lines) + "\n"


def _environment(tmp_path: Path) -> dict[str, str]:
    """A reader's shell: no ocamba or Pulumi settings, and not this checkout's .venv/bin on
    the PATH (the walk-through adds it itself); a Pulumi home of the test's own."""
    venv_bin = str(REPO / ".venv" / "bin")
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("OCAMBA_", "PULUMI_")) and key != "VIRTUAL_ENV"
    }
    path = [entry for entry in environ.get("PATH", "").split(os.pathsep) if entry != venv_bin]
    return {
        **environ,
        "PATH": os.pathsep.join(path),
        "PULUMI_HOME": str(tmp_path / "pulumi-home"),
        "PULUMI_SKIP_UPDATE_CHECK": "1",
        "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
        "NO_COLOR": "1",
    }


@pytest.fixture(scope="module")
def walkthrough_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[str], str]]:
    """The walk-through's commands and everything they printed, run once for the module."""
    tmp_path = tmp_path_factory.mktemp("walkthrough")
    commands = shell_commands(walkthrough(README.read_text(encoding="utf-8")).text)
    script = tmp_path / "walkthrough.sh"
    script.write_text(_script(commands, _free_port()))
    shell = subprocess.Popen(
        ["bash", str(script)],
        cwd=tmp_path,
        env=_environment(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = shell.communicate(timeout=840)
    finally:
        # The emulator, if a failed step never reached the README's `kill %1`.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(shell.pid, signal.SIGTERM)
        if shell.poll() is None:
            shell.kill()
            shell.wait()
    yield commands, output


def _step_output(output: str, number: int) -> str:
    start = output.index(f"@@begin {number}\n")
    return output[start : output.index(f"@@step {number} rc=", start)]


def _steps(commands: list[str], pattern: str) -> list[int]:
    """The numbers of the commands that match `pattern` (a regular expression, from the start)."""
    return [number for number, command in enumerate(commands) if re.match(pattern, command)]


def test_the_walkthrough_starts_from_the_checkout_and_the_emulator_on_8080() -> None:
    commands = shell_commands(walkthrough(README.read_text(encoding="utf-8")).text)

    assert commands[0].startswith("checkout=")
    assert any(f"--port {README_PORT}" in command for command in commands)


def test_every_command_succeeds_but_the_one_that_shows_the_drift(
    walkthrough_run: tuple[list[str], str],
) -> None:
    commands, output = walkthrough_run
    statuses = {int(number): int(rc) for number, rc in _STEP.findall(output)}
    expected_to_fail = {n for n, c in enumerate(commands) if comment_of(c).startswith("fails")}

    assert sorted(statuses) == list(range(len(commands))), output[-3000:]
    failed = {number for number, rc in statuses.items() if rc != 0}
    assert failed == expected_to_fail, output[-3000:]
    assert expected_to_fail, "the walk-through shows the drift check failing"


def test_the_preview_says_what_happens_to_each_campaign(
    walkthrough_run: tuple[list[str], str],
) -> None:
    commands, output = walkthrough_run
    (preview, *_) = _steps(commands, r"pulumi preview\s*(#|$)")
    said = _step_output(output, preview)

    assert "campaign 1000248 (Spring sale push): will resume now" in said
    assert (
        "campaign 1000251 (December newsletter): will resume at "
        "2030-12-01 09:00 Europe/Belgrade (08:00 GMT)"
    ) in said
    assert "campaign 1000260 (Black Friday SMS): will pause: budget review" in said


def test_the_out_of_band_pause_shows_as_drift_and_the_next_up_resumes_it(
    walkthrough_run: tuple[list[str], str],
) -> None:
    commands, output = walkthrough_run
    (oob,) = _steps(commands, r"ocamba-emulator oob pause 1000248 ")
    (refreshed,) = _steps(commands, r"pulumi preview --refresh")
    first_up, second_up = _steps(commands, r"pulumi up ")
    drift_check, clean_check = _steps(commands, r"pulumi refresh .*--expect-no-changes")

    assert first_up < oob < refreshed < drift_check < second_up < clean_check
    assert "1000248: running -> paused (out of band)" in _step_output(output, oob)
    assert "campaign 1000248 (Spring sale push): will resume now" in _step_output(output, refreshed)
    assert "campaign-1000248" in _step_output(output, drift_check)
    for up in (first_up, second_up):
        assert "ocamba: resumed campaign 1000248 (Spring sale push)" in _step_output(output, up)
    assert "4 unchanged" in _step_output(output, clean_check)
