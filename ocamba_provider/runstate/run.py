"""What one provider process knows of its run: the settings `configure` resolved and the run's
whole plan. Every hook of the core (check.py, diff.py, apply.py, refresh.py, remove.py) reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ocamba_provider.domain.freezes import NO_FREEZES, Freezes
from ocamba_provider.domain.group_list import GroupList
from ocamba_provider.domain.run_list import RunList
from ocamba_provider.domain.verdict import SETTLE_SECONDS
from ocamba_provider.domain.zones import DEFAULT_ZONE
from ocamba_provider.runstate.configured import Configured
from ocamba_provider.runstate.session import Session
from ocamba_provider.runstate.whole_run import WholeRun
from ocamba_provider.settings import ProviderSettings


class Run:
    """The provider's settings and the run's plan, as `configure` left them."""

    def __init__(self) -> None:
        self.configured = Configured()
        self.whole_run = WholeRun()
        self.listed: RunList = {}
        self.listed_groups: GroupList | None = None
        """The groups of the run's list; None when the run has no list of its own to agree with."""
        self.list_must_agree = False
        self.requires_list = False
        self.listed_in: str | None = None
        """The project file that holds the list (`Pulumi.yaml`), if it is there."""

    def configure(
        self,
        config: Callable[[str], Any],
        listed: RunList | None,
        *,
        must_agree: bool,
        keys: Iterable[str] = (),
        groups: GroupList | None = None,
    ) -> None:
        """Settings from `config(key)`; the run's list (campaigns and groups), and whether
        checks must agree with it; `keys`, every config key set, to refuse a misspelt one."""
        self.configured.configure(config, keys)
        self.whole_run = WholeRun(listed, groups)
        self.listed = dict(listed or {})
        self.list_must_agree = must_agree and listed is not None
        self.requires_list = must_agree
        """The adapter cannot hint the run (a YAML program): a group must be listed."""
        self.listed_groups = dict(groups or {}) if self.list_must_agree else None

    @property
    def settings(self) -> ProviderSettings | None:
        """The resolved settings; None when they could not be resolved (or not yet)."""
        return self.configured.settings

    @property
    def settle_s(self) -> float:
        """`ocamba:settleSeconds`, or its default."""
        settings = self.settings
        return settings.settle_seconds if settings is not None else SETTLE_SECONDS

    @property
    def unattended(self) -> bool:
        """Whether nobody reviews this run (OCAMBA_UNATTENDED): the calendar only."""
        settings = self.settings
        return settings.unattended if settings is not None else False

    @property
    def freezes(self) -> Freezes:
        """`ocamba:freezes`, with the names this one command may pass (OCAMBA_ALLOW_FREEZE)."""
        settings = self.settings
        return settings.freezes if settings is not None else NO_FREEZES

    @property
    def zone(self) -> str:
        """`ocamba:timeZone`, or UTC."""
        settings = self.settings
        return settings.time_zone if settings is not None else DEFAULT_ZONE

    def session(self) -> Session:
        """The shared session for these settings.

        Raises:
            ConfigurationError: no usable settings.
        """
        return self.configured.session()
