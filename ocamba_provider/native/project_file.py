"""Where `ocamba:declaredCampaigns` lives: the project file, or the stack's.

A fix must work where the setting is. `pulumi config set --path` writes the stack file; when the
list is in `Pulumi.yaml` (as the YAML example keeps it), a stack-file list replaces it whole, and
the next preview fails on the next campaign. The plugin runs in the project's directory, so it
looks: when the list is there, the core's messages say to edit that file, with the exact line.
"""

from __future__ import annotations

from pathlib import Path

import yaml

PROJECT_FILES = ("Pulumi.yaml", "Pulumi.yml")


def project_file_listing(key: str, directory: Path | None = None) -> str | None:
    """The name of the project file whose `config:` sets `key`; None when none does."""
    here = directory or Path.cwd()
    for name in PROJECT_FILES:
        path = here / name
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        config = document.get("config") if isinstance(document, dict) else None
        if isinstance(config, dict) and key in config:
            return name
    return None
