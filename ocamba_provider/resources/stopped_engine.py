"""The "stopped engine" SDK workaround (registered with the others in sdk_workarounds.py).

When one resource's check fails (two groups that disagree, a past time), the engine stops the
deployment and cancels the RegisterResource calls still in flight: they end with gRPC
CANCELLED, "context canceled". The SDK reads only UNAVAILABLE as "the engine is shutting
down" (`settings.grpc_error_to_exception` returns a RunError, printed as one line, or not at
all by tools/pulumi_language_host.py); CANCELLED becomes a bare Exception, and both the
official host and the Automation API's print it as "Program failed with an unhandled
exception" with a Python traceback, under the engine's own clear error. So, in the program's
process, CANCELLED reads as UNAVAILABLE does. `handle_grpc_error` looks the function up in
its module at every call, so replacing it there is enough. Goes when the SDK treats a
cancelled call as a shutdown.
"""

from __future__ import annotations

from typing import Final

import grpc  # type: ignore[import-untyped]
from pulumi.errors import RunError
from pulumi.runtime import settings

from ocamba_provider.resources.sdk_workarounds import STOPPED_ENGINE

_STOPPED_ENGINE: Final = "_ocamba_stopped_engine"
MONITOR_GONE: Final = "Resource monitor has terminated, shutting down"
"""The SDK's own words for a stopped engine (settings.grpc_error_to_exception)."""


def install_stopped_engine() -> None:
    """Make a call the engine cancelled while stopping read as the engine's shutdown."""
    if getattr(settings, _STOPPED_ENGINE, False) or not STOPPED_ENGINE.needed():
        return
    original = settings.grpc_error_to_exception

    def grpc_error_to_exception(exn: grpc.RpcError) -> Exception:
        if exn.code() == grpc.StatusCode.CANCELLED:
            return RunError(MONITOR_GONE)
        return original(exn)

    settings.grpc_error_to_exception = grpc_error_to_exception
    setattr(settings, _STOPPED_ENGINE, True)
