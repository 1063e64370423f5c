"""CampaignRunStateProvider: the dynamic provider behind CampaignRunState.

An adapter and nothing more: each hook hands plain values to the run-state core
(runstate/core.py, which holds the four beats: inputs, observe, verdict, result) and maps its
plain answer onto `pulumi.dynamic`'s result types, problems rendered in snake_case. The
provider object itself holds nothing but its core, which `configure` fills in the provider
process; it is pickled (by reference to this importable module) into every resource's
`__provider` input, so it must stay small and stable: the same bytes for every resource and
every release means a code change never shows as a diff. Stacks written by earlier releases
name this class in their state: it must keep this module and name.
"""

from __future__ import annotations

from typing import Any

from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)

from ocamba_provider import lifeline
from ocamba_provider.domain.run_list import from_stack_config
from ocamba_provider.domain.wording import render
from ocamba_provider.domain.zones import DEFAULT_ZONE
from ocamba_provider.resources import sdk_workarounds
from ocamba_provider.resources.sdk_workarounds import install_clean_errors, running_in_dynamic_host
from ocamba_provider.runstate.core import RunStateCore

if running_in_dynamic_host():
    install_clean_errors()
    sdk_workarounds.install_detailed_diff()
    lifeline.watch_engine()  # a killed engine must not leave this process sending


class CampaignRunStateProvider(ResourceProvider):
    """Manages the run-state of one existing Hood campaign; never creates or deletes one."""

    # The pickled provider holds no secret, so it need not be stored encrypted.
    serialize_as_secret_always = False

    def __init__(self) -> None:
        super().__init__()
        self._core = RunStateCore()

    def __getstate__(self) -> dict[str, Any]:
        # The pickled provider is an input of every resource: nothing configured goes in it.
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]

    def configure(self, req: ConfigureRequest) -> None:
        """Settings from stack config (`ocamba:*`), else the environment; the declared list."""
        # The engine hands a dynamic provider the whole stack config, the program's own
        # `<project>:campaigns` included: no resource needs to carry the list (and no
        # dependency edge needs to order the others after it).
        zone = str(req.config.get("ocamba:timeZone") or DEFAULT_ZONE)
        listed = from_stack_config(req.config.get("campaigns"), zone)
        self._core.configure(req.config.get, listed, keys=sdk_workarounds.config_keys(req.config))

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Validate the declaration and record the campaign's live status in the inputs."""
        checked = self._core.check(olds, news)
        failures = [CheckFailure(p.prop, render(p)) for p in checked.problems]
        return CheckResult(checked.inputs, failures)

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """A change only when the campaign needs a resume or pause; a new id replaces."""
        changes = self._core.diff(olds, news)
        if changes.detail:
            sdk_workarounds.offer(changes.detail)
        return DiffResult(
            changes=changes.changes,
            replaces=list(changes.replaces) or None,
            delete_before_replace=changes.delete_before_replace or None,
        )

    def create(self, props: dict[str, Any]) -> CreateResult:
        """Adopt the existing campaign and reconcile it (no campaign is created)."""
        applied = self._core.apply(props, None)
        return CreateResult(applied.id, applied.outputs)

    def update(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """Reconcile from the freshest status this run has seen."""
        return UpdateResult(self._core.apply(news, olds).outputs)

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """The live status; an empty id when the campaign is gone."""
        refreshed = self._core.refresh(id_, props)
        return ReadResult(refreshed.id, refreshed.outputs, refreshed.inputs)

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        """Apply `on_delete`: forget (default, no API call), pause, or restore."""
        self._core.remove(id_, props)
