"""diff: whether the campaign needs a write, from what this run already saw. Never reads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.verdict import Pending, Previous, needed, verdict
from ocamba_provider.runstate import clock, observing
from ocamba_provider.runstate.changes import policy_detail, transition_detail
from ocamba_provider.runstate.results import ChangeKind, Changes, PropertyChange
from ocamba_provider.runstate.run import Run

_REPLACED: Final = {"campaign_id": PropertyChange(ChangeKind.UPDATE_REPLACE, input_diff=True)}


def diff(run: Run, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Changes:
    """A change only when the campaign needs a resume, reschedule or pause; a new id replaces;
    a new policy is recorded (no API call)."""
    if olds.get("campaign_id") != news.get("campaign_id"):
        return Changes(True, ("campaign_id",), delete_before_replace=True, detail=_REPLACED)
    observed = observing.freshest_observation(run.settings, news)
    declaration, previous = RunStateInputs.from_props(news), Previous.recorded(news)
    found = verdict(
        declaration,
        observed,
        previous,
        clock.now_utc(),
        run.settle_s,
        unattended=run.unattended,
        freezes=run.freezes,
    )
    if isinstance(found, Pending):
        return Changes(None)
    if needed(found) is not Action.NONE:
        return Changes(True, detail=transition_detail(olds, news))
    policies = policy_detail(olds, news)
    return Changes(True, detail=policies) if policies else Changes(False)
