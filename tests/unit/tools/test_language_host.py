"""The language host answers the engine's metadata calls without importing the SDK, with the
very bytes the SDK's own servicer would send, and hands everything else to that servicer."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import grpc
import pytest
from google.protobuf import empty_pb2
from pulumi.automation._server import LanguageServer
from pulumi.runtime.proto import language_pb2, language_pb2_grpc, plugin_pb2
from pulumi.runtime.proto.language_pb2_grpc import LanguageRuntimeServicer

from tests.support.paths import REPO
from tools import pulumi_language_host as host


def test_about_is_byte_for_byte_what_the_sdk_answers() -> None:
    version = f"{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}"
    expected = language_pb2.AboutResponse(executable=sys.executable, version=version)
    assert host.about_response() == expected.SerializeToString()


def test_plugin_info_is_byte_for_byte_what_the_sdk_answers() -> None:
    assert host.plugin_info() == plugin_pb2.PluginInfo().SerializeToString()


def test_a_long_string_gets_a_multi_byte_length() -> None:
    text = "x" * 300
    parsed = language_pb2.AboutResponse.FromString(host._string_field(1, text))
    assert parsed.executable == text


@pytest.mark.parametrize("method", host.NOT_IMPLEMENTED_BY_SDK)
def test_early_unimplemented_calls_are_unimplemented_in_the_sdk_too(method: str) -> None:
    assert getattr(LanguageServer, method) is getattr(LanguageRuntimeServicer, method)


class CountingLoad:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> grpc.GenericRpcHandler:
        self.calls += 1
        return host.sdk_handler()


@pytest.fixture
def served() -> Iterator[tuple[language_pb2_grpc.LanguageRuntimeStub, CountingLoad]]:
    load = CountingLoad()
    server, port = host.serve(host.LanguageRuntime(load))
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    try:
        yield language_pb2_grpc.LanguageRuntimeStub(channel), load
    finally:
        channel.close()
        server.stop(0)


def test_the_metadata_launch_never_loads_the_sdk(
    served: tuple[language_pb2_grpc.LanguageRuntimeStub, CountingLoad],
) -> None:
    stub, load = served
    assert stub.GetPluginInfo(empty_pb2.Empty()) == plugin_pb2.PluginInfo()
    about = stub.About(language_pb2.AboutRequest())
    assert about.executable == sys.executable
    with pytest.raises(grpc.RpcError) as cancelled:
        stub.Cancel(empty_pb2.Empty())
    assert cancelled.value.code() is grpc.StatusCode.UNIMPLEMENTED
    assert load.calls == 0


def test_other_calls_go_to_the_sdk_loaded_once(
    served: tuple[language_pb2_grpc.LanguageRuntimeStub, CountingLoad],
) -> None:
    stub, load = served
    request = language_pb2.GetRequiredPackagesRequest()
    assert stub.GetRequiredPackages(request) == language_pb2.GetRequiredPackagesResponse()
    assert stub.GetRequiredPackages(request) == language_pb2.GetRequiredPackagesResponse()
    with pytest.raises(grpc.RpcError) as cancelled:
        stub.Cancel(empty_pb2.Empty())
    assert cancelled.value.code() is grpc.StatusCode.UNIMPLEMENTED
    assert load.calls == 1


def test_a_fresh_host_process_loads_the_sdk_in_a_worker_thread() -> None:
    # As the engine starts it: the first SDK call imports pulumi in a gRPC worker thread, which
    # has no event loop; SDKs before 3.230 need one at import (make test-compat's oldest end).
    script = str(REPO / "tools" / "pulumi_language_host.py")
    process = subprocess.Popen([sys.executable, "-u", script], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = language_pb2_grpc.LanguageRuntimeStub(channel)
            answer = stub.GetRequiredPlugins(language_pb2.GetRequiredPluginsRequest(), timeout=60)
    finally:
        process.kill()
        process.wait(timeout=30)

    assert answer == language_pb2.GetRequiredPluginsResponse()
