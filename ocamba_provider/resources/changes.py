"""What diff names as changed, for the engine's detailed diff (sdk_workarounds.offer)."""

from __future__ import annotations

from typing import Any

from ocamba_provider.domain.declaration import DECLARED, OBSERVED_STATUS, POLICY_KEYS
from ocamba_provider.resources.sdk_workarounds import UPDATE

Detail = dict[str, tuple[int, bool]]


def transition_detail(olds: dict[str, Any], news: dict[str, Any]) -> Detail:
    """Why a resume or pause shows: the observation, and any declaration that changed."""
    # olds are the last outputs: they hold the status the last run left, so the
    # observation is compared with them (input_diff=False); declarations with inputs.
    detail = {OBSERVED_STATUS: (UPDATE, False)}
    for key in DECLARED:
        if olds.get(key) != news.get(key):
            detail[key] = (UPDATE, True)
    return detail


def policy_detail(olds: dict[str, Any], news: dict[str, Any]) -> Detail:
    """The policies that changed; empty when none did.

    A new policy changes nothing now but decides what a later delete or manual pause does,
    which reads it from the outputs: it is recorded (no API call).
    """
    return {key: (UPDATE, True) for key in POLICY_KEYS if olds.get(key) != news.get(key)}
