"""The native `ocamba` provider: `pulumi-resource-ocamba`, on `pulumi.provider.experimental`.

A resource plugin any Pulumi language (YAML first) and `pulumi import` can use, with the
resource token `ocamba:index:CampaignRunState` and camel-case properties. It is an adapter
only: every decision, read and write goes through the same core as the dynamic provider
(reconcile, policies, guard, snapshot, transition), reached through that provider's hooks,
so the two types cannot disagree.
"""
