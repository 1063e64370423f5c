"""A minimal Pulumi language host for Python programs: `pulumi-language-python`.

Why this exists: `make setup` builds the pinned Pulumi CLI from its Go module, but the Python
language host's own Go module (github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3)
is not served by the module proxy this project can reach. The Python SDK already ships the gRPC
servicer that the Automation API uses to run inline programs (`pulumi.automation._server`), so
this host reuses it and only adds what the engine's plugin protocol needs around it: print the
port, then run the project's `main` directory as `__main__`.

Why it answers some calls before importing the SDK: the engine launches the language host twice
per command, once only to ask `GetPluginInfo` and `About` for the update's metadata (and then
`Cancel` and kill it), and the command waits for that first host before it runs the program.
Importing `pulumi` takes about 0.2 s; those answers, encoded here by hand, come back in 0.1 s
instead. Every other call goes to the SDK's servicer, imported on the first such call (the
second launch still pays for it), so a `pulumi preview` of 10 campaigns went from 1.19 s to
1.15 s (median of 5, on the bench machine).

Why it watches the engine: the engine starts it in a process group of its own, so a killed
`pulumi up` does not take it along (see ocamba_provider/lifeline.py).

Not implemented (the engine tolerates UNIMPLEMENTED for these): dependency installation,
`pulumi about` details, policy packs, program generation. On a workstation with the official
Pulumi CLI installed, the official host is used instead and this file is never involved.
"""

from __future__ import annotations

import asyncio
import os
import runpy
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent import futures
from typing import Any

import grpc

from ocamba_provider import lifeline

SERVICE = "pulumirpc.LanguageRuntime"
# The SDK's channel options (pulumi.runtime._grpc_settings), repeated because importing them
# imports the whole SDK: 400 MB messages, and half an hour before an idle call is dropped.
GRPC_OPTIONS = [
    ("grpc.max_receive_message_length", 400 * 1024 * 1024),
    ("grpc.server_max_unrequested_time_in_server", 30 * 60),
]
NOT_IMPLEMENTED_BY_SDK = ("Handshake", "Cancel")
"""Calls the SDK's LanguageServer leaves UNIMPLEMENTED; answered the same way, early."""


def _varint(value: int) -> bytes:
    out = bytearray()
    while value > 0x7F:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _string_field(number: int, text: str) -> bytes:
    """One protobuf `string` field, wire type 2: tag, length, UTF-8 bytes."""
    data = text.encode()
    return _varint(number << 3 | 2) + _varint(len(data)) + data


def about_response() -> bytes:
    """AboutResponse{executable = 1, version = 2}, as the SDK's LanguageServer.About fills it."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}"
    return _string_field(1, sys.executable) + _string_field(2, version)


def plugin_info() -> bytes:
    """An empty PluginInfo, as the SDK's LanguageServer.GetPluginInfo returns it."""
    return b""


EARLY_ANSWERS: dict[str, Callable[[], bytes]] = {
    "GetPluginInfo": plugin_info,
    "About": about_response,
}


def _program_path(request: Any) -> str:
    """The program to run: the engine's ProgramInfo when sent, else pwd + program."""
    info = getattr(request, "info", None)
    if info is not None and info.program_directory:
        entry = info.entry_point or "."
        return os.path.normpath(os.path.join(info.program_directory, entry))
    return os.path.normpath(os.path.join(request.pwd or os.getcwd(), request.program or "."))


MONITOR_GONE = "Resource monitor has terminated, shutting down"
"""What the SDK raises in a program whose engine stopped it (a check failed): the engine's own
error is the story, so this one is not shown."""


class _OnceLog:
    """The SDK server's `log`, minus the line a stopped engine makes every program print."""

    def __init__(self, log: Any) -> None:
        self._log = log

    def __getattr__(self, name: str) -> Any:
        return getattr(self._log, name)

    def error(self, msg: str, *args: Any, **kwargs: Any) -> None:
        if msg.strip().rstrip(".") != MONITOR_GONE:
            self._log.error(msg, *args, **kwargs)


def project_language_server() -> Any:
    """The SDK's LanguageServer, made to run the project's program file or directory, and to
    print each of the program's errors once."""
    from pulumi.automation import _server
    from pulumi.automation._server import LanguageServer
    from pulumi.runtime.proto import language_pb2

    # The server logs a failed program's error itself, then returns it, and the engine prints
    # it again ("an unhandled error occurred: ..."): answer `bail` instead (the official host
    # does the same with its exit code 32), so each error shows once.
    if not isinstance(_server.log, _OnceLog):
        _server.log = _OnceLog(_server.log)

    class ProjectLanguageServer(LanguageServer):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(program=lambda: None)

        def Run(self, request: Any, context: Any) -> Any:
            path = _program_path(request)
            program_dir = path if os.path.isdir(path) else os.path.dirname(path)
            if program_dir not in sys.path:
                sys.path.insert(0, program_dir)
            os.chdir(request.pwd or program_dir)

            def program() -> None:
                runpy.run_path(path, run_name="__main__")

            self.program = program
            answer = super().Run(request, context)
            if answer.error:
                return language_pb2.RunResponse(bail=True)
            return answer

    return ProjectLanguageServer()


class _Collector:
    """Stands in for a grpc.Server to collect the SDK's generated handler for the service."""

    def __init__(self) -> None:
        self.handlers: list[grpc.GenericRpcHandler] = []

    def add_generic_rpc_handlers(self, handlers: Sequence[grpc.GenericRpcHandler]) -> None:
        self.handlers.extend(handlers)

    def add_registered_method_handlers(self, service: str, handlers: dict[str, Any]) -> None:
        """Newer generated code registers here too; the generic handler already covers it."""


def _give_thread_an_event_loop() -> None:
    # SDKs before 3.230 start grpc's asyncio support while `import pulumi` runs
    # (pulumi/runtime/_callbacks.py, for grpc/grpc#38679), and that needs an event loop in the
    # importing thread: here a gRPC worker, which has none. Run makes a loop of its own.
    try:
        asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:
        asyncio.set_event_loop(asyncio.new_event_loop())


def sdk_handler() -> grpc.GenericRpcHandler:
    """The SDK's generated handler for LanguageRuntime, around `project_language_server()`."""
    _give_thread_an_event_loop()
    from pulumi.runtime.proto import language_pb2_grpc

    collector = _Collector()
    language_pb2_grpc.add_LanguageRuntimeServicer_to_server(project_language_server(), collector)
    (handler,) = collector.handlers
    return handler


class LanguageRuntime(grpc.GenericRpcHandler):
    """Early answers without the SDK; everything else through the SDK, loaded once."""

    def __init__(self, load: Callable[[], grpc.GenericRpcHandler] = sdk_handler) -> None:
        self._load = load
        self._lock = threading.Lock()
        self._sdk: grpc.GenericRpcHandler | None = None

    def service(self, handler_call_details: Any) -> Any:
        service, _, method = str(handler_call_details.method).lstrip("/").partition("/")
        if service == SERVICE and method in EARLY_ANSWERS:
            answer = EARLY_ANSWERS[method]
            return grpc.unary_unary_rpc_method_handler(lambda request, context: answer())
        if service == SERVICE and method in NOT_IMPLEMENTED_BY_SDK and self._sdk is None:
            return grpc.unary_unary_rpc_method_handler(_not_implemented)
        return self._sdk_handler().service(handler_call_details)

    def _sdk_handler(self) -> grpc.GenericRpcHandler:
        with self._lock:
            if self._sdk is None:
                self._sdk = self._load()
            return self._sdk


def _not_implemented(request: bytes, context: grpc.ServicerContext) -> bytes:
    context.abort(grpc.StatusCode.UNIMPLEMENTED, "Method not implemented!")
    raise AssertionError("unreachable: abort raises")


def serve(runtime: grpc.GenericRpcHandler) -> tuple[grpc.Server, int]:
    """A started server on a free 127.0.0.1 port."""
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), options=GRPC_OPTIONS)
    server.add_generic_rpc_handlers((runtime,))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    return server, port


def main() -> None:
    # The program runs in this process: a killed engine must not leave it running (and
    # sending, if stack code calls the API). The module is stdlib-only: no SDK import here.
    lifeline.watch_engine()
    server, port = serve(LanguageRuntime())
    # The engine reads the port from the first line of stdout.
    sys.stdout.write(f"{port}\n")
    sys.stdout.flush()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        # The engine stops its plugins with SIGINT once the program has run.
        server.stop(0)


if __name__ == "__main__":
    main()
