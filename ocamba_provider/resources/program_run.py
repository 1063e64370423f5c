"""Which Pulumi program run is declaring resources right now (a workaround of SDK internals).

Targets pulumi (Python SDK) 3.272. A process may run many programs: the Automation API runs
inline programs in the caller's process (preview, then up, then another stack), and Pulumi's
unit-test mocks run one per `@pulumi.runtime.test`. The SDK has no public "current run" value,
but every run has its own list of outstanding RPCs: a new `Settings` (each inline run, each
`set_mocks`) makes a new RPCManager, and `@pulumi.runtime.test` calls `rpc_manager.clear()`,
which replaces the list. That list's identity is the run. tests/unit/test_program_run.py fails
when an SDK changes this; delete this module when the SDK offers a run id of its own.
"""

from __future__ import annotations

from pulumi.runtime import settings

_PROCESS_RUN: object = object()
"""The run when the SDK offers no marker: the whole process (the CLI runs one program)."""


def current_run() -> object:
    """An object that stays the same for one program run and differs for the next."""
    manager = getattr(settings.SETTINGS, "rpc_manager", None)
    rpcs = getattr(manager, "rpcs", None)
    if isinstance(rpcs, list):
        return rpcs
    root = settings.get_root_resource()
    return root if root is not None else _PROCESS_RUN
