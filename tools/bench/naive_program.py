"""The naive baseline's program: the same config and shape as stacks/__main__.py."""

import pulumi

from ocamba_provider.domain.stack_config import parse_campaigns
from tools.bench import pickler_fix
from tools.bench.naive_provider import NaiveCampaignRunState

pickler_fix.install()
for entry in parse_campaigns(pulumi.Config().get_object("campaigns")):
    NaiveCampaignRunState(entry.resource_name, **entry.resource_args())
