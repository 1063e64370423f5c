"""What one provider process knows of its run: the settings `configure` resolved and the run's
whole plan. Every hook of the core (check.py, diff.py, apply.py, refresh.py, remove.py) reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

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
        self.list_must_agree = False
        self.listed_in: str | None = None
        """The project file that holds the list (`Pulumi.yaml`), if it is there."""

    def configure(
        self,
        config: Callable[[str], Any],
        listed: RunList | None,
        *,
        must_agree: bool,
        keys: Iterable[str] = (),
    ) -> None:
        """Settings from `config(key)`; the run's list, and whether checks must agree with it;
        `keys`, every config key set, to refuse a misspelt one."""
        self.configured.configure(config, keys)
        self.whole_run = WholeRun(listed)
        self.listed = dict(listed or {})
        self.list_must_agree = must_agree and listed is not None

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
