"""A Pulumi YAML project on the native `ocamba` provider, driven like engine_stacks.StackUnderTest.

The program is examples/yaml/Pulumi.yaml with its `resources` replaced by each step's
declarations, so the example a user copies is the program the e2e tier runs. Its optional
`ocamba:declaredCampaigns` is written to match them when a test asks for it, and left out
otherwise (the program that cannot hint).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pulumi import automation as auto

from tests.support.engine_stacks import engine_env, pointed_stack
from tests.support.paths import ENGINE, REPO

EXAMPLE = REPO / "examples" / "yaml" / "Pulumi.yaml"
NATIVE_TYPE = "ocamba:index:CampaignRunState"
DECLARED_CAMPAIGNS = "ocamba:declaredCampaigns"


class YamlStack:
    """One stack of a YAML project pointed at an emulator."""

    def __init__(
        self,
        root: Path,
        api_url: str,
        token: str,
        extra_config: Mapping[str, Any] | None = None,
    ) -> None:
        self.project = root / "project"
        self.state_dir = root / "state"
        self.project.mkdir(parents=True)
        self.state_dir.mkdir()
        self.env = engine_env(self.state_dir)
        self.declare({})
        self.stack = pointed_stack(
            self.project, "e2e", self.env, api_url=api_url, token=token, extra_config=extra_config
        )

    def declare(self, campaigns: Mapping[str, Mapping[str, Any]], *, listed: bool = False) -> None:
        """Rewrite the program: one `ocamba:CampaignRunState` per name, with these properties.

        `listed`: the program's config lists them all in ocamba:declaredCampaigns, as the
        example shows.
        """
        self.write_resources(
            {
                name: {"type": "ocamba:CampaignRunState", "properties": dict(props)}
                for name, props in campaigns.items()
            },
            listed={str(props["campaignId"]): str(props["state"]) for props in campaigns.values()}
            if listed
            else None,
        )

    def write_resources(
        self, resources: Mapping[str, Any], *, listed: Mapping[str, Any] | None = None
    ) -> None:
        """Rewrite the program's `resources` section as given (e.g. what an import generated),
        and its ocamba:declaredCampaigns as `listed` (none when None)."""
        program = yaml.safe_load(EXAMPLE.read_text())
        program["resources"] = dict(resources)
        program.pop("outputs", None)
        config = program.pop("config", None) or {}
        config.pop(DECLARED_CAMPAIGNS, None)  # the example's list is for its own resources
        if listed is not None:
            # The example's own form: project config, `value:` as for any provider's key.
            config[DECLARED_CAMPAIGNS] = {"value": dict(listed)}
        if config:
            program["config"] = config
        (self.project / "Pulumi.yaml").write_text(yaml.safe_dump(program, sort_keys=False))

    def preview(self, **kwargs: Any) -> auto.PreviewResult:
        return self.stack.preview(color="never", **kwargs)

    def up(self, **kwargs: Any) -> auto.UpResult:
        return self.stack.up(color="never", **kwargs)

    def refresh(self, **kwargs: Any) -> auto.RefreshResult:
        return self.stack.refresh(color="never", **kwargs)

    def cli(
        self,
        *args: str,
        check: bool = True,
        on_stack: bool = True,
        env: Mapping[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """The `pulumi` CLI itself, in the project (on this stack, for commands that take one),
        plus `env` for this run."""
        stack = ["--stack", self.stack.name] if on_stack else []
        return subprocess.run(
            [str(ENGINE), *args, *stack],
            cwd=self.project,
            env={**os.environ, **self.env, **(env or {})},
            capture_output=True,
            text=True,
            check=check,
            timeout=600,
        )

    def resources(self) -> dict[str, dict[str, Any]]:
        """Outputs of every native CampaignRunState in state, by campaign id."""
        deployment = self.stack.export_stack().deployment
        return {
            r["outputs"]["campaignId"]: r["outputs"]
            for r in deployment.get("resources", [])
            if r["type"] == NATIVE_TYPE
        }

    def state_text(self) -> str:
        """Every byte the backend stored, for leak checks."""
        return "\n".join(
            path.read_text(errors="replace") for path in self.state_dir.rglob("*") if path.is_file()
        )
