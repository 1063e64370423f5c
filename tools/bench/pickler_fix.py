"""Work around pulumi's dynamic-provider serialiser nesting a pickle hook once per resource.

`pulumi.dynamic.dynamic.serialize_provider` replaces `pickle._Pickler._batch_setitems` with a
sorting wrapper of *the current* one on every call and never restores it, so the N-th dynamic
resource of a program pickles its provider through N nested wrappers: ~950 resources raise
RecursionError (pulumi 3.272; pulumi/pulumi#17803 was closed as "no repro"). CampaignRunState
restores the original before each resource itself; the naive baseline's resource does not, so
its program installs this to be able to declare 1,000 campaigns like ours.
"""

from __future__ import annotations

import pickle
from typing import Any

from pulumi.dynamic import dynamic

_ORIGINAL = pickle._Pickler._batch_setitems  # type: ignore[attr-defined]
_serialize_provider = dynamic.serialize_provider


def _serialize_with_flat_hook(provider: Any) -> str:
    pickle._Pickler._batch_setitems = _ORIGINAL  # type: ignore[attr-defined]
    try:
        return str(_serialize_provider(provider))
    finally:
        pickle._Pickler._batch_setitems = _ORIGINAL  # type: ignore[attr-defined]


def install() -> None:
    """Idempotent: later calls change nothing."""
    dynamic.serialize_provider = _serialize_with_flat_hook
