"""Dynamic providers that probe the SDK's dynamic-provider host, for test_sdk_workarounds.py.

The host (`python -m pulumi.dynamic`) unpickles them by reference, so they live in an importable
module. Only the `With*` probes touch sdk_workarounds, and only inside their hook: the others
show the SDK as it is, without any of our patches in that process.
"""

from __future__ import annotations

from typing import Any

from pulumi.dynamic import CreateResult, DiffResult, ResourceProvider

from ocamba_provider.errors import OcambaError

MESSAGE = "campaign 1000248: the whole message a user needs"


class Failing(ResourceProvider):
    """Its create raises one of our complete, user-facing errors."""

    def create(self, props: Any) -> CreateResult:
        raise OcambaError(MESSAGE)


class FailingWithCleanErrors(ResourceProvider):
    """Failing, with the clean-errors workaround installed in the host first."""

    def create(self, props: Any) -> CreateResult:
        from ocamba_provider.resources.sdk_workarounds import install_clean_errors

        install_clean_errors()
        raise OcambaError(MESSAGE)


class Changing(ResourceProvider):
    """Its diff says "changed", the only kind of answer a dynamic DiffResult can give."""

    def diff(self, _id: str, _olds: Any, _news: Any) -> DiffResult:
        return DiffResult(changes=True)


class ChangingWithDetail(ResourceProvider):
    """Changing, offering a detailed diff through the detailed-diff workaround."""

    def diff(self, _id: str, _olds: Any, _news: Any) -> DiffResult:
        from ocamba_provider.resources import sdk_workarounds
        from ocamba_provider.runstate.results import ChangeKind, PropertyChange

        sdk_workarounds.install_detailed_diff()
        change = PropertyChange(ChangeKind.UPDATE, input_diff=False)
        sdk_workarounds.offer({"observed_status": change})
        return DiffResult(changes=True)
