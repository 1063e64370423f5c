"""RunStateCore: the hooks of a run-state resource, without any Pulumi SDK.

Every hook is the same four beats: read its inputs, observe the campaign (the snapshot or the
client), ask the one verdict (domain/verdict.py) what that means, and return plain data
(runstate/results.py). Both adapters hold one core and map it onto their SDK: resources/ onto
`pulumi.dynamic`, native/ onto `pulumi.provider.experimental`. Neither decides anything.

The core holds the settings `configure` resolved and the run's whole plan; the sessions (one
client, snapshot and guard per account) are shared by the process (runstate/session.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ocamba_provider.domain.declaration import (
    NAME,
    OBSERVED_STATUS,
    OBSERVED_TIME,
    RESOURCE_HINT,
    SNAPSHOT_HINT,
    RunStateInputs,
)
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.removal import removal_goal, stale_restore
from ocamba_provider.domain.run_list import RunList, disagreements, from_hint
from ocamba_provider.domain.validation import check_declared
from ocamba_provider.domain.verdict import (
    SETTLE_SECONDS,
    Act,
    Pending,
    Previous,
    Refusal,
    guarded,
    needed,
    verdict,
)
from ocamba_provider.domain.wording import as_error
from ocamba_provider.domain.zones import DEFAULT_ZONE
from ocamba_provider.errors import OcambaError, TransitionError
from ocamba_provider.runstate import audit, clock, observing
from ocamba_provider.runstate.adoption import declaration_for
from ocamba_provider.runstate.changes import policy_detail, transition_detail
from ocamba_provider.runstate.configured import Configured
from ocamba_provider.runstate.facts import check_problems, recorded_facts
from ocamba_provider.runstate.observing import could_not_read, observation_of
from ocamba_provider.runstate.outputs import declared_of, outputs
from ocamba_provider.runstate.problems_file import record_problems
from ocamba_provider.runstate.reschedule import reschedule
from ocamba_provider.runstate.results import (
    Applied,
    ChangeKind,
    Changes,
    Checked,
    PropertyChange,
    Refreshed,
)
from ocamba_provider.runstate.transition import carry_out
from ocamba_provider.runstate.whole_run import WholeRun

_REPLACED = {"campaign_id": PropertyChange(ChangeKind.UPDATE_REPLACE, input_diff=True)}


class RunStateCore:
    """Manages the run-state of existing Hood campaigns; never creates or deletes one."""

    def __init__(self) -> None:
        self._config = Configured()
        self._whole_run = WholeRun()
        self._list_must_agree = False
        self._listed: RunList = {}

    @property
    def configured(self) -> Configured:
        """The settings `configure` resolved (diff reads what this process already saw)."""
        return self._config

    @property
    def _settle_s(self) -> float:
        settings = self._config.settings
        return settings.settle_seconds if settings is not None else SETTLE_SECONDS

    @property
    def _zone(self) -> str:
        settings = self._config.settings
        return settings.time_zone if settings is not None else DEFAULT_ZONE

    def configure(
        self, config: Callable[[str], Any], listed: RunList | None, *, must_agree: bool = False
    ) -> None:
        """Settings from `config(key)` (`ocamba:*`), else the environment; the run's list.

        `must_agree`: the list is the user's own copy (`ocamba:declaredCampaigns`), so each
        check compares its declaration with it.
        """
        self._config.configure(config)
        self._whole_run = WholeRun(listed)
        self._listed = dict(listed or {})
        self._list_must_agree = must_agree and listed is not None

    # --- check: validate, observe, judge --------------------------------------------------

    def check(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Checked:
        """Validate the declaration and record the campaign's live status in the inputs."""
        checked = self._check(olds, news)
        record_problems(str(news.get(RESOURCE_HINT) or ""), checked.inputs, checked.problems)
        return checked

    def _check(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Checked:
        declared, problems = check_declared(news, self._zone)
        # Inputs that already carry an observation are the engine re-checking what a read
        # returned (`pulumi import`), not a declaration of the program: no run to plan, and
        # no list to agree with.
        importing = OBSERVED_STATUS in news
        listed = self._list_must_agree and not importing
        disagree = disagreements(self._listed, declared) if listed else []
        if problems or not observing.observable(declared):
            return Checked(declared, disagree + problems)  # nothing to judge: decided at apply
        campaign_id, now = str(declared["campaign_id"]), clock.now_utc()
        try:
            session = self._config.session()
            with could_not_read(
                campaign_id, "Check ocamba:apiUrl and the token, then run the preview again."
            ):
                hint = from_hint(news.get(SNAPSHOT_HINT), self._zone)
                refusal = None if importing else self._whole_run.plan(session, hint, now)
                campaign = session.snapshot.observe(campaign_id)
        except OcambaError as error:
            return Checked(declared, [*disagree, _as_problem(error, campaign_id)])
        declared |= observing.observed_fields(campaign)
        found = verdict(
            RunStateInputs.from_props(declared),
            observation_of(campaign),
            Previous.checked(olds),
            now,
            self._settle_s,
        )
        found = guarded(found, campaign_id, session.guard)
        return Checked(declared | recorded_facts(found), disagree + check_problems(refusal, found))

    # --- diff: pure ---------------------------------------------------------------------

    def diff(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Changes:
        """A change only when the campaign needs a resume or pause; a new id replaces."""
        if olds.get("campaign_id") != news.get("campaign_id"):
            return Changes(True, ("campaign_id",), delete_before_replace=True, detail=_REPLACED)
        observed = observing.freshest_observation(self._config.settings, news)
        previous = Previous.recorded(news)
        found = verdict(
            RunStateInputs.from_props(news), observed, previous, clock.now_utc(), self._settle_s
        )
        if isinstance(found, Pending):
            return Changes(None)
        if needed(found) is not Action.NONE:
            return Changes(True, detail=transition_detail(olds, news))
        policies = policy_detail(olds, news)
        # A new policy is recorded for a later delete or manual pause (no API call).
        return Changes(True, detail=policies) if policies else Changes(False)

    # --- apply (create / update): act once ----------------------------------------------

    def apply(self, props: Mapping[str, Any], previous: Mapping[str, Any] | None) -> Applied:
        """Adopt the campaign (none is created) and reconcile it from the freshest status this
        run has seen; `previous` is the last outputs (None: create)."""
        session = self._config.session()
        inputs = RunStateInputs.from_props(props)
        with could_not_read(inputs.campaign_id, "Nothing was sent; run `pulumi up` again."):
            campaign = session.snapshot.observe(inputs.campaign_id)
        found = verdict(
            inputs,
            observation_of(campaign),
            Previous.recorded(props),
            clock.now_utc(),
            session.settle.seconds,
        )
        if isinstance(found, Refusal):
            raise as_error(found.problem, TransitionError)
        actor, action = audit.ci_actor(), Action.NONE
        adoption = audit.adopted(dict(previous) if previous else None, campaign)
        if isinstance(found, Act) and found.action is Action.RESCHEDULE:
            assert campaign is not None  # a reschedule is of a scheduled campaign
            outcome = reschedule(
                session.snapshot,
                inputs,
                campaign,
                audit.reschedule_reason(inputs, actor),
                settle=session.settle,
            )
            campaign, action = outcome.campaign, outcome.action
        elif isinstance(found, Act):
            settle = session.settle
            outcome = carry_out(
                session.snapshot,
                inputs,
                campaign,
                audit.audit_reason(inputs, actor),
                settle=settle,
                earlier=audit.earlier_action(
                    dict(previous) if previous else None, settle.seconds, settle.clock()
                ),
            )
            campaign, action = outcome.campaign, outcome.action
        now = clock.now_utc()
        outs = outputs(declared_of(props), campaign, action, now, previous=previous, actor=actor)
        return Applied(inputs.campaign_id, outs | adoption)

    # --- refresh: read ------------------------------------------------------------------

    def refresh(self, id_: str, props: Mapping[str, Any]) -> Refreshed:
        """The live status; an empty id when the campaign is gone."""
        session = self._config.session()
        try:
            with could_not_read(id_, "Run the refresh again.", during=" during refresh"):
                campaign = session.snapshot.observe(id_)
        except ValueError:
            raise OcambaError(
                f"{id_!r} is not a Hood campaign id (digits only, e.g. 1000248): nothing was read."
            ) from None
        if campaign is None:
            # Gone from the workspace (a single read said so): the engine drops it from state.
            return Refreshed("", {})
        declared = declared_of(props) if props.get("campaign_id") else {"campaign_id": id_}
        outs = outputs(declared, campaign, Action.NONE, clock.now_utc(), previous=props)
        outs |= audit.adopted(dict(props), campaign)
        if "state" not in declared:
            return Refreshed(id_, outs, dict(declared))  # `pulumi import`: nothing declared yet
        # The inputs carry the live observation, even when it is what the last action left:
        # `up --refresh --plan` checks the refreshed inputs against the saved plan, which was
        # made from a check that observed the live status too. Whether the refresh shows a
        # change is diff's answer (see freshest_observation), not these inputs'.
        return Refreshed(id_, outs, declared | observing.observed_fields(campaign))

    def adopt(self, id_: str) -> Refreshed:
        """`pulumi import`: the live status, and the declaration that changes nothing.

        Raises:
            OcambaError: no declaration can manage the campaign (a draft, a canceled one).
        """
        refreshed = self.refresh(id_, {})
        if not refreshed.id:
            return refreshed
        outs = refreshed.outputs
        name, status = str(outs.get(NAME, "")), str(outs["status"])
        # A scheduled campaign is declared at the time Hood holds: the import changes nothing.
        when = outs.get(OBSERVED_TIME) or outs.get("adopted_scheduled_time")
        declared = declaration_for(id_, name, status, when)
        return Refreshed(id_, outs | declared, declared | {OBSERVED_STATUS: status, NAME: name})

    # --- remove (delete): forget, or pause / restore once ---------------------------------

    def remove(self, id_: str, props: Mapping[str, Any]) -> None:
        """Apply `on_delete`: forget (default, no API call), pause, or restore the adopted status.

        Raises:
            OcambaError: restore is impossible, the guard refused, or the API refused.
        """
        on_delete = str(props.get("on_delete") or "forget")
        if on_delete == "forget":
            return
        session = self._config.session()
        with could_not_read(
            id_,
            "Nothing was sent; run `pulumi up` or `pulumi destroy` again.",
            during=f" for on_delete: {on_delete}",
        ):
            campaign = session.snapshot.reread(id_)
        observed = observation_of(campaign)
        goal = removal_goal(id_, on_delete, audit.adoption_of(dict(props)), observed)
        if goal is None:
            return
        now = clock.now_utc()
        stale = stale_restore(goal, now)
        if stale is not None:
            raise as_error(stale)
        found = guarded(verdict(goal, observed, Previous(), now), id_, session.guard)
        if isinstance(found, Refusal):
            because = {"on_delete": on_delete, "because": found.problem}
            raise as_error(Problem(Code.REMOVAL_REFUSED, "on_delete", id_, params=because))
        carry_out(session.snapshot, goal, campaign, audit.audit_reason(goal, audit.ci_actor()))


def _as_problem(error: OcambaError, campaign_id: str) -> Problem:
    """A failed observation as the check's problem (a read failure is one already)."""
    if isinstance(error.problem, Problem):
        return error.problem
    return Problem(Code.CONFIGURATION, "campaign_id", campaign_id, params={"message": str(error)})
