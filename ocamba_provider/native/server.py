"""Serving OcambaProvider to the engine, with the core's errors as plain messages.

The SDK's `main` would do, but its servicer turns every exception into the message plus a
Python stack, and our errors already say which campaign, what was observed and what to do.
So the servicer is subclassed (not patched): an OcambaError, the one the SDK raised *from*,
becomes the gRPC status text alone (its problem rendered with the native type's camelCase
property names); any other exception keeps its stack, because an unexpected one is a bug and
the stack is what a maintainer needs.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Final

import grpc  # type: ignore[import-untyped]
from pulumi.provider.experimental.server import ProviderServicer
from pulumi.runtime.proto import provider_pb2_grpc

from ocamba_provider import lifeline
from ocamba_provider._version import __version__
from ocamba_provider.domain.naming import CAMEL
from ocamba_provider.domain.problems import Problem
from ocamba_provider.domain.wording import render
from ocamba_provider.errors import OcambaError
from ocamba_provider.native.engine_log import forward_to_engine
from ocamba_provider.native.provider import OcambaProvider

WORKER_THREADS: Final = 64
"""Hooks in flight at once: the engine runs up to `--parallel` (default: many) resources,
and each waits on the shared rate limiter in its own thread."""

MAX_MESSAGE_BYTES: Final = 400 * 1024 * 1024
"""The SDK's own limit for provider messages (a state of many campaigns is large)."""

_Handler = Callable[[Any, Any], Awaitable[Any]]


def ocamba_error_of(raised: BaseException) -> OcambaError | None:
    """The OcambaError behind an exception the SDK's servicer re-raised, if there is one."""
    if isinstance(raised, OcambaError):
        return raised
    inner = raised.__context__
    return inner if isinstance(inner, OcambaError) else None


def in_camel_case(error: OcambaError) -> str:
    """The error's message for the native type: its problem rendered with camelCase names."""
    if isinstance(error.problem, Problem):
        return render(error.problem, CAMEL)
    return str(error)


class CleanErrorServicer(ProviderServicer):
    """The SDK's servicer; an OcambaError reaches the user as its message alone."""

    async def _clean(self, handler: _Handler, request: Any, context: Any) -> Any:
        try:
            return await handler(request, context)
        except Exception as raised:
            error = ocamba_error_of(raised)
            if error is None:
                raise
            await context.abort(grpc.StatusCode.UNKNOWN, in_camel_case(error))

    async def Configure(self, request: Any, context: Any) -> Any:
        return await self._clean(super().Configure, request, context)

    async def Create(self, request: Any, context: Any) -> Any:
        return await self._clean(super().Create, request, context)

    async def Update(self, request: Any, context: Any) -> Any:
        return await self._clean(super().Update, request, context)

    async def Read(self, request: Any, context: Any) -> Any:
        return await self._clean(super().Read, request, context)

    async def Delete(self, request: Any, context: Any) -> Any:
        return await self._clean(super().Delete, request, context)


async def serve(engine_address: str) -> None:
    """Listen on a free port of 127.0.0.1, tell the engine which, serve until stopped."""
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(WORKER_THREADS))
    server = grpc.aio.server(
        options=[
            ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
        ]
    )
    servicer = CleanErrorServicer(
        sys.argv[1:], __version__, OcambaProvider(), engine_address=engine_address
    )
    provider_pb2_grpc.add_ResourceProviderServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    # The engine reads the port from the first line of stdout.
    sys.stdout.write(f"{port}\n")
    sys.stdout.flush()
    await server.wait_for_termination()


def main() -> None:
    """`pulumi-resource-ocamba <engine address> [--logtostderr ...]`."""
    parser = argparse.ArgumentParser(description="Pulumi resource plugin for Ocamba Hood")
    parser.add_argument("engine", help="the engine's gRPC address")
    known, _ = parser.parse_known_args()
    forward_to_engine(known.engine)
    lifeline.watch_engine()  # a killed engine must not leave this process sending
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(known.engine))
