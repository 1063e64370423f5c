"""Errors that reach a user through `pulumi up`, and how they reach them without a traceback.

Pulumi's Python dynamic-provider host (`python -m pulumi.dynamic`) turns any exception from a
provider hook into `traceback.format_exc()` text. Our errors already say which campaign, what
was observed and what to do; a Python traceback around them only buries that. So, inside that
host only, `format_exc` renders an `OcambaError` as its message alone. Every other exception
keeps its traceback: an unexpected one is a bug and the trace is what a maintainer needs.
"""

from __future__ import annotations

import sys
import traceback
from typing import Final


class OcambaError(Exception):
    """An error whose message is complete for the user: campaign, observation, remedy."""


class ConfigurationError(OcambaError):
    """The provider cannot talk to the API as configured."""


class TransitionError(OcambaError):
    """A resume or pause could not be carried out."""


_INSTALLED: Final = "_ocamba_clean_errors"


def install_clean_errors() -> None:
    """Make the dynamic-provider host print our errors without a Python traceback."""
    if getattr(traceback, _INSTALLED, False):
        return
    original = traceback.format_exc

    def format_exc(limit: int | None = None, chain: bool = True) -> str:
        error = sys.exc_info()[1]
        if isinstance(error, OcambaError):
            return str(error)
        return original(limit, chain)

    traceback.format_exc = format_exc
    setattr(traceback, _INSTALLED, True)


def running_in_dynamic_host() -> bool:
    """True inside `python -m pulumi.dynamic`, the process that runs provider hooks."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    return spec is not None and spec.name in ("pulumi.dynamic.__main__", "pulumi.dynamic")
