"""The detailed-diff channel of a `diff` hook, under the names its callers use.

The workaround behind it (why, for which SDK, until when) lives in sdk_workarounds.py.
"""

from __future__ import annotations

from ocamba_provider.resources.sdk_workarounds import (
    UPDATE,
    UPDATE_REPLACE,
    offer,
    take,
)
from ocamba_provider.resources.sdk_workarounds import (
    install_detailed_diff as install,
)

__all__ = ["UPDATE", "UPDATE_REPLACE", "install", "offer", "take"]
