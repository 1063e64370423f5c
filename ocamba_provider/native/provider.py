"""OcambaProvider: `ocamba:index:CampaignRunState` on pulumi.provider.experimental.

An adapter and nothing more, a sibling of the dynamic provider (resources/): each hook maps
camel-case wire properties to the snake-case keys of the run-state core (runstate/core.py),
runs the core's hook, and maps its plain answer back, problems rendered in camelCase. Hooks run
in worker threads: the SDK serves every request on one event loop, and the core blocks on HTTP
and on the rate limiter.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from importlib import resources
from typing import Any, Final, TypeVar

from pulumi.provider.experimental import provider as px

from ocamba_provider._version import __version__
from ocamba_provider.domain.declaration import RESOURCE_HINT
from ocamba_provider.domain.declared_campaigns import from_declared_campaigns
from ocamba_provider.domain.group import GROUP
from ocamba_provider.domain.group_list import groups_from_declared_campaigns
from ocamba_provider.domain.naming import CAMEL
from ocamba_provider.domain.run_list import DECLARED_CAMPAIGNS as DECLARED_CAMPAIGNS_KEY
from ocamba_provider.domain.wording import render
from ocamba_provider.domain.zones import DEFAULT_ZONE
from ocamba_provider.errors import ConfigurationError
from ocamba_provider.native.engine_log import current_urn
from ocamba_provider.native.project_file import project_file_listing
from ocamba_provider.native.properties import camel, plain, to_core, to_wire
from ocamba_provider.runstate.core import RunStateCore
from ocamba_provider.runstate.results import ChangeKind
from ocamba_provider.settings import NAMESPACE, unknown_keys

DECLARED_CAMPAIGNS: Final = "declaredCampaigns"
"""The provider argument (stack config `ocamba:declaredCampaigns`): the run's list."""
_KIND: Final = {
    ChangeKind.UPDATE: px.PropertyDiffKind.UPDATE,
    ChangeKind.UPDATE_REPLACE: px.PropertyDiffKind.UPDATE_REPLACE,
}
RESOURCE_TYPE: Final = "ocamba:index:CampaignRunState"
GROUP_TYPE: Final = "ocamba:index:CampaignGroup"
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


def _resource_name(urn: str) -> str:
    # urn:pulumi:<stack>::<project>::<type>::<name>: check files problems under the name.
    return urn.rsplit("::", 1)[-1]


def _is_group(urn: str) -> bool:
    # The type is the URN's second-to-last part (after any parent types joined by `$`).
    return urn.rsplit("::", 2)[-2].rsplit("$", 1)[-1] == GROUP_TYPE


class OcambaProvider(px.Provider):
    """The `ocamba` package: CampaignRunState, and CampaignGroup over the same core."""

    def __init__(self) -> None:
        self._core = RunStateCore()

    async def get_schema(self, request: px.GetSchemaRequest) -> px.GetSchemaResponse:
        return px.GetSchemaResponse(schema=schema_text())

    async def check_config(self, request: px.CheckRequest) -> px.CheckResponse:
        # A malformed list or a misspelt key is the engine's provider-config error, before any
        # campaign is read.
        failures = [
            px.CheckFailure(key, typo)
            for key in request.new_inputs
            for typo in unknown_keys([f"{NAMESPACE}:{key}"])
            if key != "version"  # the engine's own plugin-version input
        ]
        raw = request.new_inputs.get(DECLARED_CAMPAIGNS)
        try:
            zone_value = request.new_inputs.get("timeZone")
            zone_name = (plain(zone_value) if zone_value is not None else None) or DEFAULT_ZONE
            from_declared_campaigns(None if raw is None else plain(raw), str(zone_name))
        except ConfigurationError as error:
            failures.append(px.CheckFailure(DECLARED_CAMPAIGNS, str(error)))
        return px.CheckResponse(inputs=request.new_inputs, failures=failures)

    async def configure(self, request: px.ConfigureRequest) -> px.ConfigureResponse:
        args = {key: plain(value) for key, value in request.args.items()}
        # Older engines send only the flat `ocamba:config:<key>` variables.
        for key, value in request.variables.items():
            args.setdefault(key.rsplit(":", 1)[-1], value)
        config = _StackConfig(args)
        zone_name = str(args.get("timeZone") or DEFAULT_ZONE)
        listed = from_declared_campaigns(args.get(DECLARED_CAMPAIGNS), zone_name)
        groups = groups_from_declared_campaigns(args.get(DECLARED_CAMPAIGNS), zone_name)
        keys = [f"{NAMESPACE}:{key}" for key in args]
        lives_in = project_file_listing(DECLARED_CAMPAIGNS_KEY) if listed is not None else None
        self._core.configure(
            config.get, listed, must_agree=True, keys=keys, listed_in=lives_in, groups=groups
        )
        # No create or update during preview: the preview's answer comes from check and diff.
        return px.ConfigureResponse(accept_secrets=True, supports_preview=False)

    async def check(self, request: px.CheckRequest) -> px.CheckResponse:
        olds, news = to_core(request.old_inputs), to_core(request.new_inputs)
        news[RESOURCE_HINT] = _resource_name(request.urn)
        hook = self._core.check
        if _is_group(request.urn):
            news[GROUP], hook = _resource_name(request.urn), self._core.check_group
        checked = await _off_loop(request.urn, lambda: hook(olds, news))
        return px.CheckResponse(
            inputs=to_wire(checked.inputs),
            failures=[px.CheckFailure(camel(p.prop), render(p, CAMEL)) for p in checked.problems],
        )

    async def diff(self, request: px.DiffRequest) -> px.DiffResponse:
        olds, news = to_core(request.old_state), to_core(request.new_inputs)
        hook = self._core.diff_group if _is_group(request.urn) else self._core.diff
        changes = await _off_loop(request.urn, lambda: hook(olds, news))
        return px.DiffResponse(
            changes=changes.changes,
            replaces=[camel(key) for key in changes.replaces],
            delete_before_replace=changes.delete_before_replace,
            diffs=sorted(camel(key) for key in changes.detail),
            detailed_diff={
                camel(key): px.PropertyDiff(_KIND[change.kind], change.input_diff)
                for key, change in changes.detail.items()
            },
        )

    async def create(self, request: px.CreateRequest) -> px.CreateResponse:
        props = to_core(request.properties)
        hook = self._core.apply_group if _is_group(request.urn) else self._core.apply
        applied = await _off_loop(request.urn, lambda: hook(props, None))
        return px.CreateResponse(applied.id, to_wire(applied.outputs))

    async def update(self, request: px.UpdateRequest) -> px.UpdateResponse:
        olds, news = to_core(request.olds), to_core(request.news)
        hook = self._core.apply_group if _is_group(request.urn) else self._core.apply
        applied = await _off_loop(request.urn, lambda: hook(news, olds))
        return px.UpdateResponse(to_wire(applied.outputs))

    async def read(self, request: px.ReadRequest) -> px.ReadResponse:
        props = to_core(request.properties)
        if _is_group(request.urn) and "select" not in props:
            raise ConfigurationError(
                f"{_resource_name(request.urn)}: a CampaignGroup cannot be imported: declare it "
                "with its select and state (its members are found at the next preview), or "
                "import each campaign as a CampaignRunState"
            )
        if _is_group(request.urn):
            hook = lambda: self._core.refresh_group(request.resource_id, props)  # noqa: E731
        elif "state" in props:
            hook = lambda: self._core.refresh(request.resource_id, props)  # noqa: E731
        else:
            # `pulumi import`: no declaration yet; the core generates the one that changes
            # nothing.
            hook = lambda: self._core.adopt(request.resource_id)  # noqa: E731
        refreshed = await _off_loop(request.urn, hook)
        inputs = to_wire(refreshed.inputs) if refreshed.inputs is not None else None
        return px.ReadResponse(refreshed.id, to_wire(refreshed.outputs), inputs)

    async def delete(self, request: px.DeleteRequest) -> None:
        props = to_core(request.properties)
        hook = self._core.remove_group if _is_group(request.urn) else self._core.remove
        await _off_loop(request.urn, lambda: hook(request.resource_id, props))
