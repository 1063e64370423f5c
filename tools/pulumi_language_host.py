"""A minimal Pulumi language host for Python programs: `pulumi-language-python`.

Why this exists: `make setup` builds the pinned Pulumi CLI from its Go module, but the Python
language host's own Go module (github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3)
is not served by the module proxy this project can reach. The Python SDK already ships the gRPC
servicer that the Automation API uses to run inline programs (`pulumi.automation._server`), so
this host reuses it and only adds what the engine's plugin protocol needs around it: print the
port, then run the project's `main` directory as `__main__`.

Not implemented (the engine tolerates UNIMPLEMENTED for these): dependency installation,
`pulumi about` details, policy packs, program generation. On a workstation with the official
Pulumi CLI installed, the official host is used instead and this file is never involved.
"""

from __future__ import annotations

import os
import runpy
import sys
import threading
from concurrent import futures
from typing import Any

import grpc
from pulumi.automation._server import LanguageServer
from pulumi.runtime._grpc_settings import _GRPC_CHANNEL_OPTIONS
from pulumi.runtime.proto import language_pb2_grpc


def _program_path(request: Any) -> str:
    """The program to run: the engine's ProgramInfo when sent, else pwd + program."""
    info = getattr(request, "info", None)
    if info is not None and info.program_directory:
        entry = info.entry_point or "."
        return os.path.normpath(os.path.join(info.program_directory, entry))
    return os.path.normpath(os.path.join(request.pwd or os.getcwd(), request.program or "."))


class ProjectLanguageServer(LanguageServer):
    """Runs the project's program file or directory in this process."""

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
        return super().Run(request, context)


def main() -> None:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), options=_GRPC_CHANNEL_OPTIONS)
    language_pb2_grpc.add_LanguageRuntimeServicer_to_server(ProjectLanguageServer(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
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
