"""Tell the engine *why* a campaign changes: `observed_status: "running" => "paused"`.

Python dynamic providers cannot return a detailed diff: the SDK's DiffResult has no field for
it, so the engine can only compare old and new *inputs*, and the old inputs hold the status
observed before the last action, not after it. A detailed diff entry marked as not-an-input
diff makes the engine compare against the old *outputs* instead, which do hold the status the
last run left the campaign in.

The host (`python -m pulumi.dynamic`) builds its answer with `proto.DiffResponse(**fields)`
on the thread that called our `diff`, right after it returns. So `diff` leaves its detailed
diff in a thread-local, and a thin wrapper around that constructor adds it. If a future SDK
builds the answer differently, the wrapper is never called and the preview simply shows the
plain input diff: nothing breaks.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any, Final

from pulumi.runtime import proto

_pending = threading.local()
_INSTALLED: Final = "_ocamba_detailed_diff"

UPDATE: Final = int(proto.PropertyDiff.UPDATE)
UPDATE_REPLACE: Final = int(proto.PropertyDiff.UPDATE_REPLACE)


def offer(detail: Mapping[str, tuple[int, bool]]) -> None:
    """Attach `{property: (kind, input_diff)}` to the DiffResponse this thread builds next."""
    _pending.detail = dict(detail)


class _WithDetail:
    """Stands in for the DiffResponse class: builds it, adding the offered detail."""

    def __init__(self, original: Any) -> None:
        self._original = original

    def __getattr__(self, name: str) -> Any:
        # Enum values such as DiffResponse.DIFF_SOME are read through the class.
        return getattr(self._original, name)

    def __call__(self, **fields: Any) -> Any:
        detail: dict[str, tuple[int, bool]] | None = getattr(_pending, "detail", None)
        _pending.detail = None
        if detail is not None and "detailedDiff" not in fields:
            fields["detailedDiff"] = {
                prop: proto.PropertyDiff(kind=kind, inputDiff=input_diff)  # type: ignore[arg-type]
                for prop, (kind, input_diff) in detail.items()
            }
            fields["hasDetailedDiff"] = True
            fields["diffs"] = sorted(detail)
        return self._original(**fields)


def install() -> None:
    """Wrap the host's DiffResponse constructor, once per process."""
    if getattr(proto, _INSTALLED, False):
        return
    proto.DiffResponse = _WithDetail(proto.DiffResponse)  # type: ignore[misc,assignment]
    setattr(proto, _INSTALLED, True)


def take() -> dict[str, tuple[int, bool]] | None:
    """The detail this thread offered and no DiffResponse consumed yet, cleared.

    For adapters that build their own answer (the native provider) instead of the wrapped
    constructor above.
    """
    detail: dict[str, tuple[int, bool]] | None = getattr(_pending, "detail", None)
    _pending.detail = None
    return detail
