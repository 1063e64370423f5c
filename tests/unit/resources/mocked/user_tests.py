"""A user's unit tests of a stack with Pulumi's mocks, as the Pulumi docs write them.

Run by tests/unit/resources/test_mocks.py in a process of its own: set_mocks replaces the
SDK's global settings, which must not leak into the rest of the suite. Two tests declare the
same campaign, as tests of one stack do; each is its own program run.
"""

from __future__ import annotations

from typing import Any

import pulumi

from ocamba_provider import CampaignRunState


class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        return args.inputs["campaign_id"], {**args.inputs, "status": "running"}

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[Any]]:
        return {}, []


pulumi.runtime.set_mocks(Mocks(), preview=False)


@pulumi.runtime.test
def test_spring_sale_is_declared_active() -> pulumi.Output[None]:
    sale = CampaignRunState(
        "spring-sale", campaign_id="3000001", state="active", run_immediately=True
    )

    def check(state: str) -> None:
        assert state == "active"

    return sale.state.apply(check)


@pulumi.runtime.test
def test_spring_sale_reports_its_status() -> pulumi.Output[None]:
    sale = CampaignRunState(
        "spring-sale", campaign_id="3000001", state="active", run_immediately=True
    )
    other = CampaignRunState("newsletter", campaign_id="3000002", state="paused")

    def check(statuses: list[str]) -> None:
        assert statuses == ["running", "running"]

    return pulumi.Output.all(sale.status, other.status).apply(check)
