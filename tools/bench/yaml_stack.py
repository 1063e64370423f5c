"""A throw-away YAML project on the native provider, for the bench's `native` variant.

examples/yaml/Pulumi.yaml with one `ocamba:CampaignRunState` per declaration (camelCase) and,
as the example shows, every one of them in `ocamba:declaredCampaigns` (the YAML program's
stand-in for the snapshot hint), local file backend, driven through the Automation API like
BenchStack.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pulumi import automation as auto

from tools.bench.stack import REPO, local_stack

_CAMEL = {"id": "campaignId", "run_immediately": "runImmediately", "state": "state"}


class YamlBenchStack:
    """One stack of a temporary YAML project."""

    def __init__(self, root: Path, api_url: str, token: str, config: dict[str, Any]) -> None:
        self.project = root / "project"
        state_dir = root / "state"
        self.project.mkdir(parents=True)
        state_dir.mkdir()
        self.declare([])
        self.stack = local_stack(self.project, state_dir, api_url, token, config)

    def declare(self, campaigns: list[dict[str, Any]]) -> None:
        """The program's resources: one per declaration of the bench's config shape."""
        program = yaml.safe_load((REPO / "examples" / "yaml" / "Pulumi.yaml").read_text())
        program.pop("outputs", None)
        program["config"] = {
            "ocamba:declaredCampaigns": {
                "value": {entry["id"]: entry["state"] for entry in campaigns}
            }
        }
        program["resources"] = {
            f"campaign-{entry['id']}": {
                "type": "ocamba:CampaignRunState",
                "properties": {_CAMEL[key]: value for key, value in entry.items()},
            }
            for entry in campaigns
        }
        (self.project / "Pulumi.yaml").write_text(yaml.safe_dump(program, sort_keys=False))

    def preview(self) -> auto.PreviewResult:
        return self.stack.preview(color="never")

    def up(self) -> auto.UpResult:
        return self.stack.up(color="never")
