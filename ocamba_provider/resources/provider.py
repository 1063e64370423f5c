"""CampaignRunStateProvider: the dynamic provider behind CampaignRunState.

Every hook is the same four beats: read inputs, ask the snapshot or the client, map the answer
with the decision table, return full state. The provider object itself holds nothing but its
settings, which `configure` fills in the provider process; it is pickled (by reference to this
importable module) into every resource's `__provider` input, so it must stay small and stable:
the same bytes for every resource and every release means a code change never shows as a diff.
"""

from __future__ import annotations

import os
import re
import time
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
from ocamba_provider.client import Campaign, HoodError
from ocamba_provider.domain.declaration import (
    DECLARED,
    GUARD_OVERRIDE,
    NAME,
    OBSERVED_STATUS,
    POLICY_KEYS,
    SNAPSHOT_HINT,
    RunStateInputs,
)
from ocamba_provider.domain.policies import HELD, forget_missing, held_note, on_delete_action
from ocamba_provider.domain.reconcile import NOT_FOUND, Action, Problem, decide
from ocamba_provider.domain.stack_config import declared_in_config
from ocamba_provider.domain.times import now_utc, parse_api_time
from ocamba_provider.domain.unknown import is_unknown
from ocamba_provider.domain.validation import check_declared
from ocamba_provider.errors import ConfigurationError, OcambaError
from ocamba_provider.resources import detailed_diff
from ocamba_provider.resources.outputs import declared_of, outputs
from ocamba_provider.resources.sdk_workarounds import install_clean_errors, running_in_dynamic_host
from ocamba_provider.resources.session import Session, existing_session, session_for
from ocamba_provider.resources.transition import carry_out
from ocamba_provider.settings import ProviderSettings, resolve_settings

_DIGITS = re.compile(r"[0-9]{1,20}")

if running_in_dynamic_host():
    install_clean_errors()
    detailed_diff.install()
    lifeline.watch_engine()  # a killed engine must not leave this process sending


def ci_actor(environ: dict[str, str] | None = None) -> str:
    """Who or what triggered this run, from the usual CI variables (empty outside CI)."""
    env = os.environ if environ is None else environ
    if env.get("GITHUB_ACTIONS") == "true":
        run = (
            f"{env.get('GITHUB_SERVER_URL', '')}/{env.get('GITHUB_REPOSITORY', '')}"
            f"/actions/runs/{env.get('GITHUB_RUN_ID', '')}"
        )
        return f"github-actions {env.get('GITHUB_SHA', '')[:12]} {run}".strip()
    if env.get("GITLAB_CI"):
        return f"gitlab-ci {env.get('CI_COMMIT_SHA', '')[:12]} {env.get('CI_JOB_URL', '')}".strip()
    if env.get("CI"):
        return f"ci {env.get('CI_COMMIT_SHA', env.get('GIT_COMMIT', ''))[:12]}".strip()
    return env.get("USER", "")


def _valid_hint(hint: Any) -> dict[str, dict[str, str]]:
    # The hint holds every id the program declared, typos included; the bad ones get their
    # own CheckFailure from their own check, so the bulk read just leaves them out.
    if not isinstance(hint, dict):
        return {}
    valid: dict[str, dict[str, str]] = {}
    for campaign_id, declared in hint.items():
        if isinstance(campaign_id, str) and _DIGITS.fullmatch(campaign_id):
            # Older programs sent the desired state alone.
            entry = declared if isinstance(declared, dict) else {"state": declared}
            valid[campaign_id] = {str(k): str(v) for k, v in entry.items() if v is not None}
    return valid


def audit_reason(inputs: RunStateInputs, actor: str) -> str | None:
    """The pause reason sent to the API: the declared reason plus who or what paused."""
    if not actor:
        return inputs.pause_reason
    return f"{inputs.pause_reason or 'paused by pulumi'} [{actor}]"


def _adopted(previous: dict[str, Any] | None, campaign: Campaign | None) -> dict[str, Any]:
    # The status when this resource first took the campaign over, for on_delete: restore.
    if previous and previous.get("adopted_status"):
        return {
            key: previous[key]
            for key in ("adopted_status", "adopted_scheduled_time")
            if previous.get(key)
        }
    if campaign is None:
        return {}
    adopted: dict[str, Any] = {"adopted_status": campaign.status}
    if campaign.scheduled_time:
        adopted["adopted_scheduled_time"] = campaign.scheduled_time
    return adopted


def _earlier_action(
    previous: dict[str, Any] | None, settle_s: float
) -> tuple[Action, float] | None:
    # A previous run's write, if it is recent enough that reads may not show it yet: a
    # "paused" read seconds after our own resume must not lead to a second resume.
    if not previous or not isinstance(previous.get("last_action_at"), str):
        return None
    action = {"resumed": Action.RESUME, "paused": Action.PAUSE}.get(
        str(previous.get("last_action"))
    )
    try:
        # last_action_at has whole seconds: the write may have been up to 1 s later.
        at = parse_api_time(previous["last_action_at"]).timestamp() + 1.0
    except ValueError:
        return None
    if action is None or time.time() - at >= settle_s:
        return None
    return action, at


def _restore_goal(
    campaign_id: str, action: Action, props: dict[str, Any], adopted: str | None
) -> RunStateInputs:
    if action is Action.PAUSE:
        return RunStateInputs(
            campaign_id,
            "paused",
            pause_reason=(
                "declaration removed (on_delete: pause)"
                if props.get("on_delete") == "pause"
                else "declaration removed (on_delete: restore)"
            ),
        )
    when = props.get("adopted_scheduled_time")
    if adopted == "scheduled" and isinstance(when, str):
        if parse_api_time(when) <= now_utc():
            raise OcambaError(
                f"campaign {campaign_id}: on_delete: restore would resume it at its adopted "
                f"scheduled_time {when} GMT, which has passed (observed status: paused). "
                "Declare it with a new time or change on_delete, then run again."
            )
        return RunStateInputs(campaign_id, "active", scheduled_time=when)
    return RunStateInputs(campaign_id, "active", run_immediately=True)


class CampaignRunStateProvider(ResourceProvider):
    """Manages the run-state of one existing Hood campaign; never creates or deletes one."""

    # The pickled provider holds no secret, so it need not be stored encrypted.
    serialize_as_secret_always = False

    def __init__(self) -> None:
        super().__init__()
        self._settings: ProviderSettings | None = None
        self._settings_error: str | None = None
        # Every campaign the stack config declares (the config-driven program), or None: the
        # first check reads them, and the ids the program's first resource carries, in one bulk
        # read and counts the run's whole plan for the guard, before anything is sent.
        self._declared: dict[str, dict[str, str]] | None = None
        self._planned_whole_run = False

    def __getstate__(self) -> dict[str, Any]:
        # The pickled provider is an input of every resource: nothing configured goes in it.
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]

    def configure(self, req: ConfigureRequest) -> None:
        """Settings from stack config (`ocamba:*`), else the environment; the declared list."""
        try:
            self._settings = resolve_settings(req.config.get)
        except ConfigurationError as error:
            self._settings_error = str(error)
        # The engine hands a dynamic provider the whole stack config, the program's own
        # `<project>:campaigns` included: no resource needs to carry the list (and no
        # dependency edge needs to order the others after it).
        self._declared = declared_in_config(req.config.get("campaigns"))

    def _session(self) -> Session:
        if self._settings is None:
            if self._settings_error is None:
                # Not configured (a direct call in a test or an old engine): environment only.
                try:
                    self._settings = resolve_settings(lambda _key: None)
                except ConfigurationError as error:
                    self._settings_error = str(error)
            if self._settings is None:
                raise ConfigurationError(self._settings_error or "provider not configured")
        try:
            return session_for(self._settings)
        except ValueError as refused:
            # The client refuses a URL or token it cannot use safely (plain http to a
            # remote host, a token with spaces); the message names neither secret.
            raise ConfigurationError(f"cannot use the configured Ocamba API: {refused}") from None

    # --- check: validate and observe ----------------------------------------------------

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Validate the declaration and record the campaign's live status in the inputs."""
        declared, problems = check_declared(news)
        failures = [CheckFailure(prop, reason) for prop, reason in problems]
        campaign_id = declared.get("campaign_id")
        # Observation needs only the id and the desired state; any other unknown value
        # (a pause_reason from an Output) must not hide a draft or a vanished campaign.
        if (
            failures
            or campaign_id is None
            or is_unknown(campaign_id)
            or is_unknown(declared.get("state"))
        ):
            return CheckResult(declared, failures)
        try:
            session = self._session()
        except ConfigurationError as error:
            return CheckResult(declared, [CheckFailure("campaign_id", str(error))])
        try:
            refusal = self._plan_whole_run(session, _valid_hint(news.get(SNAPSHOT_HINT)))
            campaign = session.snapshot.observe(str(campaign_id))
        except HoodError as error:
            return CheckResult(
                declared,
                [
                    CheckFailure(
                        "campaign_id",
                        f"campaign {campaign_id}: could not read its status: {error}. "
                        "Check ocamba:apiUrl and the token, then run the preview again.",
                    )
                ],
            )
        if refusal:
            failures.append(CheckFailure("state", refusal))
        status = campaign.status if campaign else NOT_FOUND
        declared[OBSERVED_STATUS] = status
        declared[NAME] = campaign.name if campaign else ""
        inputs = RunStateInputs.from_props(declared)
        # on_missing: forget covers a campaign that vanished while managed, not a typo in a
        # new declaration: with no olds, a missing campaign is an error like any other.
        if olds and forget_missing(inputs, status):
            session.guard.plan({inputs.campaign_id: Action.NONE})
            return CheckResult(declared, failures)
        note = held_note(inputs, status, olds, declared, now_utc())
        if note is not None:
            declared[HELD] = note
            session.guard.plan({inputs.campaign_id: Action.NONE})
            return CheckResult(declared, failures)
        for failure in self._judge(session, inputs, campaign):
            # The guard's refusal may already stand from the whole-run plan above.
            if (failure.property, failure.reason) not in {(f.property, f.reason) for f in failures}:
                failures.append(failure)
        override = session.guard.override_in_use()
        if override and decide(inputs.state, status) in (Action.RESUME, Action.PAUSE):
            # The preview and the PR summary show that a one-run override let this through.
            declared[GUARD_OVERRIDE] = override
        return CheckResult(declared, failures)

    def _judge(
        self, session: Session, inputs: RunStateInputs, campaign: Campaign | None
    ) -> list[CheckFailure]:
        status = campaign.status if campaign else NOT_FOUND
        decision = decide(inputs.state, status)
        if isinstance(decision, Problem):
            name = campaign.name if campaign else None
            message = decision.describe(inputs.campaign_id, name)
            if status == NOT_FOUND and inputs.on_missing == "forget":
                message += (
                    " (on_missing: forget covers a campaign this stack already manages; this "
                    "one is not, or was forgotten when it vanished: remove the declaration)"
                )
            return [CheckFailure(decision.prop, message)]
        if (
            decision is Action.RESUME
            and inputs.scheduled_time is not None
            and parse_api_time(inputs.scheduled_time) <= now_utc()
        ):
            return [
                CheckFailure(
                    "scheduled_time",
                    (
                        f"campaign {inputs.campaign_id} ({campaign.name if campaign else ''}): "
                        f"scheduled_time {inputs.scheduled_time} GMT is in the past "
                        f"(observed status: {status}). Set a future time, or "
                        "run_immediately: true."
                    ),
                )
            ]
        refusal = session.guard.plan({inputs.campaign_id: decision})
        return [CheckFailure("state", refusal)] if refusal else []

    def _plan_whole_run(self, session: Session, hint: dict[str, dict[str, str]]) -> str | None:
        # Once per provider process: the stack config's list is the same for every check, and
        # only the program's first resource carries a hint.
        declared = {**(self._declared or {}), **hint}
        if not declared or self._planned_whole_run:
            return None
        session.snapshot.hint(declared)
        # Campaigns under drift: hold may turn out held, which only their own check can tell
        # (it needs their old inputs): they are counted there, not here.
        planned: dict[str, Action] = {}
        for campaign_id, entry in declared.items():
            if entry.get("drift") == "hold":
                continue
            seen = session.snapshot.observe(campaign_id)
            decision = decide(entry.get("state", ""), seen.status if seen else NOT_FOUND)
            if isinstance(decision, Action):
                planned[campaign_id] = decision
        self._planned_whole_run = True
        return session.guard.plan(planned)

    # --- diff: pure ---------------------------------------------------------------------

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """A change only when the decision is to resume or pause; a new id replaces."""
        if olds.get("campaign_id") != news.get("campaign_id"):
            detailed_diff.offer({"campaign_id": (detailed_diff.UPDATE_REPLACE, True)})
            return DiffResult(changes=True, replaces=["campaign_id"], delete_before_replace=True)
        observed = self._freshest_status(news)
        if observed is None or is_unknown(observed) or is_unknown(news.get("state")):
            return DiffResult(changes=None)
        policies = [key for key in POLICY_KEYS if olds.get(key) != news.get(key)]
        if news.get(HELD) or forget_missing(RunStateInputs.from_props(news), str(observed)):
            decision: Action | Problem = Action.NONE
        else:
            decision = decide(str(news.get("state")), str(observed))
        if decision in (Action.RESUME, Action.PAUSE):
            detailed_diff.offer(self._why(olds, news))
            return DiffResult(changes=True)
        if policies:
            # A new policy changes nothing now but decides what a later delete or manual
            # pause does, which reads it from the outputs: record it (no API call).
            detailed_diff.offer({key: (detailed_diff.UPDATE, True) for key in policies})
            return DiffResult(changes=True)
        return DiffResult(changes=False)

    def _freshest_status(self, news: dict[str, Any]) -> Any:
        # A refresh asks diff(refreshed outputs, *stored* inputs), and the stored observation
        # is the one the last up acted on ("paused" before its resume). What this process read
        # itself (refresh's read, or check's observation) is fresher: decide from that, so a
        # refresh after a clean up shows no change and one after a manual pause does. It only
        # looks at what was already read: diff never calls the API.
        observed = news.get(OBSERVED_STATUS)
        campaign_id = news.get("campaign_id")
        if self._settings is None or not isinstance(campaign_id, str) or is_unknown(campaign_id):
            return observed
        session = existing_session(self._settings)
        known, campaign = session.snapshot.seen(campaign_id) if session else (False, None)
        if not known:
            return observed
        return campaign.status if campaign is not None else NOT_FOUND

    @staticmethod
    def _why(olds: dict[str, Any], news: dict[str, Any]) -> dict[str, tuple[int, bool]]:
        # olds are the last outputs: they hold the status the last run left, so the
        # observation is compared with them (input_diff=False); declarations with inputs.
        detail = {OBSERVED_STATUS: (detailed_diff.UPDATE, False)}
        for key in DECLARED:
            if olds.get(key) != news.get(key):
                detail[key] = (detailed_diff.UPDATE, True)
        return detail

    # --- create / update: act once --------------------------------------------------------

    def create(self, props: dict[str, Any]) -> CreateResult:
        """Adopt the existing campaign and reconcile it (no campaign is created)."""
        return CreateResult(str(props["campaign_id"]), self._reconcile(props, None))

    def update(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """Reconcile from the freshest status this run has seen."""
        return UpdateResult(self._reconcile(news, olds))

    def _reconcile(self, props: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, Any]:
        session = self._session()
        inputs = RunStateInputs.from_props(props)
        declared = declared_of(props)
        try:
            campaign = session.snapshot.observe(inputs.campaign_id)
        except HoodError as error:
            raise OcambaError(
                f"campaign {inputs.campaign_id}: could not read its status: {error}. "
                "Nothing was sent; run `pulumi up` again."
            ) from None
        actor = ci_actor()
        adopted = _adopted(previous, campaign)
        status = campaign.status if campaign else NOT_FOUND
        if props.get(HELD) or forget_missing(inputs, status):
            return outputs(declared, campaign, Action.NONE, previous, actor) | adopted
        outcome = carry_out(
            session.snapshot,
            inputs,
            campaign,
            audit_reason(inputs, actor),
            settle=session.settle,
            earlier=_earlier_action(previous, session.settle.seconds),
        )
        return outputs(declared, outcome.campaign, outcome.action, previous, actor) | adopted

    # --- read: refresh ------------------------------------------------------------------

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """The live status; an empty id when the campaign is gone."""
        session = self._session()
        try:
            campaign = session.snapshot.observe(id_)
        except ValueError:  # HoodInvalidArgument, before `except HoodError`, which it is too
            raise OcambaError(
                f"{id_!r} is not a Hood campaign id (digits only, e.g. 1000248): nothing was read."
            ) from None
        except HoodError as error:
            raise OcambaError(
                f"campaign {id_}: could not read its status during refresh: {error}. "
                "Run the refresh again."
            ) from None
        if campaign is None:
            # Gone from the workspace: an empty id tells the engine to drop it from state.
            return ReadResult("", {})
        declared = declared_of(props) if props.get("campaign_id") else {"campaign_id": id_}
        outs = outputs(declared, campaign, Action.NONE, props) | _adopted(props, campaign)
        if "state" not in declared:
            return ReadResult(id_, outs, dict(declared))  # `pulumi import`: nothing declared yet
        # The inputs carry the live observation, even when it is what the last action left:
        # `up --refresh --plan` checks the refreshed inputs against the saved plan, which was
        # made from a check that observed the live status too. Whether the refresh shows a
        # change is diff's answer (see _freshest_status), not these inputs'. The declaration
        # comes from the outputs: every change that matters later (state, policies) updates
        # them.
        inputs = {**declared, OBSERVED_STATUS: campaign.status, NAME: campaign.name}
        return ReadResult(id_, outs, inputs)

    # --- delete: forget -----------------------------------------------------------------

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        """Apply `on_delete`: forget (default, no API call), pause, or restore the adopted status.

        Raises:
            OcambaError: restore is impossible, or the API refused.
        """
        on_delete = str(props.get("on_delete") or "forget")
        if on_delete == "forget":
            return
        session = self._session()
        try:
            campaign = session.snapshot.reread(id_)
        except HoodError as error:
            raise OcambaError(
                f"campaign {id_}: could not read its status for on_delete: {on_delete}: "
                f"{error}. Nothing was sent; run `pulumi up` or `pulumi destroy` again."
            ) from None
        status = campaign.status if campaign else NOT_FOUND
        adopted = props.get("adopted_status")
        try:
            action = on_delete_action(on_delete, adopted, status)
        except ValueError as impossible:
            raise OcambaError(
                f"campaign {id_} ({campaign.name if campaign else ''}): on_delete: restore "
                f"(observed status: {status}): {impossible}. Change on_delete to forget or "
                "pause, or set the campaign's status in Hood, then run again."
            ) from None
        if action is Action.NONE:
            return
        refusal = session.guard.plan({id_: action})
        if refusal:
            raise OcambaError(f"campaign {id_}: on_delete: {on_delete} refused: {refusal}")
        goal = _restore_goal(id_, action, props, adopted)
        carry_out(session.snapshot, goal, campaign, audit_reason(goal, ci_actor()))
