"""The domain's name for an unknown value is the engine's."""

from __future__ import annotations

from pulumi.runtime import rpc

from ocamba_provider.domain.unknown import UNKNOWN, is_unknown


def test_the_sentinel_is_the_sdks_wire_form_of_an_unknown() -> None:
    # The domain cannot import the SDK; if a release changes the sentinel, this says so.
    assert UNKNOWN == rpc.UNKNOWN


def test_only_the_sentinel_string_is_unknown() -> None:
    assert is_unknown(rpc.UNKNOWN)
    assert not is_unknown("1000248")
    assert not is_unknown(None)
    assert not is_unknown([rpc.UNKNOWN])
