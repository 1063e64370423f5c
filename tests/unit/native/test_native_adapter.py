"""The native provider's pure pieces: property names, import declarations, clean errors."""

from __future__ import annotations

import pytest
from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.runtime import rpc

from ocamba_provider.domain.guard import TransitionGuard
from ocamba_provider.domain.naming import CAMEL
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.wording import as_error, render
from ocamba_provider.errors import OcambaError, TransitionError
from ocamba_provider.native.properties import camel, to_core, to_wire
from ocamba_provider.native.provider import schema_text
from ocamba_provider.native.server import ocamba_error_of
from ocamba_provider.runstate.adoption import declaration_for
from ocamba_provider.summary.resource_types import is_campaign_type, snake, snake_keys


def test_wire_names_are_camel_case_and_map_back_to_the_core_keys() -> None:
    wire = {
        "campaignId": PropertyValue("1000248"),
        "runImmediately": PropertyValue(True),
        "pauseReason": PropertyValue(None),
        "__unrelated": PropertyValue("x"),
    }

    assert to_core(wire) == {"campaign_id": "1000248", "run_immediately": True}
    assert camel("last_action_at") == "lastActionAt"


def test_a_secret_is_unwrapped_and_an_unknown_stays_the_sentinel_string() -> None:
    wire = {
        "pauseReason": PropertyValue("budget", is_secret=True),
        "state": PropertyValue(rpc.UNKNOWN),
    }

    core = to_core(wire)

    assert core == {"pause_reason": "budget", "state": rpc.UNKNOWN}
    assert to_wire(core)["state"] == PropertyValue(rpc.UNKNOWN)


def test_every_schema_property_has_a_core_key() -> None:
    import json

    resource = json.loads(schema_text())["resources"]["ocamba:index:CampaignRunState"]
    names = set(resource["inputProperties"]) | set(resource["properties"])

    assert set(to_core({name: PropertyValue("x") for name in names})) == {
        snake(name) for name in names
    }


def test_the_schema_marks_the_token_secret_and_carries_the_release_version() -> None:
    import json

    from ocamba_provider import __version__

    schema = json.loads(schema_text())

    assert schema["config"]["variables"]["apiToken"]["secret"] is True
    assert schema["provider"]["inputProperties"]["apiToken"]["secret"] is True
    assert schema["version"] == __version__


@pytest.mark.parametrize(
    ("status", "scheduled", "expected"),
    [
        ("running", None, {"state": "active", "run_immediately": True}),
        (
            "scheduled",
            "2027-06-01 08:00:00",
            {"state": "active", "scheduled_time": "2027-06-01 08:00:00"},
        ),
        ("paused", None, {"state": "paused"}),
        ("sent", None, {"state": "active", "run_immediately": True}),
    ],
)
def test_an_imported_campaign_is_declared_as_it_already_is(
    status: str, scheduled: str | None, expected: dict[str, object]
) -> None:
    assert declaration_for("1000248", "Spring sale", status, scheduled) == {
        "campaign_id": "1000248",
        **expected,
    }


def test_a_draft_cannot_be_imported() -> None:
    with pytest.raises(OcambaError) as refused:
        declaration_for("1000270", "Winter draft", "draft", None)

    assert str(refused.value) == (
        "campaign 1000270 (Winter draft): a draft cannot be resumed (observed status: draft). "
        "Publish it in Hood first, or remove the declaration. Nothing was imported."
    )


def test_the_ocamba_error_behind_the_sdks_rewrapped_exception_is_found() -> None:
    original = TransitionError("campaign 1000248: could not resume")
    try:
        try:
            raise original
        except TransitionError as e:
            # What the SDK's servicer does: a new Exception, the original as its context.
            raise Exception(f"{e}:\n  File ...")  # noqa: B904
    except Exception as wrapped:
        rewrapped = wrapped

    assert ocamba_error_of(rewrapped) is original
    assert ocamba_error_of(original) is original
    assert ocamba_error_of(ValueError("a bug")) is None


def test_the_summary_reads_both_types_and_both_spellings() -> None:
    assert is_campaign_type("ocamba:index:CampaignRunState")
    assert is_campaign_type("pulumi-python:dynamic/ocamba:CampaignRunState")
    assert not is_campaign_type("aws:s3:Bucket")
    assert snake_keys({"campaignId": "1", "observed_status": "paused", "holdUntil": "x"}) == {
        "campaign_id": "1",
        "observed_status": "paused",
        "hold_until": "x",
    }


def test_messages_name_the_declared_properties_in_camel_case() -> None:
    both = Problem(Code.BOTH_RESUME_MODES, "scheduled_time")
    not_managed = Problem(
        Code.NOT_FOUND, "campaign_id", "1", observed="not_found", params={"not_managed": True}
    )
    restore = Problem(Code.RESTORE_IMPOSSIBLE, "on_delete", "1", "", "sent", {"adopted": "paused"})
    digits = Problem(
        Code.INVALID_VALUE, "campaign_id", params={"rule": " must be digits", "got": "'x'"}
    )
    held = Problem(Code.PAST_SCHEDULED_TIME, "scheduled_time", "1", "", "paused", {"time": "T"})

    assert render(both, CAMEL).startswith(
        "set either runImmediately: true or scheduledTime, not both"
    )
    assert "(onMissing: forget covers a campaign" in render(not_managed, CAMEL)
    assert "onDelete: restore" in render(restore, CAMEL)
    assert "Change onDelete to forget or pause" in render(restore, CAMEL)
    assert render(digits, CAMEL) == "campaignId must be digits (got 'x')"
    assert "scheduledTime T GMT is in the past" in render(held, CAMEL)
    assert render(held, CAMEL).endswith("or runImmediately: true.")


def test_words_that_are_not_declared_properties_are_the_same_in_both_spellings() -> None:
    # Statuses, states and the API's fields are not the native type's properties.
    draft = Problem(Code.DRAFT, "campaign_id", "1", "x", "draft", {"verb": "resumed"})
    guard = TransitionGuard(limit=0, allow_mass=False).plan({"1": Action.RESUME})
    assert guard is not None

    assert render(draft, CAMEL) == render(draft)
    assert render(guard, CAMEL) == render(guard)


def test_an_error_of_a_hook_reaches_the_engine_in_camel_case() -> None:
    import asyncio
    from typing import Any

    from ocamba_provider.native.server import CleanErrorServicer

    aborted: list[str] = []

    class Context:
        async def abort(self, _code: Any, details: str) -> None:
            aborted.append(details)

    async def failing(_request: Any, _context: Any) -> None:
        raise as_error(
            Problem(Code.RESTORE_PASSED, "on_delete", "1000248", "", "paused", {"time": "T"})
        )

    servicer = CleanErrorServicer.__new__(CleanErrorServicer)  # no engine behind it
    asyncio.run(servicer._clean(failing, None, Context()))

    assert aborted == [
        "campaign 1000248: onDelete: restore would resume it at its adopted scheduledTime T GMT, "
        "which has passed (observed status: paused). Declare it with a new time or change "
        "onDelete, then run again."
    ]
