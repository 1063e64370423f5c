"""The two adapters, as an e2e scenario that is the same for both drives them.

The dynamic provider runs from this repository's config-driven Python program
(engine_stacks.StackUnderTest), the native one from a Pulumi YAML program
(yaml_stack.YamlStack). A shared scenario declares its campaigns once, as stack-config entries
(`id`, `state`, `run_immediately`, `scheduled_time`, `pause_reason`, and `name` for the
resource), and spells what it reads back (outputs, diffs, messages) with `key`: snake_case for
the dynamic provider, camelCase for the native one, as each program writes its properties.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from pulumi import automation as auto

from tests.support.engine_stacks import StackUnderTest
from tests.support.yaml_stack import YamlStack

ADAPTERS = ("dynamic", "native")
"""What a shared scenario is parametrised by."""


class Adapter(Protocol):
    """One stack of one adapter's program, pointed at an emulator."""

    kind: str
    stack: auto.Stack

    def declare(self, campaigns: Sequence[Mapping[str, Any]]) -> None:
        """Rewrite the program so that it declares exactly `campaigns` (stack-config entries)."""

    def key(self, name: str) -> str:
        """The property `name` (snake_case) as this adapter's program and outputs spell it."""

    def preview(self, **kwargs: Any) -> auto.PreviewResult: ...

    def up(self, **kwargs: Any) -> auto.UpResult: ...

    def refresh(self, **kwargs: Any) -> auto.RefreshResult: ...

    def cli(
        self, *args: str, check: bool = True, env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """The `pulumi` CLI itself, in the project, on this stack (plus `env` for this run)."""

    def resources(self) -> dict[str, dict[str, Any]]:
        """Outputs of every CampaignRunState in state, by campaign id."""

    def state_text(self) -> str:
        """Every byte the backend stored, for leak checks."""

    @property
    def config_file(self) -> Path:
        """The stack file a team commits (what `ocamba-campaigns due` reads)."""


class DynamicAdapter(StackUnderTest):
    """The config-driven program: the entries go into `ocamba-campaigns:campaigns` as written.

    Its program always hints the whole run to the first resource (the snapshot hint).
    """

    kind = "dynamic"

    def key(self, name: str) -> str:
        return name


class NativeAdapter:
    """The YAML program: one `ocamba:CampaignRunState` per entry, its keys in camelCase.

    `listed`: the program also lists them in ocamba:declaredCampaigns (the native provider's
    way of telling the whole run to its first check); without it each check learns its own.
    """

    kind = "native"

    def __init__(
        self,
        root: Path,
        api_url: str,
        token: str,
        extra_config: Mapping[str, Any] | None = None,
        *,
        listed: bool = False,
    ) -> None:
        self.program = YamlStack(root, api_url, token, extra_config)
        self.stack = self.program.stack
        self.listed = listed

    def declare(self, campaigns: Sequence[Mapping[str, Any]]) -> None:
        self.program.declare(
            {
                str(entry.get("name", f"campaign-{entry['id']}")): {
                    "campaignId": entry["id"],
                    **{self.key(k): v for k, v in entry.items() if k not in ("id", "name")},
                }
                for entry in campaigns
            },
            listed=self.listed,
        )

    def key(self, name: str) -> str:
        return re.sub(r"_([a-z])", lambda match: match.group(1).upper(), name)

    def preview(self, **kwargs: Any) -> auto.PreviewResult:
        return self.program.preview(**kwargs)

    def up(self, **kwargs: Any) -> auto.UpResult:
        return self.program.up(**kwargs)

    def refresh(self, **kwargs: Any) -> auto.RefreshResult:
        return self.program.refresh(**kwargs)

    def cli(
        self, *args: str, check: bool = True, env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return self.program.cli(*args, check=check, env=env)

    def resources(self) -> dict[str, dict[str, Any]]:
        return self.program.resources()

    def state_text(self) -> str:
        return self.program.state_text()

    @property
    def config_file(self) -> Path:
        return self.program.project / f"Pulumi.{self.stack.name}.yaml"


def adapter_for(
    kind: str,
    root: Path,
    api_url: str,
    token: str,
    *,
    extra_config: Mapping[str, Any] | None = None,
    listed: bool = False,
) -> Adapter:
    """A fresh stack of `kind`'s program in `root` (`listed`: see NativeAdapter)."""
    if kind == "dynamic":
        return DynamicAdapter(root, api_url, token, extra_config=extra_config)
    if kind == "native":
        return NativeAdapter(root, api_url, token, extra_config, listed=listed)
    raise ValueError(f"no adapter {kind!r}: one of {ADAPTERS}")
