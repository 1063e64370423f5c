"""Every patch of Pulumi Python SDK internals this package makes, in one place.

pyproject.toml admits a range of SDKs (`pulumi>=3.216,<4`); `make test-compat` tests its two
ends (requirements/sdk-oldest.txt, requirements/sdk-newest.txt). Each workaround names the SDK
versions that have the behaviour it answers, read from the SDK's sources, and applies only to
them; the upstream issue; and when it can go. tests/unit/resources/test_sdk_workarounds.py
checks on each end that an SDK inside a workaround's versions still behaves that way and one
outside does not, and fails with "remove workaround <name>" once the range no longer holds any
version it patches. The e2e tier shows that each still takes effect (the `observed_status` line
of a preview, no traceback in an error).

| workaround     | upstream             | SDK versions       | can go when                         |
|----------------|----------------------|--------------------|-------------------------------------|
| clean errors   | pulumi/pulumi#10416  | 3.260.0 and later  | the host sends no traceback         |
| detailed diff  | pulumi/pulumi#13679  | the whole range    | a dynamic DiffResult carries one    |
| flat pickler   | pulumi/pulumi#17803  | the whole range    | serialize_provider stops rewrapping |
| program run    | pulumi/pulumi#8280   | the whole range    | each mock test gets its own root    |
| config keys    | (none filed)         | the whole range    | the SDK lists the config keys set   |
| stopped engine | (none filed)         | the whole range    | a cancelled RPC reads as a shutdown |

The first two patch only inside the dynamic-provider host process (`running_in_dynamic_host`);
the stopped engine (its own module, stopped_engine.py) patches only the program's process, and
only how one gRPC status reads; the pickler reset undoes an SDK patch; `current_run` and the
config keys only read.
"""

from __future__ import annotations

import pickle
import re
import sys
import threading
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from typing import Any, Final

from pulumi.runtime import proto, settings

from ocamba_provider.errors import OcambaError
from ocamba_provider.runstate.results import ChangeKind, Detail

Release = tuple[int, ...]


def release_of(text: str) -> Release:
    """`3.272.0` -> (3, 272, 0): the release numbers, without a pre- or dev- suffix."""
    found = re.match(r"\d+(?:\.\d+)*", text)
    if found is None:
        raise ValueError(f"not a version: {text!r}")
    return tuple(int(part) for part in found.group(0).split("."))


@cache
def installed_sdk() -> Release:
    """The release of the Pulumi SDK this process runs on."""
    return release_of(version("pulumi"))


@dataclass(frozen=True)
class Workaround:
    """One patch and the SDK versions that have the behaviour it answers: from `since` (None:
    before the range's floor) up to, not including, `fixed_in` (None: not fixed upstream in
    the newest SDK we test)."""

    name: str
    upstream: str
    since: str | None = None
    fixed_in: str | None = None

    def needed_on(self, sdk: Release) -> bool:
        """Whether an SDK of this release has the behaviour (so gets the patch)."""
        after_start = self.since is None or sdk >= release_of(self.since)
        return after_start and (self.fixed_in is None or sdk < release_of(self.fixed_in))

    def needed(self) -> bool:
        """Whether the installed SDK has the behaviour."""
        return self.needed_on(installed_sdk())

    def patches_within(self, oldest: Release, newest: Release) -> bool:
        """Whether any SDK from `oldest` to `newest` has the behaviour: when none does, the
        workaround only waits to be deleted."""
        starts_in_time = self.since is None or release_of(self.since) <= newest
        return starts_in_time and (self.fixed_in is None or release_of(self.fixed_in) > oldest)


# Until 3.259 the dynamic host let a hook's exception reach gRPC, which answers
# "Exception calling application: <message>"; 3.260.0 added `_abort_with_traceback`.
CLEAN_ERRORS: Final = Workaround("clean errors", "pulumi/pulumi#10416", since="3.260.0")
DETAILED_DIFF: Final = Workaround("detailed diff", "pulumi/pulumi#13679")
FLAT_PICKLER: Final = Workaround("flat pickler", "pulumi/pulumi#17803")
PROGRAM_RUN: Final = Workaround("program run", "pulumi/pulumi#8280")
CONFIG_KEYS: Final = Workaround("config keys", "none filed")
STOPPED_ENGINE: Final = Workaround("stopped engine", "none filed")
WORKAROUNDS: Final = (
    CLEAN_ERRORS,
    DETAILED_DIFF,
    FLAT_PICKLER,
    PROGRAM_RUN,
    CONFIG_KEYS,
    STOPPED_ENGINE,
)


def running_in_dynamic_host() -> bool:
    """True inside `python -m pulumi.dynamic`, the process that runs provider hooks."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    return spec is not None and spec.name in ("pulumi.dynamic.__main__", "pulumi.dynamic")


# Clean errors ---------------------------------------------------------------------------------
# The dynamic host (pulumi/dynamic/__main__.py, `_abort_with_traceback`) answers any exception
# of a hook with `traceback.format_exc()`. Our errors already say which campaign, what was
# observed and what to do; a traceback around them only buries that (upstream, the nearest open
# request is pulumi/pulumi#10416: "remove pulumi callstacks from provider exception traceback").
# So, inside that host only, `format_exc` renders an OcambaError as its message alone. Every
# other exception keeps its traceback: an unexpected one is a bug, and the trace is what a
# maintainer needs. Older hosts (before 3.260.0) never call format_exc: nothing to patch there.
# Goes when the host sends an exception's message without a traceback.

_CLEAN_ERRORS: Final = "_ocamba_clean_errors"


def install_clean_errors() -> None:
    """Make the dynamic-provider host print our errors without a Python traceback."""
    if getattr(traceback, _CLEAN_ERRORS, False) or not CLEAN_ERRORS.needed():
        return
    original = traceback.format_exc

    def format_exc(limit: int | None = None, chain: bool = True) -> str:
        error = sys.exc_info()[1]
        if isinstance(error, OcambaError):
            return str(error)
        return original(limit, chain)

    traceback.format_exc = format_exc
    setattr(traceback, _CLEAN_ERRORS, True)


# Detailed diff --------------------------------------------------------------------------------
# Tell the engine *why* a campaign changes: `observed_status: "running" => "paused"`. The
# dynamic DiffResult has no field for a detailed diff, so the engine can only compare old and
# new *inputs*, and after a refresh the old inputs hold the status observed before the last
# action, not the one the refresh saw (pulumi/pulumi#13679, open; also #3080). A detailed diff
# entry marked as not-an-input diff makes the engine compare against the old *outputs*, which do.
#
# The host builds its answer with `proto.DiffResponse(**fields)` on the thread that called our
# `diff`, right after it returns. So `diff` leaves its detailed diff in a thread-local (`offer`),
# and a thin wrapper around that constructor adds it. If an SDK builds the answer differently,
# the wrapper is never called and the preview shows the plain input diff: nothing breaks, and
# tests/e2e/test_campaign_run_state.py notices. Goes when DiffResult carries a detailed diff:
# then `diff` returns it. (The native provider builds its own DiffResponse from the core's
# answer and needs none of this.)

_pending = threading.local()
_DETAILED_DIFF: Final = "_ocamba_detailed_diff"

UPDATE: Final = int(proto.PropertyDiff.UPDATE)
UPDATE_REPLACE: Final = int(proto.PropertyDiff.UPDATE_REPLACE)
_KIND: Final = {ChangeKind.UPDATE: UPDATE, ChangeKind.UPDATE_REPLACE: UPDATE_REPLACE}


def offer(detail: Detail) -> None:
    """Attach the core's detailed diff to the DiffResponse this thread builds next."""
    _pending.detail = {
        prop: (_KIND[change.kind], change.input_diff) for prop, change in detail.items()
    }


def _take() -> dict[str, tuple[int, bool]] | None:
    """The detail this thread offered and no DiffResponse consumed yet, cleared."""
    detail: dict[str, tuple[int, bool]] | None = getattr(_pending, "detail", None)
    _pending.detail = None
    return detail


class _WithDetail:
    """Stands in for the DiffResponse class: builds it, adding the offered detail."""

    def __init__(self, original: Any) -> None:
        self._original = original

    def __getattr__(self, name: str) -> Any:
        # Enum values such as DiffResponse.DIFF_SOME are read through the class.
        return getattr(self._original, name)

    def __call__(self, **fields: Any) -> Any:
        detail = _take()
        if detail is not None and "detailedDiff" not in fields:
            fields["detailedDiff"] = {
                prop: proto.PropertyDiff(kind=kind, inputDiff=input_diff)  # type: ignore[arg-type]
                for prop, (kind, input_diff) in detail.items()
            }
            fields["hasDetailedDiff"] = True
            fields["diffs"] = sorted(detail)
        return self._original(**fields)


def install_detailed_diff() -> None:
    """Wrap the host's DiffResponse constructor, once per process."""
    if getattr(proto, _DETAILED_DIFF, False) or not DETAILED_DIFF.needed():
        return
    proto.DiffResponse = _WithDetail(proto.DiffResponse)  # type: ignore[misc,assignment]
    setattr(proto, _DETAILED_DIFF, True)


# Flat pickler ---------------------------------------------------------------------------------
# `pulumi.dynamic.dynamic.serialize_provider` replaces `pickle._Pickler._batch_setitems` with a
# sorting wrapper of *the current* one on every call and never restores it, so the N-th dynamic
# resource of a program pickles its provider through N nested wrappers: the ~985th dies of
# RecursionError (pulumi/pulumi#17803, closed as "no repro"). CampaignRunState calls
# `flatten_pickler()` before each resource, so each pickles through one wrapper only.
# tools/bench/pickler_fix.py does the same for the bench's naive baseline. Goes when
# serialize_provider restores the pickler or stops wrapping the wrapper it left.

_BATCH_SETITEMS: Final = pickle._Pickler._batch_setitems  # type: ignore[attr-defined]


def flatten_pickler() -> None:
    """Undo every sorting wrapper serialize_provider left on the pickler so far."""
    if not FLAT_PICKLER.needed():
        return
    pickle._Pickler._batch_setitems = _BATCH_SETITEMS  # type: ignore[attr-defined]


# Program run ----------------------------------------------------------------------------------
# Which Pulumi program run is declaring resources right now (declarations.py starts over per
# run). A process may run many programs: the Automation API runs inline programs in the caller's
# process (preview, then up, then another stack), and Pulumi's unit-test mocks run one per
# `@pulumi.runtime.test`. The SDK has no public "current run" value, and under mocks every test
# shares one root stack resource (pulumi/pulumi#8280, open). But every run has its own list of
# outstanding RPCs: a new `Settings` (each inline run, each `set_mocks`) makes a new RPCManager,
# and `@pulumi.runtime.test` calls `rpc_manager.clear()`, which replaces the list. That list's
# identity is the run. Goes when each mock test gets its own root (then the root is the run), or
# when the SDK offers a run id.

_PROCESS_RUN: Final = object()
"""The run when the SDK offers no marker: the whole process (the CLI runs one program)."""


def current_run() -> object:
    """An object that stays the same for one program run and differs for the next."""
    if not PROGRAM_RUN.needed():
        root = settings.get_root_resource()
        return root if root is not None else _PROCESS_RUN
    manager = getattr(settings.SETTINGS, "rpc_manager", None)
    rpcs = getattr(manager, "rpcs", None)
    if isinstance(rpcs, list):
        return rpcs
    root = settings.get_root_resource()
    return root if root is not None else _PROCESS_RUN


# Config keys ----------------------------------------------------------------------------------
# A dynamic provider's `configure` gets the stack config as a `pulumi.dynamic.config.Config`,
# whose only public method looks a key up: nothing lists the keys that are set, and a misspelt
# `ocamba:apiUrll` would be silently ignored. The keys are the dict it wraps (`_props`, read
# here only). Goes when the Config lists its keys (a `keys()` or the raw dict made public).
# A Python program's config is no better: `pulumi.Config` looks keys up one by one, so the
# program reads the SDK's own config map (`pulumi.runtime.config.CONFIG`, plus the keys given
# in the environment) to list them.


def config_keys(config: Any) -> list[str]:
    """Every key of the stack config a dynamic provider was configured with; [] if unknown."""
    raw = getattr(config, "_props", None)
    return [str(key) for key in raw] if isinstance(raw, Mapping) else []


def program_config_keys() -> list[str]:
    """Every config key a Python program was started with (the SDK's config map, which has no
    public way to list its keys either)."""
    from pulumi.runtime import config as runtime_config

    keys = set(runtime_config.CONFIG.get()) | set(runtime_config.get_config_env())
    return sorted(str(key) for key in keys)
