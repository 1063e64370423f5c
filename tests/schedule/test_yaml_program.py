"""schedule/yaml_program.py: a YAML program's campaigns and groups, read as `due` needs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocamba_provider.errors import ConfigurationError
from ocamba_provider.schedule.yaml_program import program_declarations, program_groups

PROJECT = Path("Pulumi.yaml")
PROGRAM = {
    "resources": {
        "spring": {
            "type": "ocamba:CampaignRunState",
            "properties": {"campaignId": "1000248", "state": "active", "runImmediately": True},
        },
        "bf": {
            "type": "ocamba:CampaignGroup",
            "properties": {"select": {"nameContains": "BF"}, "state": "paused"},
        },
        "bucket": {"type": "aws:s3:Bucket", "properties": {"acl": "private"}},
    }
}


def test_campaigns_and_groups_are_read_by_type_with_their_camel_case_keys() -> None:
    (campaign,) = program_declarations(PROJECT, PROGRAM, "UTC")
    groups = program_groups(PROJECT, PROGRAM, "UTC")

    assert (campaign.campaign_id, campaign.state, campaign.run_immediately) == (
        "1000248",
        "active",
        True,
    )
    assert list(groups) == ["bf"]
    assert groups["bf"].select.name_contains == "BF"


def test_a_value_the_engine_computes_is_refused_by_name_with_every_other_problem() -> None:
    program = {
        "resources": {
            "a": {
                "type": "ocamba:CampaignRunState",
                "properties": {"campaignId": "${other.id}", "state": "active"},
            },
            "b": {
                "type": "ocamba:CampaignRunState",
                "properties": {"campaignId": "1000249", "state": {"fn::select": [0, ["x"]]}},
            },
            "g": {
                "type": "ocamba:CampaignGroup",
                "properties": {"select": {"labels": "${labels}"}, "state": "paused"},
            },
        }
    }

    with pytest.raises(ConfigurationError) as campaigns:
        program_declarations(PROJECT, program, "UTC")
    with pytest.raises(ConfigurationError) as groups:
        program_groups(PROJECT, program, "UTC")

    said = str(campaigns.value)
    assert "resources.a: campaignId computed by the engine" in said
    assert "resources.b: state computed by the engine" in said
    assert "`due` reads literal values only" in said
    assert "resources.g: select computed by the engine" in str(groups.value)
