"""A real Pulumi project in a temporary directory, driven through the Automation API.

The project is this repository's own: Pulumi.yaml and the config-driven program in stacks/,
so the e2e tier exercises exactly what `make demo` and CI run. Only the stack config differs
per test, written as the YAML file a user would commit.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml
from pulumi import automation as auto

from tests.support.paths import ENGINE, REPO, VENV
from tools.local_engine import local_engine_env

# Distinctive so that a leak anywhere is found by a plain substring search.
TOKEN = "tok-E2E-7f3c9a1d-do-not-leak"
"""The e2e tier's API token: its emulators accept only this one."""
PASSPHRASE = "e2e-passphrase"


def engine_env(state_dir: Path) -> dict[str, str]:
    """The local engine environment, with a Pulumi home of the test's own."""
    return {
        **local_engine_env(state_dir, PASSPHRASE),
        "PULUMI_HOME": str(state_dir.parent / "pulumi-home"),
    }


def pointed_stack(
    project: Path,
    name: str,
    env: Mapping[str, str],
    *,
    api_url: str,
    token: str,
    extra_config: Mapping[str, Any] | None = None,
) -> auto.Stack:
    """A stack of the project in `project`, on the local engine, pointed at `api_url`."""
    stack = auto.create_or_select_stack(
        stack_name=name,
        work_dir=str(project),
        opts=auto.LocalWorkspaceOptions(
            env_vars=dict(env),
            pulumi_command=auto.PulumiCommand(root=str(VENV)),
        ),
    )
    stack.set_config("ocamba:apiUrl", auto.ConfigValue(api_url))
    stack.set_config("ocamba:apiToken", auto.ConfigValue(token, secret=True))
    for key, value in (extra_config or {}).items():
        stack.set_config(key, auto.ConfigValue(str(value)))
    return stack


class StackUnderTest:
    """One stack of the project, pointed at an emulator, with helpers that read like steps."""

    def __init__(
        self,
        root: Path,
        api_url: str,
        token: str,
        name: str = "e2e",
        extra_config: Mapping[str, Any] | None = None,
    ) -> None:
        self.root = root
        self.project = root / "project"
        self.state_dir = root / "state"
        (self.project / "stacks").mkdir(parents=True)
        self.state_dir.mkdir()
        shutil.copy(REPO / "Pulumi.yaml", self.project / "Pulumi.yaml")
        shutil.copy(REPO / "stacks" / "__main__.py", self.project / "stacks" / "__main__.py")
        # The official language host resolves `virtualenv: .venv` against the project.
        (self.project / ".venv").symlink_to(VENV)
        self.env = engine_env(self.state_dir)
        self.token = token
        self.stack = pointed_stack(
            self.project, name, self.env, api_url=api_url, token=token, extra_config=extra_config
        )

    @property
    def config_file(self) -> Path:
        return self.project / "stacks" / f"Pulumi.{self.stack.name}.yaml"

    def declare(self, campaigns: list[dict[str, Any]]) -> None:
        """Write `ocamba-campaigns:campaigns` into the stack's YAML, as a user would."""
        document = yaml.safe_load(self.config_file.read_text()) or {}
        document.setdefault("config", {})["ocamba-campaigns:campaigns"] = campaigns
        self.config_file.write_text(yaml.safe_dump(document, sort_keys=False))

    def config_campaigns(self) -> list[dict[str, Any]]:
        """The `ocamba-campaigns:campaigns` list as the stack's YAML holds it."""
        document = yaml.safe_load(self.config_file.read_text()) or {}
        campaigns: list[dict[str, Any]] = document["config"]["ocamba-campaigns:campaigns"]
        return campaigns

    def preview(self, **kwargs: Any) -> auto.PreviewResult:
        return self.stack.preview(color="never", **kwargs)

    def preview_json(self, *flags: str) -> dict[str, Any]:
        """`pulumi preview --json --show-sames` as CI runs it (the Automation API has no
        --show-sames, and without it unchanged campaigns are missing from the steps)."""
        done = self.cli("preview", "--json", "--show-sames", *flags, check=False)
        document: dict[str, Any] = json.loads(done.stdout)
        return document

    def cli(
        self, *args: str, check: bool = True, env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """The `pulumi` CLI itself, in the project, on this stack (plus `env` for this run)."""
        return subprocess.run(
            [str(ENGINE), *args, "--stack", self.stack.name],
            cwd=self.project,
            env={**os.environ, **self.env, **(env or {})},
            capture_output=True,
            text=True,
            check=check,
            timeout=600,
        )

    def up_in_background(self) -> subprocess.Popen[bytes]:
        """`pulumi up --yes --skip-preview` as its own process (session), for tests that kill
        it: the Automation API cannot be SIGKILLed mid-run."""
        engine = str(ENGINE)
        return subprocess.Popen(
            [engine, "up", "--yes", "--skip-preview", "--stack", self.stack.name],
            cwd=self.project,
            env={**os.environ, **self.env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def up(self, **kwargs: Any) -> auto.UpResult:
        return self.stack.up(color="never", **kwargs)

    def refresh(self, **kwargs: Any) -> auto.RefreshResult:
        return self.stack.refresh(color="never", **kwargs)

    def destroy(self, **kwargs: Any) -> auto.DestroyResult:
        return self.stack.destroy(color="never", **kwargs)

    def resources(self) -> dict[str, dict[str, Any]]:
        """Outputs of every CampaignRunState in state, by campaign id."""
        deployment = self.stack.export_stack().deployment
        found: dict[str, dict[str, Any]] = {}
        for resource in deployment.get("resources", []):
            if resource["type"].endswith("ocamba:CampaignRunState"):
                outputs = resource.get("outputs", {})
                found[outputs.get("campaign_id", resource.get("id", ""))] = outputs
        return found

    def state_text(self) -> str:
        """Every byte the backend stored, for leak checks."""
        return "\n".join(
            path.read_text(errors="replace") for path in self.state_dir.rglob("*") if path.is_file()
        )


def urn(stack: str, resource_name: str, project: str = "ocamba-campaigns") -> str:
    """The URN of one CampaignRunState, as `--target` takes it."""
    kind = "pulumi-python:dynamic/ocamba:CampaignRunState"
    return f"urn:pulumi:{stack}::{project}::{kind}::{resource_name}"


def inline_stack(
    root: Path, name: str, program: Callable[[], None], api_url: str, *, token: str
) -> auto.Stack:
    """A stack of an Automation API inline program: the program runs in this process."""
    state = root / "state"
    state.mkdir(parents=True, exist_ok=True)
    stack = auto.create_or_select_stack(
        stack_name=name,
        project_name="inline-user",
        program=program,
        opts=auto.LocalWorkspaceOptions(
            env_vars=engine_env(state),
            work_dir=str(root),
            pulumi_command=auto.PulumiCommand(root=str(VENV)),
        ),
    )
    stack.set_config("ocamba:apiUrl", auto.ConfigValue(api_url))
    stack.set_config("ocamba:apiToken", auto.ConfigValue(token, secret=True))
    return stack
