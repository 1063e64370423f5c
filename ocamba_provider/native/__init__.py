"""The native `ocamba` provider: `pulumi-resource-ocamba`, on `pulumi.provider.experimental`.

A resource plugin any Pulumi language (YAML first) and `pulumi import` can use, with the
resource token `ocamba:index:CampaignRunState` and camel-case properties. It is an adapter
only, a sibling of the dynamic provider (resources/), over the same run-state core
(runstate/): every decision, read and write is the core's, so the two types cannot disagree.
It imports nothing from resources/ (an import contract says so).
"""
