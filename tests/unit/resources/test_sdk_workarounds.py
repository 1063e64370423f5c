"""resources/sdk_workarounds.py: for each workaround, the SDK behaviour it exists for.

A "still" test fails with "remove workaround <name>" once the SDK no longer behaves the way the
workaround answers: then delete the workaround and its tests. A "takes effect" test fails when
the SDK moved the internals a workaround relies on: then the workaround needs a new hook.
The dynamic-provider host runs as its own process (`python -m pulumi.dynamic`, as the engine
starts it), so no patch of this test process can hide what the SDK does.
"""

from __future__ import annotations

import base64
import inspect
import pickle
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from importlib.metadata import version
from typing import Any

import dill
import grpc
import pytest
from google.protobuf import struct_pb2
from packaging.requirements import Requirement
from packaging.version import Version
from pulumi.dynamic import DiffResult
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.runtime import proto, settings
from pulumi.runtime.proto import provider_pb2_grpc

from ocamba_provider.resources import sdk_workarounds
from ocamba_provider.resources.sdk_workarounds import CHECKED_SDK, current_run
from tests.support import sdk_probes
from tests.support.paths import REPO

URN = "urn:pulumi:dev::probe::pulumi-python:dynamic:Resource::probe"


def remove(workaround: str, why: str) -> str:
    return f"remove workaround {workaround!r} (resources/sdk_workarounds.py): {why}"


@pytest.fixture
def host() -> Iterator[Any]:
    """A fresh dynamic-provider host process and a stub to call it, as the engine does."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pulumi.dynamic"],
        cwd=REPO,  # the probes are unpickled by reference: tests.support.sdk_probes
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield provider_pb2_grpc.ResourceProviderStub(channel)
    finally:
        process.kill()
        process.wait(timeout=30)


def properties(provider: object) -> struct_pb2.Struct:
    struct = struct_pb2.Struct()
    struct.update({"__provider": base64.b64encode(dill.dumps(provider)).decode()})
    return struct


def create_error(host: Any, provider: object) -> str:
    """What the host answers when the provider's create raises."""
    with pytest.raises(grpc.RpcError) as failed:
        host.Create(proto.CreateRequest(urn=URN, properties=properties(provider)), timeout=60)
    return str(failed.value.details())  # type: ignore[attr-defined]


def diff_answer(host: Any, provider: object) -> Any:
    request = proto.DiffRequest(
        id="1000248", urn=URN, olds=properties(provider), news=properties(provider)
    )
    return host.Diff(request, timeout=60)


# Clean errors ---------------------------------------------------------------------------------


def test_still_the_host_wraps_an_error_of_ours_in_a_traceback(host: Any) -> None:
    details = create_error(host, sdk_probes.Failing())

    assert sdk_probes.MESSAGE in details
    assert "Traceback (most recent call last)" in details, remove(
        "clean errors", "the dynamic host sends an error without a traceback now"
    )


def test_clean_errors_takes_effect_in_the_host(host: Any) -> None:
    # If this fails, the host no longer formats errors with traceback.format_exc().
    assert create_error(host, sdk_probes.FailingWithCleanErrors()) == sdk_probes.MESSAGE


# Detailed diff --------------------------------------------------------------------------------


def test_still_a_dynamic_diff_result_cannot_carry_a_detailed_diff(host: Any) -> None:
    fields = set(inspect.signature(DiffResult).parameters)

    answer = diff_answer(host, sdk_probes.Changing())

    assert answer.changes == proto.DiffResponse.DIFF_SOME
    assert not [name for name in fields if "detail" in name.lower()], remove(
        "detailed diff", f"DiffResult has {sorted(fields)}: return the detailed diff in it"
    )
    assert not answer.hasDetailedDiff, remove(
        "detailed diff", "the dynamic host sends a detailed diff of its own"
    )


def test_detailed_diff_takes_effect_in_the_host(host: Any) -> None:
    # If this fails, the host no longer builds its answer with proto.DiffResponse(**fields).
    answer = diff_answer(host, sdk_probes.ChangingWithDetail())

    assert answer.hasDetailedDiff
    assert list(answer.diffs) == ["observed_status"]
    assert answer.detailedDiff["observed_status"].kind == sdk_workarounds.UPDATE
    assert answer.detailedDiff["observed_status"].inputDiff is False


# Flat pickler ---------------------------------------------------------------------------------


def test_still_serialize_provider_wraps_the_pickler_again_for_every_resource() -> None:
    before = pickle._Pickler._batch_setitems  # type: ignore[attr-defined]
    try:
        serialize_provider(sdk_probes.Changing())
        first = pickle._Pickler._batch_setitems  # type: ignore[attr-defined]
        serialize_provider(sdk_probes.Changing())
        second = pickle._Pickler._batch_setitems  # type: ignore[attr-defined]
    finally:
        pickle._Pickler._batch_setitems = before  # type: ignore[attr-defined]

    wrapped = [cell.cell_contents for cell in second.__closure__ or ()]
    assert first in wrapped, remove(
        "flat pickler", "serialize_provider no longer wraps the wrapper it left last time"
    )


def test_flatten_pickler_restores_picklers_own_method() -> None:
    serialize_provider(sdk_probes.Changing())

    sdk_workarounds.flatten_pickler()

    restored = pickle._Pickler._batch_setitems  # type: ignore[attr-defined]
    # Taken before any serialize_provider: pickle's own method, not a wrapper of it.
    assert restored.__qualname__ == "_Pickler._batch_setitems"
    assert restored.__module__ == "pickle"


# Program run ----------------------------------------------------------------------------------

MOCK_RUNS = """
import pulumi
from pulumi.runtime import settings

class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args):
        return "id", args.inputs

    def call(self, args):
        return {}, []

pulumi.runtime.set_mocks(Mocks(), preview=False)
roots = []

@pulumi.runtime.test
def a_test():
    roots.append(settings.get_root_resource())

a_test()
a_test()
print("one root" if roots[0] is not None and roots[0] is roots[1] else "a root per test")
"""


def test_still_every_mock_test_shares_one_root_stack_resource() -> None:
    # set_mocks replaces the SDK's global settings: in a process of its own.
    done = subprocess.run(
        [sys.executable, "-c", MOCK_RUNS], check=True, capture_output=True, text=True, timeout=120
    )

    assert done.stdout.strip() == "one root", remove(
        "program run",
        "each mock test has its own root (pulumi/pulumi#8280): current_run can use the root",
    )


def test_the_run_stays_the_same_while_a_program_declares() -> None:
    assert current_run() is current_run()


def test_each_mock_test_is_a_new_run() -> None:
    before = current_run()

    settings.SETTINGS.rpc_manager.clear()  # what @pulumi.runtime.test does first

    assert current_run() is not before


def test_the_sdk_still_keeps_a_list_of_outstanding_rpcs() -> None:
    # If this fails, current_run() fell back to the root resource: check the mock and
    # Automation API paths (tests/unit/resources/test_mocks.py, tests/e2e/test_user_paths.py).
    assert isinstance(settings.SETTINGS.rpc_manager.rpcs, list)


# The range ------------------------------------------------------------------------------------


def test_pyproject_admits_only_the_sdk_series_the_workarounds_were_checked_against() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    (pulumi,) = [Requirement(r) for r in project["dependencies"] if r.startswith("pulumi")]
    major, minor = (int(part) for part in CHECKED_SDK.split("."))
    installed = Version(version("pulumi"))

    # Moving to another SDK: run this file against it, settle each workaround, then move
    # CHECKED_SDK, the range and requirements/runtime.txt (make lock) together.
    assert pulumi.specifier.contains(f"{major}.{minor}.0")
    assert not pulumi.specifier.contains(f"{major}.{minor + 1}.0")
    assert not pulumi.specifier.contains(f"{major}.{minor - 1}.0")
    assert (installed.major, installed.minor) == (major, minor), f"pulumi {installed} installed"
