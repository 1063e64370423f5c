"""OcambaProvider: `ocamba:index:CampaignRunState` on pulumi.provider.experimental.

An adapter and nothing more: each hook maps camel-case wire properties to the core's
snake-case keys, runs the dynamic provider's hook of the same name (which holds the four
beats: inputs, observe, verdict, result) and maps the answer back. Hooks run in worker
threads: the SDK serves every request on one event loop, and the core blocks on HTTP and on
the rate limiter.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from importlib import resources
from typing import Any, Final, TypeVar, cast

from pulumi.provider.experimental import provider as px

from ocamba_provider import __version__
from ocamba_provider.domain.declaration import NAME, OBSERVED_STATUS, SNAPSHOT_HINT
from ocamba_provider.errors import ConfigurationError
from ocamba_provider.native import declared_campaigns
from ocamba_provider.native.adoption import declaration_for
from ocamba_provider.native.engine_log import current_urn
from ocamba_provider.native.properties import camel, plain, to_core, to_wire
from ocamba_provider.native.wording import in_camel_case
from ocamba_provider.resources import sdk_workarounds
from ocamba_provider.resources.provider import CampaignRunStateProvider

RESOURCE_TYPE: Final = "ocamba:index:CampaignRunState"
_T = TypeVar("_T")


def schema_text() -> str:
    """The published schema, with this release's version."""
    schema = json.loads(resources.files(__package__).joinpath("schema.json").read_text())
    schema["version"] = __version__
    return json.dumps(schema)


class _StackConfig:
    """`ocamba:<key>` lookups over the provider's configure arguments (what resolve_settings
    asks of a pulumi.Config)."""

    def __init__(self, args: dict[str, Any]) -> None:
        self._args = args

    def get(self, key: str) -> Any:
        value = self._args.get(key.split(":", 1)[-1])
        # Typed config arrives as a float (the wire has one number type): 25.0 is 25.
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value


async def _off_loop(urn: str, hook: Callable[[], _T]) -> _T:
    # The URN rides in a context variable that to_thread copies, for the engine log lines.
    current_urn.set(urn)
    return await asyncio.to_thread(hook)


def _diff_kind(kind: int) -> px.PropertyDiffKind:
    return px.PropertyDiffKind(kind)


class OcambaProvider(px.Provider):
    """The `ocamba` package: one resource type, CampaignRunState."""

    def __init__(self) -> None:
        self._core = CampaignRunStateProvider()
        # ocamba:declaredCampaigns, handed to the core as the hint until a check has observed
        # (the core plans the whole run from it once, at its first observation).
        self._declared: declared_campaigns.Declared | None = None
        self._whole_run_planned = False

    async def get_schema(self, request: px.GetSchemaRequest) -> px.GetSchemaResponse:
        return px.GetSchemaResponse(schema=schema_text())

    async def check_config(self, request: px.CheckRequest) -> px.CheckResponse:
        # A malformed list is the engine's provider-config error, before any campaign is read.
        raw = request.new_inputs.get(declared_campaigns.KEY)
        try:
            declared_campaigns.parse_declared(None if raw is None else plain(raw))
        except ConfigurationError as error:
            return px.CheckResponse(
                inputs=request.new_inputs,
                failures=[px.CheckFailure(declared_campaigns.KEY, str(error))],
            )
        return px.CheckResponse(inputs=request.new_inputs)

    async def configure(self, request: px.ConfigureRequest) -> px.ConfigureResponse:
        args = {key: plain(value) for key, value in request.args.items()}
        # Older engines send only the flat `ocamba:config:<key>` variables.
        for key, value in request.variables.items():
            args.setdefault(key.rsplit(":", 1)[-1], value)
        from pulumi.dynamic import ConfigureRequest

        self._core.configure(ConfigureRequest(cast(Any, _StackConfig(args))))
        self._declared = declared_campaigns.parse_declared(args.get(declared_campaigns.KEY))
        # No create or update during preview: the preview's answer comes from check and diff.
        return px.ConfigureResponse(accept_secrets=True, supports_preview=False)

    async def check(self, request: px.CheckRequest) -> px.CheckResponse:
        olds, news = to_core(request.old_inputs), to_core(request.new_inputs)
        # Inputs that already carry an observation are the engine re-checking what a read
        # returned (`pulumi import`), not a declaration of the program: no run to plan.
        declared = None if OBSERVED_STATUS in news else self._declared
        disagreements = [] if declared is None else declared_campaigns.disagreements(declared, news)
        if declared is not None and not self._whole_run_planned:
            news[SNAPSHOT_HINT] = declared
        result = await _off_loop(request.urn, lambda: self._core.check(olds, news))
        # The core observes only after it planned the whole run from the hint (once).
        self._whole_run_planned |= declared is not None and OBSERVED_STATUS in result.inputs
        failures = [*disagreements, *((f.property, f.reason) for f in result.failures)]
        return px.CheckResponse(
            inputs=to_wire(result.inputs),
            failures=[px.CheckFailure(camel(prop), in_camel_case(why)) for prop, why in failures],
        )

    async def diff(self, request: px.DiffRequest) -> px.DiffResponse:
        olds, news = to_core(request.old_state), to_core(request.new_inputs)

        def judged() -> tuple[Any, dict[str, tuple[int, bool]]]:
            # The core leaves its detailed diff in a thread-local: take it on the same thread.
            answer = self._core.diff(request.resource_id, olds, news)
            return answer, sdk_workarounds.take() or {}

        result, detail = await _off_loop(request.urn, judged)
        return px.DiffResponse(
            changes=result.changes,
            replaces=[camel(key) for key in result.replaces or []],
            delete_before_replace=bool(result.delete_before_replace),
            diffs=sorted(camel(key) for key in detail),
            detailed_diff={
                camel(key): px.PropertyDiff(_diff_kind(kind), input_diff)
                for key, (kind, input_diff) in detail.items()
            },
        )

    async def create(self, request: px.CreateRequest) -> px.CreateResponse:
        props = to_core(request.properties)
        result = await _off_loop(request.urn, lambda: self._core.create(props))
        return px.CreateResponse(str(result.id), to_wire(result.outs or {}))

    async def update(self, request: px.UpdateRequest) -> px.UpdateResponse:
        olds, news = to_core(request.olds), to_core(request.news)
        result = await _off_loop(
            request.urn, lambda: self._core.update(request.resource_id, olds, news)
        )
        return px.UpdateResponse(to_wire(dict(result.outs or {})))

    async def read(self, request: px.ReadRequest) -> px.ReadResponse:
        props = to_core(request.properties)
        result = await _off_loop(request.urn, lambda: self._core.read(request.resource_id, props))
        outs: dict[str, Any] = dict(result.outs or {})
        inputs: dict[str, Any] = dict(result.inputs or {})
        if result.id and "state" not in props:
            # `pulumi import`: no declaration yet; generate the one that changes nothing.
            declared = declaration_for(
                result.id,
                str(outs.get(NAME, "")),
                str(outs["status"]),
                outs.get("adopted_scheduled_time"),
            )
            outs |= declared
            inputs = declared | {OBSERVED_STATUS: outs["status"], NAME: outs.get(NAME, "")}
        return px.ReadResponse(result.id or "", to_wire(outs), to_wire(inputs))

    async def delete(self, request: px.DeleteRequest) -> None:
        props = to_core(request.properties)
        await _off_loop(request.urn, lambda: self._core.delete(request.resource_id, props))
