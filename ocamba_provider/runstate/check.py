"""check: validate the declaration, observe the campaign, and judge it.

Pulumi calls check for every resource in every preview, new ones included (diff only for those
already in state), so this is where a pull request learns that a campaign is a draft, that the
run passes the guard, or that a time has passed. The observation is recorded in the checked
inputs for the later hooks and the PR summary; the problems are recorded as data for the
summary's error rows (problems_file.py); each campaign gets a line in the domain's words.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ocamba_provider.domain.declaration import (
    NAME,
    OBSERVED_STATUS,
    RESOURCE_HINT,
    SNAPSHOT_HINT,
    RunStateInputs,
)
from ocamba_provider.domain.declared_campaigns import disagreements
from ocamba_provider.domain.group_list import groups_from_hint
from ocamba_provider.domain.precedence import Declarer
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.run_list import from_hint
from ocamba_provider.domain.upcoming import skipped_soon
from ocamba_provider.domain.validation import check_declared
from ocamba_provider.domain.verdict import Held, Previous, guarded, verdict
from ocamba_provider.domain.wording import preview_line, skipped_line
from ocamba_provider.errors import OcambaError
from ocamba_provider.runstate import clock, observing
from ocamba_provider.runstate.facts import check_problems, recorded_facts
from ocamba_provider.runstate.observing import could_not_read, observation_of
from ocamba_provider.runstate.problems_file import record_problems
from ocamba_provider.runstate.results import Checked
from ocamba_provider.runstate.run import Run
from ocamba_provider.runstate.session import Session
from ocamba_provider.runstate.settle import say


def check(run: Run, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Checked:
    """Validate the declaration and record the campaign's live status in the inputs."""
    checked = _check(run, olds, news)
    record_problems(str(news.get(RESOURCE_HINT) or ""), checked.inputs, checked.problems)
    return checked


def _check(run: Run, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Checked:
    declared, problems = check_declared(news, run.zone)
    # Inputs that already carry an observation are the engine re-checking what a read
    # returned (`pulumi import`), not a declaration of the program: no run to plan, and no
    # list to agree with.
    importing = OBSERVED_STATUS in news
    listed = run.list_must_agree and not importing
    disagree = disagreements(run.listed, declared, run.listed_in) if listed else []
    if problems or not observing.observable(declared):
        return Checked(declared, disagree + problems)  # nothing to judge: decided at apply
    campaign_id, now = str(declared["campaign_id"]), clock.now_utc()
    try:
        session = run.session()
        with could_not_read(
            campaign_id, "Check ocamba:apiUrl and the token, then run the preview again."
        ):
            refusal = None if importing else plan_the_run(run, session, news, now)
            campaign = session.snapshot.observe(campaign_id)
    except OcambaError as error:
        return Checked(declared, [*disagree, _as_problem(error, campaign_id)])
    declared |= observing.observed_fields(campaign)
    declaration, previous = RunStateInputs.from_props(declared), Previous.checked(olds)
    found = verdict(
        declaration,
        observation_of(campaign),
        previous,
        now,
        run.settle_s,
        unattended=run.unattended,
        freezes=run.freezes,
    )
    asking = Declarer("entry", campaign_id, declaration.state == "paused")
    note = run.whole_run.deferral(campaign_id, asking)
    if note is not None:
        found = Held(note)  # a group decides it, and counts it: this check does not
    else:
        found = guarded(found, campaign_id, session.guard, unattended=run.unattended)
    zone = str(declared.get("time_zone") or run.zone)
    line = preview_line(found, campaign_id, str(declared.get(NAME) or ""), zone)
    if line is not None:
        say(line)  # the campaign's line in the preview, in the domain's words
    # A campaign another declaration decides (held above) follows that one's calendar.
    soon = skipped_soon(declaration, run.freezes, now) if note is None else []
    skipped = skipped_line(campaign_id, observation_of(campaign).name, soon, zone)
    if skipped is not None:
        say(skipped)  # a window a freeze skips is said where the reviewer reads the plan
    facts = recorded_facts(found, previous, observation_of(campaign))
    return Checked(declared | facts, disagree + check_problems(refusal, found))


def plan_the_run(
    run: Run, session: Session, news: Mapping[str, Any], now: datetime
) -> Problem | None:
    """The whole run's plan (at the run's first check), with what this check's hint adds.

    Raises:
        HoodError: a read failed.
    """
    hint = news.get(SNAPSHOT_HINT)
    return run.whole_run.plan(
        session,
        from_hint(hint, run.zone),
        now,
        hint_groups=groups_from_hint(hint, run.zone),
        unattended=run.unattended,
        freezes=run.freezes,
    )


def _as_problem(error: OcambaError, campaign_id: str) -> Problem:
    """A failed observation as the check's problem (a read failure is one already)."""
    if isinstance(error.problem, Problem):
        return error.problem
    return Problem(Code.CONFIGURATION, "campaign_id", campaign_id, params={"message": str(error)})
