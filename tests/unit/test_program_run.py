"""program_run.current_run: the SDK internals it relies on (pulumi 3.272). Fails when they move."""

from __future__ import annotations

from pulumi.runtime import settings

from ocamba_provider.resources.program_run import current_run


def test_the_run_stays_the_same_while_a_program_declares() -> None:
    assert current_run() is current_run()


def test_each_mock_test_is_a_new_run() -> None:
    before = current_run()

    settings.SETTINGS.rpc_manager.clear()  # what @pulumi.runtime.test does first

    assert current_run() is not before


def test_the_sdk_still_keeps_a_list_of_outstanding_rpcs() -> None:
    # If this fails, current_run() fell back to the root resource: check the mock and
    # Automation API paths (tests/unit/test_mocks.py, tests/e2e/test_user_paths.py).
    assert isinstance(settings.SETTINGS.rpc_manager.rpcs, list)
