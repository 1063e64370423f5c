"""RunStateCore: the hooks of a run-state resource, without any Pulumi SDK.

Every hook is the same four beats: read its inputs, observe the campaign (the snapshot or the
client), ask the one verdict (domain/verdict.py) what that means, and return plain data
(runstate/results.py). Each hook has a module of its own (check.py, diff.py, apply.py,
refresh.py, remove.py); this class is the entry point both adapters hold and map onto their SDK:
resources/ onto `pulumi.dynamic`, native/ onto `pulumi.provider.experimental`. Neither decides
anything.

The core holds the settings `configure` resolved and the run's whole plan (run.py); the
sessions (one client, snapshot and guard per account) are shared by the process (session.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ocamba_provider.domain.run_list import RunList
from ocamba_provider.runstate import apply, check, diff, refresh, remove
from ocamba_provider.runstate.configured import Configured
from ocamba_provider.runstate.results import Applied, Changes, Checked, Refreshed
from ocamba_provider.runstate.run import Run


class RunStateCore:
    """Manages the run-state of existing Hood campaigns; never creates or deletes one."""

    def __init__(self) -> None:
        self._run = Run()

    @property
    def configured(self) -> Configured:
        """The settings `configure` resolved (diff reads what this process already saw)."""
        return self._run.configured

    def configure(
        self,
        config: Callable[[str], Any],
        listed: RunList | None,
        *,
        must_agree: bool = False,
        keys: Iterable[str] = (),
        listed_in: str | None = None,
    ) -> None:
        """Settings from `config(key)` (`ocamba:*`), else the environment; the run's list.

        `must_agree`: the list is the user's own copy (`ocamba:declaredCampaigns`), so each
        check compares its declaration with it. `keys`: every config key the engine handed
        over, so that a misspelt `ocamba:` key is refused instead of ignored. `listed_in`: the
        project file that holds the list, where a fix must edit it.
        """
        self._run.configure(config, listed, must_agree=must_agree, keys=keys)
        self._run.listed_in = listed_in

    def check(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Checked:
        """Validate the declaration and record the campaign's live status in the inputs."""
        return check.check(self._run, olds, news)

    def diff(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Changes:
        """A change only when the campaign needs a write; a new id replaces. Never reads."""
        return diff.diff(self._run, olds, news)

    def apply(self, props: Mapping[str, Any], previous: Mapping[str, Any] | None) -> Applied:
        """Adopt and reconcile the campaign; `previous` is the last outputs (None: create)."""
        return apply.apply(self._run, props, previous)

    def refresh(self, id_: str, props: Mapping[str, Any]) -> Refreshed:
        """The live status; an empty id when the campaign is gone."""
        return refresh.refresh(self._run, id_, props)

    def adopt(self, id_: str) -> Refreshed:
        """`pulumi import`: the live status, and the declaration that changes nothing."""
        return refresh.adopt(self._run, id_)

    def remove(self, id_: str, props: Mapping[str, Any]) -> None:
        """Apply `on_delete`: forget (no API call), pause, or restore the adopted status."""
        remove.remove(self._run, id_, props)
