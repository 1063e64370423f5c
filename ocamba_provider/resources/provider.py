"""CampaignRunStateProvider: the dynamic provider behind CampaignRunState.

Every hook is the same four beats: read its inputs, observe the campaign (the snapshot or the
client), ask the one verdict (domain/verdict.py) what that means, and return full state. The
provider object itself holds nothing but its settings, which `configure` fills in the provider
process; it is pickled (by reference to this importable module) into every resource's
`__provider` input, so it must stay small and stable: the same bytes for every resource and
every release means a code change never shows as a diff.
"""

from __future__ import annotations

from typing import Any

from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)

from ocamba_provider import lifeline
from ocamba_provider.domain.declaration import SNAPSHOT_HINT, RunStateInputs
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.removal import removal_goal, stale_restore
from ocamba_provider.domain.stack_config import declared_in_config
from ocamba_provider.domain.times import now_utc
from ocamba_provider.domain.validation import check_declared
from ocamba_provider.domain.verdict import Act, Pending, Previous, Refusal, needed, verdict
from ocamba_provider.errors import OcambaError, TransitionError
from ocamba_provider.resources import audit, observing, sdk_workarounds
from ocamba_provider.resources.changes import policy_detail, transition_detail
from ocamba_provider.resources.checked import check_failures, recorded_facts
from ocamba_provider.resources.configured import Configured
from ocamba_provider.resources.observing import could_not_read, observation_of
from ocamba_provider.resources.outputs import declared_of, outputs
from ocamba_provider.resources.sdk_workarounds import install_clean_errors, running_in_dynamic_host
from ocamba_provider.resources.transition import carry_out
from ocamba_provider.resources.whole_run import WholeRun, valid_hint

if running_in_dynamic_host():
    install_clean_errors()
    sdk_workarounds.install_detailed_diff()
    lifeline.watch_engine()  # a killed engine must not leave this process sending


class CampaignRunStateProvider(ResourceProvider):
    """Manages the run-state of one existing Hood campaign; never creates or deletes one."""

    # The pickled provider holds no secret, so it need not be stored encrypted.
    serialize_as_secret_always = False

    def __init__(self) -> None:
        super().__init__()
        self._config = Configured()
        self._whole_run = WholeRun()

    def __getstate__(self) -> dict[str, Any]:
        # The pickled provider is an input of every resource: nothing configured goes in it.
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]

    def configure(self, req: ConfigureRequest) -> None:
        """Settings from stack config (`ocamba:*`), else the environment; the declared list."""
        self._config.configure(req.config.get)
        # The engine hands a dynamic provider the whole stack config, the program's own
        # `<project>:campaigns` included: no resource needs to carry the list (and no
        # dependency edge needs to order the others after it).
        self._whole_run = WholeRun(declared_in_config(req.config.get("campaigns")))

    # --- check: validate, observe, judge --------------------------------------------------

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Validate the declaration and record the campaign's live status in the inputs."""
        declared, problems = check_declared(news)
        failures = [CheckFailure(prop, reason) for prop, reason in problems]
        if failures or not observing.observable(declared):
            return CheckResult(declared, failures)  # nothing to judge: decided at apply
        campaign_id = str(declared["campaign_id"])
        try:
            session = self._config.session()
            with could_not_read(
                campaign_id, "Check ocamba:apiUrl and the token, then run the preview again."
            ):
                refusal = self._whole_run.plan(session, valid_hint(news.get(SNAPSHOT_HINT)))
                campaign = session.snapshot.observe(campaign_id)
        except OcambaError as error:
            return CheckResult(declared, [CheckFailure("campaign_id", str(error))])
        declared |= observing.observed_fields(campaign)
        inputs = RunStateInputs.from_props(declared)
        previous = Previous.checked(olds)
        found = verdict(inputs, observation_of(campaign), previous, now_utc(), session.guard)
        return CheckResult(declared | recorded_facts(found), check_failures(refusal, found))

    # --- diff: pure ---------------------------------------------------------------------

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """A change only when the campaign needs a resume or pause; a new id replaces."""
        if olds.get("campaign_id") != news.get("campaign_id"):
            sdk_workarounds.offer({"campaign_id": (sdk_workarounds.UPDATE_REPLACE, True)})
            return DiffResult(changes=True, replaces=["campaign_id"], delete_before_replace=True)
        fresh = observing.freshest_status(self._config.settings, news)
        observed = observing.recorded_observation(fresh, news)
        # No clock and no guard: check judged both before the engine asked for this diff.
        found = verdict(RunStateInputs.from_props(news), observed, Previous.recorded(news), None)
        if isinstance(found, Pending):
            return DiffResult(changes=None)
        if needed(found) is not Action.NONE:
            sdk_workarounds.offer(transition_detail(olds, news))
            return DiffResult(changes=True)
        policies = policy_detail(olds, news)
        if policies:
            sdk_workarounds.offer(policies)  # recorded for a later delete or manual pause
            return DiffResult(changes=True)
        return DiffResult(changes=False)

    # --- create / update: act once --------------------------------------------------------

    def create(self, props: dict[str, Any]) -> CreateResult:
        """Adopt the existing campaign and reconcile it (no campaign is created)."""
        return CreateResult(str(props["campaign_id"]), self._reconcile(props, None))

    def update(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """Reconcile from the freshest status this run has seen."""
        return UpdateResult(self._reconcile(news, olds))

    def _reconcile(self, props: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, Any]:
        session = self._config.session()
        inputs = RunStateInputs.from_props(props)
        with could_not_read(inputs.campaign_id, "Nothing was sent; run `pulumi up` again."):
            campaign = session.snapshot.observe(inputs.campaign_id)
        found = verdict(inputs, observation_of(campaign), Previous.recorded(props), now_utc())
        if isinstance(found, Refusal):
            raise TransitionError(found.message)
        actor, adoption, action = audit.ci_actor(), audit.adopted(previous, campaign), Action.NONE
        if isinstance(found, Act):
            outcome = carry_out(
                session.snapshot,
                inputs,
                campaign,
                audit.audit_reason(inputs, actor),
                settle=session.settle,
                earlier=audit.earlier_action(previous, session.settle.seconds),
            )
            campaign, action = outcome.campaign, outcome.action
        return outputs(declared_of(props), campaign, action, previous, actor) | adoption

    # --- read: refresh ------------------------------------------------------------------

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
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
            # Gone from the workspace: an empty id tells the engine to drop it from state.
            return ReadResult("", {})
        declared = declared_of(props) if props.get("campaign_id") else {"campaign_id": id_}
        outs = outputs(declared, campaign, Action.NONE, props) | audit.adopted(props, campaign)
        if "state" not in declared:
            return ReadResult(id_, outs, dict(declared))  # `pulumi import`: nothing declared yet
        # The inputs carry the live observation, even when it is what the last action left:
        # `up --refresh --plan` checks the refreshed inputs against the saved plan, which was
        # made from a check that observed the live status too. Whether the refresh shows a
        # change is diff's answer (see freshest_status), not these inputs'. The declaration
        # comes from the outputs: every change that matters later (state, policies) updates
        # them.
        return ReadResult(id_, outs, declared | observing.observed_fields(campaign))

    # --- delete: forget -----------------------------------------------------------------

    def delete(self, id_: str, props: dict[str, Any]) -> None:
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
        try:
            goal = removal_goal(id_, on_delete, audit.adoption_of(props), observed)
        except ValueError as impossible:
            raise OcambaError(str(impossible)) from None
        if goal is None:
            return
        # The guard counts it; the adopted time is judged after it, as restore's own rule.
        found = verdict(goal, observed, Previous(), None, session.guard)
        if isinstance(found, Refusal):
            raise OcambaError(f"campaign {id_}: on_delete: {on_delete} refused: {found.message}")
        stale = stale_restore(goal, now_utc())
        if stale is not None:
            raise OcambaError(stale)
        carry_out(session.snapshot, goal, campaign, audit.audit_reason(goal, audit.ci_actor()))
