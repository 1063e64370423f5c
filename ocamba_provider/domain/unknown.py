"""Values the engine does not know yet: an Output that has not resolved, during preview.

The engine sends such a value as one sentinel string. The domain judges declarations without
the SDK, so it names the sentinel itself; tests/unit/domain/test_unknown.py fails if the SDK's
`pulumi.runtime.rpc.UNKNOWN` ever differs.
"""

from __future__ import annotations

from typing import Any, Final

UNKNOWN: Final = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
"""The wire form of an unknown value (pulumi.runtime.rpc.UNKNOWN)."""


def is_unknown(value: Any) -> bool:
    """True for a value the engine does not know yet (an Output during preview)."""
    return isinstance(value, str) and value == UNKNOWN
