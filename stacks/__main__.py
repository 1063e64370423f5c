"""The config-driven stack: one CampaignRunState per entry of `<project>:campaigns`.

The program lives in the package (ocamba_provider/resources/config_program.py), so a
repository that copies this file gets every fix with the package.
"""

from ocamba_provider.resources.config_program import declare_from_config

declare_from_config()
