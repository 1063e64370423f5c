"""The plugin archive installs the way Pulumi providers do, and the installed one serves.

`pulumi plugin install resource ocamba <version> --file <archive>` into the test's own Pulumi
home; with ambient (PATH) plugins ignored, the engine can only be using the installed one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ocamba_provider import __version__
from ocamba_provider.emulator import Emulator
from tests.support.engine_stacks import TOKEN
from tests.support.yaml_stack import YamlStack
from tools.plugin_archive import build

A = "1000248"


@pytest.fixture
def installed(tmp_path: Path, module_emulator: Emulator) -> YamlStack:
    module_emulator.control.seed([{"id": A, "name": "Spring sale", "status": "paused"}])
    stack = YamlStack(tmp_path / "stack", module_emulator.url, TOKEN)
    stack.declare({"spring-sale": {"campaignId": A, "state": "active", "runImmediately": True}})
    archive = build(tmp_path / "dist")
    stack.cli(
        "plugin",
        "install",
        "resource",
        "ocamba",
        __version__,
        "--file",
        str(archive),
        on_stack=False,
    )
    stack.env["PULUMI_IGNORE_AMBIENT_PLUGINS"] = "true"
    return stack


def test_the_installed_plugin_serves_the_schema_and_a_preview(
    installed: YamlStack, module_emulator: Emulator
) -> None:
    home = Path(installed.env["PULUMI_HOME"])
    assert (
        home / "plugins" / f"resource-ocamba-v{__version__}" / "pulumi-resource-ocamba"
    ).exists()

    schema = installed.cli("package", "get-schema", "ocamba", on_stack=False)
    preview = installed.cli("preview", "--diff", "--non-interactive")

    assert '"ocamba:index:CampaignRunState"' in schema.stdout
    assert 'observedStatus: "paused"' in preview.stdout
    assert "from $PATH" not in preview.stdout + preview.stderr
    assert module_emulator.control.ledger() == []
