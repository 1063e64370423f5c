"""The CampaignRunState resource and its provider."""

from ocamba_provider.resources.campaign_run_state import CampaignRunState, CampaignRunStateArgs
from ocamba_provider.resources.provider import CampaignRunStateProvider

__all__ = ["CampaignRunState", "CampaignRunStateArgs", "CampaignRunStateProvider"]
