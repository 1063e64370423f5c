"""The provider's settings as `configure` resolved them, and the session they open.

A settings error is kept, not raised, at configure time: it reaches the user as the first
check's failure, attached to the campaign, instead of as an engine crash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ocamba_provider.errors import ConfigurationError
from ocamba_provider.runstate.session import Session, session_for
from ocamba_provider.settings import ProviderSettings, resolve_settings


class Configured:
    """Settings from stack config (`ocamba:*`), else the environment."""

    def __init__(self) -> None:
        self.settings: ProviderSettings | None = None
        self._error: str | None = None

    def configure(self, config: Callable[[str], Any], keys: Iterable[str] = ()) -> None:
        """Resolve the settings from the engine's stack config (`keys`: every key it holds)."""
        try:
            self.settings = resolve_settings(config, keys=keys)
        except ConfigurationError as error:
            self._error = str(error)

    def session(self) -> Session:
        """The shared session for these settings.

        Raises:
            ConfigurationError: no usable settings; the message names no secret.
        """
        if self.settings is None:
            if self._error is None:
                # Not configured (a direct call in a test or an old engine): environment only.
                self.configure(lambda _key: None)
            if self.settings is None:
                raise ConfigurationError(self._error or "provider not configured")
        try:
            return session_for(self.settings)
        except ValueError as refused:
            # The client refuses a URL or token it cannot use safely (plain http to a
            # remote host, a token with spaces); the message names neither secret.
            raise ConfigurationError(f"cannot use the configured Ocamba API: {refused}") from None
