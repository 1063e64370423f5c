"""The config-driven stack: one CampaignRunState per entry of `ocamba-campaigns:campaigns`."""

import pulumi

from ocamba_provider import CampaignRunState, run_states
from ocamba_provider.domain.stack_config import StackConfigError, parse_campaigns
from ocamba_provider.domain.zones import DEFAULT_ZONE, UnknownZone, zone

# The zone of times an entry writes without an offset, unless it names its own.
default_zone = pulumi.Config("ocamba").get("timeZone") or DEFAULT_ZONE
try:
    zone(default_zone)
    entries = parse_campaigns(pulumi.Config().get_object("campaigns"), default_zone)
except UnknownZone as error:
    raise pulumi.RunError(f"ocamba:timeZone: {error}") from None
except StackConfigError as error:
    # RunError prints the message alone: the list of problems is the whole story.
    raise pulumi.RunError(str(error)) from None

resources = [CampaignRunState(entry.resource_name, **entry.resource_args()) for entry in entries]

# The declared ids by desired state: what the stack asks for, at a glance.
pulumi.export(
    "declared",
    {
        state: sorted(entry.id for entry in entries if entry.state == state)
        for state in ("active", "paused")
    },
)

# What the run left, for later CI steps: `pulumi stack output campaigns --json`.
pulumi.export("campaigns", run_states(resources))
