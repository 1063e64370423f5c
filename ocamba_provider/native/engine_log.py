"""The core's `ocamba: resumed ...` lines, through the engine's log service.

The engine hides a resource plugin's stderr (the dynamic provider's host forwards it; a
plugin's is not), so the transition lines would vanish from the CI log. The core logs them
on the `ocamba_provider` logger; here a handler sends each record to the engine's `Log` RPC,
attached to the resource the current hook works on (a context variable, which
`asyncio.to_thread` carries into the worker thread).
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
from typing import Any, Final

import grpc  # type: ignore[import-untyped]
from pulumi.runtime.proto import engine_pb2, engine_pb2_grpc

current_urn: contextvars.ContextVar[str] = contextvars.ContextVar("current_urn", default="")
"""The URN of the resource whose hook is running, for the engine to file the line under."""

_SEVERITY: Final = {
    logging.DEBUG: engine_pb2.DEBUG,
    logging.INFO: engine_pb2.INFO,
    logging.WARNING: engine_pb2.WARNING,
    logging.ERROR: engine_pb2.ERROR,
}


class EngineLogHandler(logging.Handler):
    """Sends log records to the engine; a failed send is dropped, never raised."""

    def __init__(self, engine: Any) -> None:
        super().__init__(level=logging.INFO)
        self._engine = engine

    def emit(self, record: logging.LogRecord) -> None:
        severity = _SEVERITY.get(record.levelno, engine_pb2.INFO)
        # A line that cannot reach the engine must not fail the transition it reports.
        with contextlib.suppress(grpc.RpcError):
            self._engine.Log(
                engine_pb2.LogRequest(
                    severity=severity, message=self.format(record), urn=current_urn.get()
                )
            )


def forward_to_engine(engine_address: str) -> EngineLogHandler:
    """Route the core's INFO-and-above records to the engine at `engine_address`."""
    channel = grpc.insecure_channel(engine_address)
    handler = EngineLogHandler(engine_pb2_grpc.EngineStub(channel))
    logger = logging.getLogger("ocamba_provider")
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    # The plugin's stderr goes nowhere useful; the root logger must not print there too.
    logger.propagate = False
    return handler
