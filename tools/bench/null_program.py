"""The null baseline's program: the same config and shape as stacks/__main__.py."""

import pulumi

from ocamba_provider.domain.stack_config import parse_campaigns
from tools.bench import pickler_fix
from tools.bench.null_provider import NullCampaignRunState

pickler_fix.install()
for entry in parse_campaigns(pulumi.Config().get_object("campaigns")):
    NullCampaignRunState(entry.resource_name, **entry.resource_args())
