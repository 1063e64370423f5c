"""resources/sdk_workarounds.py: for each workaround, the SDK behaviour it exists for.

A "still" test fails with "remove workaround <name>" once an SDK inside the workaround's
versions no longer behaves the way it answers (then set its `fixed_in`), and names the
workaround when an SDK outside them does (then move its `since`): `make test-compat` runs them
on both ends of the supported range. A range test fails with "remove workaround <name>" once
no SDK of pyproject.toml's range has the behaviour. A "takes effect" test fails when the SDK
moved the internals a workaround relies on: then the workaround needs a new hook.
The dynamic-provider host runs as its own process (`python -m pulumi.dynamic`, as the engine
starts it), so no patch of this test process can hide what the SDK does.
"""

from __future__ import annotations

import base64
import inspect
import pickle
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import dill
import grpc
import pulumi
import pytest
from google.protobuf import struct_pb2
from pulumi.dynamic import DiffResult
from pulumi.dynamic.config import Config as DynamicConfig
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.runtime import config as runtime_config
from pulumi.runtime import proto, settings
from pulumi.runtime.proto import provider_pb2_grpc

from ocamba_provider.resources import sdk_workarounds
from ocamba_provider.resources.sdk_workarounds import (
    CLEAN_ERRORS,
    CONFIG_KEYS,
    DETAILED_DIFF,
    FLAT_PICKLER,
    PROGRAM_RUN,
    STOPPED_ENGINE,
    WORKAROUNDS,
    Workaround,
    config_keys,
    current_run,
    installed_sdk,
    program_config_keys,
    release_of,
)
from ocamba_provider.resources.stopped_engine import install_stopped_engine
from tests.support import sdk_probes
from tests.support.paths import REPO
from tests.support.sdk_range import supported_range

URN = "urn:pulumi:dev::probe::pulumi-python:dynamic:Resource::probe"


def remove(workaround: str, why: str) -> str:
    return f"remove workaround {workaround!r} (resources/sdk_workarounds.py): {why}"


def still(workaround: Workaround, behaves: bool, why_not: str) -> None:
    """The installed SDK has the behaviour exactly when the workaround says it needs the patch."""
    sdk = ".".join(map(str, installed_sdk()))
    if workaround.needed():
        assert behaves, remove(workaround.name, f"pulumi {sdk} {why_not}: set its fixed_in")
    else:
        assert not behaves, (
            f"workaround {workaround.name!r}: pulumi {sdk} has the behaviour it answers, "
            "but its SDK versions leave this one out: move its since or fixed_in"
        )


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
    still(
        CLEAN_ERRORS,
        "Traceback (most recent call last)" in details,
        "sends an error without a traceback",
    )


def test_clean_errors_takes_effect_in_the_host(host: Any) -> None:
    details = create_error(host, sdk_probes.FailingWithCleanErrors())

    if CLEAN_ERRORS.needed():
        # If this fails, the host no longer formats errors with traceback.format_exc().
        assert details == sdk_probes.MESSAGE
    else:
        # Older hosts let gRPC say it: "Exception calling application: <message>".
        assert details.endswith(sdk_probes.MESSAGE) and "Traceback" not in details


# Detailed diff --------------------------------------------------------------------------------


def test_still_a_dynamic_diff_result_cannot_carry_a_detailed_diff(host: Any) -> None:
    fields = set(inspect.signature(DiffResult).parameters)

    answer = diff_answer(host, sdk_probes.Changing())

    assert answer.changes == proto.DiffResponse.DIFF_SOME
    still(
        DETAILED_DIFF,
        not [name for name in fields if "detail" in name.lower()],
        f"has a DiffResult with {sorted(fields)}: return the detailed diff in it",
    )
    still(DETAILED_DIFF, not answer.hasDetailedDiff, "sends a detailed diff of its own")


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
    still(FLAT_PICKLER, first in wrapped, "no longer wraps the wrapper it left last time")


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

    still(
        PROGRAM_RUN,
        done.stdout.strip() == "one root",
        "gives each mock test its own root (pulumi/pulumi#8280): current_run can use the root",
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


# Stopped engine -------------------------------------------------------------------------------


class _EndedCall(grpc.RpcError):
    """A call as grpc ends it: an RpcError that is also a Call with a code and details."""

    def __init__(self, code: grpc.StatusCode, details: str) -> None:
        self._code, self._details = code, details

    def code(self) -> grpc.StatusCode:
        return self._code

    def details(self) -> str:
        return self._details


CANCELLED = _EndedCall(grpc.StatusCode.CANCELLED, "context canceled")


@pytest.fixture
def sdk_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """The SDK's error mapping as installed, restored after the test."""
    monkeypatch.setattr(settings, "grpc_error_to_exception", settings.grpc_error_to_exception)
    monkeypatch.setattr(settings, "_ocamba_stopped_engine", False, raising=False)


def test_still_the_sdk_reads_a_cancelled_call_as_a_bare_exception(sdk_errors: None) -> None:
    read = settings.grpc_error_to_exception(CANCELLED)
    assert not isinstance(read, pulumi.RunError), remove(
        STOPPED_ENGINE.name, "the SDK reads a cancelled call as a shutdown"
    )
    assert str(read) == "context canceled"


def test_a_call_the_stopping_engine_cancelled_reads_as_its_shutdown(sdk_errors: None) -> None:
    install_stopped_engine()
    install_stopped_engine()  # once per process, however many resources a program declares

    with pytest.raises(pulumi.RunError, match=r"^Resource monitor has terminated, shutting down$"):
        settings.handle_grpc_error(CANCELLED)


def test_other_failed_calls_keep_their_own_words(sdk_errors: None) -> None:
    install_stopped_engine()

    refused = settings.grpc_error_to_exception(_EndedCall(grpc.StatusCode.UNKNOWN, "bad input"))
    assert not isinstance(refused, pulumi.RunError)
    assert str(refused) == "bad input"
    gone = settings.grpc_error_to_exception(_EndedCall(grpc.StatusCode.UNAVAILABLE, "gone"))
    assert isinstance(gone, pulumi.RunError)


# Config keys ----------------------------------------------------------------------------------

LISTING = ("keys", "items", "values", "__iter__", "as_dict", "to_dict", "all")


def test_still_neither_config_class_lists_the_keys_that_are_set() -> None:
    listed = [
        f"{cls.__module__}.{cls.__qualname__}.{name}"
        for cls in (DynamicConfig, pulumi.Config)
        for name in LISTING
        if callable(getattr(cls, name, None))
    ]

    still(CONFIG_KEYS, not listed, f"lists config keys ({listed}): use that in config_keys")


def test_config_keys_reads_every_key_a_dynamic_provider_was_configured_with() -> None:
    # If this fails, the SDK's Config no longer wraps its dict as _props: a misspelt
    # ocamba: key would again pass unnoticed (config_keys answers []).
    config = DynamicConfig({"ocamba:apiUrl": "x", "ocamba:apiUrll": "y"}, "probe")

    assert sorted(config_keys(config)) == ["ocamba:apiUrl", "ocamba:apiUrll"]


def test_config_keys_of_something_else_is_unknown_not_an_error() -> None:
    assert config_keys(object()) == []


def test_program_config_keys_reads_the_sdks_config_map(monkeypatch: pytest.MonkeyPatch) -> None:
    # If this fails, the SDK keeps a program's config elsewhere than runtime.config.CONFIG or
    # the environment: a program's misspelt key would pass unnoticed.
    monkeypatch.setenv("PULUMI_CONFIG", '{"probe:campaignz": "[]"}')
    token = runtime_config.CONFIG.set({"ocamba:apiUrll": "x"})
    try:
        keys = program_config_keys()
    finally:
        runtime_config.CONFIG.reset(token)

    assert {"ocamba:apiUrll", "probe:campaignz"} <= set(keys)


# The range ------------------------------------------------------------------------------------


@pytest.mark.parametrize("workaround", WORKAROUNDS, ids=lambda w: w.name)
def test_every_workaround_patches_an_sdk_inside_the_supported_range(
    workaround: Workaround,
) -> None:
    oldest, newest = supported_range()

    assert workaround.patches_within(oldest, newest), remove(
        workaround.name,
        f"no SDK from {'.'.join(map(str, oldest))} to {'.'.join(map(str, newest))} has the "
        f"behaviour it answers (its SDK versions: since {workaround.since}, fixed in "
        f"{workaround.fixed_in})",
    )


def test_a_fix_at_or_below_the_floor_leaves_nothing_to_patch() -> None:
    fixed = Workaround("x", "pulumi/pulumi#1", fixed_in="3.216.0")

    assert not fixed.patches_within((3, 216, 0), (3, 272, 0))
    assert fixed.patches_within((3, 215, 0), (3, 272, 0))


def test_a_behaviour_that_starts_past_the_newest_end_patches_nothing_yet() -> None:
    later = Workaround("x", "pulumi/pulumi#1", since="3.280.0")

    assert not later.patches_within((3, 216, 0), (3, 272, 0))
    assert later.patches_within((3, 216, 0), (3, 280, 0))


def test_a_workaround_applies_from_since_up_to_not_including_fixed_in() -> None:
    window = Workaround("x", "pulumi/pulumi#1", since="3.260.0", fixed_in="3.280.0")

    assert [window.needed_on(release_of(v)) for v in ("3.259.9", "3.260.0", "3.279.1")] == [
        False,
        True,
        True,
    ]
    assert not window.needed_on(release_of("3.280.0"))


def test_a_release_is_read_without_its_pre_release_suffix() -> None:
    assert release_of("3.273.0a1") == (3, 273, 0)
    with pytest.raises(ValueError, match=r"^not a version: 'dev'$"):
        release_of("dev")


def test_clean_errors_waits_for_the_host_that_formats_a_traceback() -> None:
    # Read from the SDK's sources: pulumi/dynamic/__main__.py gained _abort_with_traceback
    # in 3.260.0; 3.259.0 let the exception reach gRPC.
    assert not CLEAN_ERRORS.needed_on((3, 259, 0))
    assert CLEAN_ERRORS.needed_on((3, 260, 0))
