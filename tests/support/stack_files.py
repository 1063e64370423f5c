"""A config-driven project with one stack file, as a team commits it, for the commands that
read stack files without the engine (`due`, `calendar`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def stack_file(root: Path, campaigns: list[dict[str, Any]], **config: Any) -> Path:
    """A config-driven project with one stack declaring `campaigns`."""
    (root / "stacks").mkdir(parents=True, exist_ok=True)
    (root / "Pulumi.yaml").write_text("name: ocamba-campaigns\nruntime: python\n")
    path = root / "stacks" / "Pulumi.production.yaml"
    document = {"config": {"ocamba-campaigns:campaigns": campaigns, **config}}
    path.write_text(yaml.safe_dump(document))
    return path
