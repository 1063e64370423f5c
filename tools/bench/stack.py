"""A throw-away copy of the project driven through the Automation API, for one bench run.

Like tests/support/engine_stacks.py (same Pulumi.yaml, same program shape, local file backend), plus
what the bench needs: a choice of program (ours, or the naive baseline's), PYTHONPATH set to
the repository root so the dynamic-provider process can import `tools.bench.naive`, and
parallelism and stack config per run.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from pulumi import automation as auto

from tools.local_engine import local_engine_env

REPO = Path(__file__).resolve().parents[2]
PASSPHRASE = "bench-passphrase"
HERE = Path(__file__).resolve().parent
# What each variant's stacks/ directory holds: file name -> source.
OURS_PROGRAM = {"__main__.py": REPO / "stacks" / "__main__.py"}
NAIVE_PROGRAM = {"__main__.py": HERE / "naive_program.py"}
NULL_PROGRAM = {"__main__.py": HERE / "null_program.py"}


def engine_env(state_dir: Path) -> dict[str, str]:
    """The local engine environment, with its own Pulumi home and the repo importable."""
    return {
        **local_engine_env(state_dir, PASSPHRASE),
        "PULUMI_HOME": str(state_dir.parent / "pulumi-home"),
        # The dynamic-provider process unpickles the naive provider by module path.
        "PYTHONPATH": str(REPO),
    }


def local_stack(
    project: Path, state_dir: Path, api_url: str, token: str, config: dict[str, Any]
) -> auto.Stack:
    """The bench's stack of `project` on the local engine, pointed at the emulator."""
    stack = auto.create_or_select_stack(
        stack_name="bench",
        work_dir=str(project),
        opts=auto.LocalWorkspaceOptions(
            env_vars=engine_env(state_dir),
            pulumi_command=auto.PulumiCommand(root=str(REPO / ".venv")),
        ),
    )
    stack.set_config("ocamba:apiUrl", auto.ConfigValue(api_url))
    stack.set_config("ocamba:apiToken", auto.ConfigValue(token, secret=True))
    for key, value in config.items():
        stack.set_config(key, auto.ConfigValue(str(value)))
    return stack


class BenchStack:
    """One stack of a temporary project whose stacks/ directory holds `program`."""

    def __init__(
        self,
        root: Path,
        program: dict[str, Path],
        api_url: str,
        token: str,
        config: dict[str, Any],
    ) -> None:
        project = root / "project"
        state_dir = root / "state"
        (project / "stacks").mkdir(parents=True)
        state_dir.mkdir()
        shutil.copy(REPO / "Pulumi.yaml", project / "Pulumi.yaml")
        for name, source in program.items():
            shutil.copy(source, project / "stacks" / name)
        (project / ".venv").symlink_to(REPO / ".venv")
        self.config_file = project / "stacks" / "Pulumi.bench.yaml"
        self.stack = local_stack(project, state_dir, api_url, token, config)

    def declare(self, campaigns: list[dict[str, Any]]) -> None:
        """Write `ocamba-campaigns:campaigns` into the stack's YAML, as a user would."""
        document = yaml.safe_load(self.config_file.read_text()) or {}
        document.setdefault("config", {})["ocamba-campaigns:campaigns"] = campaigns
        self.config_file.write_text(yaml.safe_dump(document, sort_keys=False))

    def preview(self) -> auto.PreviewResult:
        return self.stack.preview(color="never")

    def up(self) -> auto.UpResult:
        return self.stack.up(color="never")
