"""The config-driven program: one CampaignRunState per entry of `<project>:campaigns`.

`stacks/__main__.py` is this module's one call, so a repository that copies the program gets
every fix with the package. Nothing in the config is silently ignored: a key of the program's
namespace other than `campaigns` is refused naming the nearest one, and a missing `campaigns`
key is a warning on a new stack but an error on one that already manages campaigns (the run
would forget them all); an explicit empty list forgets them on purpose.
"""

from __future__ import annotations

from typing import Any

import pulumi

from ocamba_provider.domain.stack_config import (
    CAMPAIGNS,
    CampaignEntry,
    StackConfigError,
    parse_campaigns,
    unknown_program_keys,
)
from ocamba_provider.domain.zones import DEFAULT_ZONE, UnknownZone, zone
from ocamba_provider.resources.campaign_run_state import CampaignRunState
from ocamba_provider.resources.sdk_workarounds import program_config_keys
from ocamba_provider.resources.stack_outputs import earliest_transition, run_states

DECLARED_OUTPUT = "declared"


def declare_from_config() -> list[CampaignRunState]:
    """Declare the stack config's campaigns and export what the run left.

    Raises:
        pulumi.RunError: the config is not valid; the message lists every problem.
    """
    project = pulumi.get_project()
    typos = unknown_program_keys(program_config_keys(), project)
    if typos:
        raise pulumi.RunError("; ".join(typos))
    # The zone of times an entry writes without an offset, unless it names its own.
    default_zone = pulumi.Config("ocamba").get("timeZone") or DEFAULT_ZONE
    raw = pulumi.Config().get_object(CAMPAIGNS)
    try:
        zone(default_zone)
        entries = parse_campaigns(raw, default_zone, f"{project}:{CAMPAIGNS}")
    except UnknownZone as error:
        raise pulumi.RunError(f"ocamba:timeZone: {error}") from None
    except StackConfigError as error:
        # RunError prints the message alone: the list of problems is the whole story.
        raise pulumi.RunError(str(error)) from None
    if raw is None:
        _without_campaigns(project)
    resources = [CampaignRunState(e.resource_name, **e.resource_args()) for e in entries]
    # The declared ids by desired state: what the stack asks for, at a glance.
    pulumi.export(DECLARED_OUTPUT, _declared(entries))
    # What the run left, for later CI steps: `pulumi stack output campaigns --json`.
    pulumi.export("campaigns", run_states(resources))
    # When the calendar next changes something: the next tick that has work to do.
    pulumi.export("next_transition", earliest_transition(resources))
    return resources


def _declared(entries: list[CampaignEntry]) -> dict[str, list[str]]:
    return {
        state: sorted(entry.id for entry in entries if entry.state == state)
        for state in ("active", "paused")
    }


def _without_campaigns(project: str) -> None:
    """No `<project>:campaigns` key: fine for a new stack, fatal for one that manages some.

    What the stack declared last is its own `declared` output, read through a reference to
    itself (the only way a program can see its stack's last state).
    """
    key = f"{project}:{CAMPAIGNS}"
    own = pulumi.StackReference(
        f"{pulumi.get_organization()}/{project}/{pulumi.get_stack()}",
        opts=pulumi.ResourceOptions(retain_on_delete=True),
    )

    def judge(outputs: dict[str, Any]) -> None:
        last = outputs.get(DECLARED_OUTPUT) or {}
        managed = sorted({cid for ids in last.values() for cid in ids}) if last else []
        if managed:
            raise pulumi.RunError(
                f"{key} is not set, but this stack manages {len(managed)} campaign(s) "
                f"({', '.join(managed[:10])}{' ...' if len(managed) > 10 else ''}): the run "
                f"would forget them all. Set {key} in Pulumi.{pulumi.get_stack()}.yaml "
                f"(or set it to [] to forget them on purpose)."
            )
        pulumi.log.warn(
            f"{key} is not set: this stack declares no campaigns. Add entries under {key} "
            f"in the stack's config file, Pulumi.{pulumi.get_stack()}.yaml (docs/configuration.md)."
        )

    own.outputs.apply(judge)
