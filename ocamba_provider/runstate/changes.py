"""What diff names as changed, for the engine's detailed diff."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ocamba_provider.domain.declaration import DECLARED, OBSERVED_STATUS, OBSERVED_TIME, POLICY_KEYS
from ocamba_provider.runstate.results import ChangeKind, Detail, PropertyChange

_UPDATE = PropertyChange(ChangeKind.UPDATE, input_diff=True)


def transition_detail(olds: Mapping[str, Any], news: Mapping[str, Any]) -> Detail:
    """Why a resume or pause shows: the observation, and any declaration that changed."""
    # olds are the last outputs: they hold the status the last run left, so the
    # observation is compared with them (input_diff=False); declarations with inputs.
    detail = {OBSERVED_STATUS: PropertyChange(ChangeKind.UPDATE, input_diff=False)}
    if olds.get(OBSERVED_TIME) != news.get(OBSERVED_TIME):
        # A reschedule: Hood's time is the reason, compared with what the last run saw.
        detail[OBSERVED_TIME] = PropertyChange(ChangeKind.UPDATE, input_diff=False)
    for key in DECLARED:
        if olds.get(key) != news.get(key):
            detail[key] = _UPDATE
    return detail


def policy_detail(olds: Mapping[str, Any], news: Mapping[str, Any]) -> Detail:
    """The policies that changed; empty when none did.

    A new policy changes nothing now but decides what a later delete or manual pause does,
    which reads it from the outputs: it is recorded (no API call).
    """
    return {key: _UPDATE for key in POLICY_KEYS if olds.get(key) != news.get(key)}
