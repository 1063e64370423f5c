"""remove (delete): apply `on_delete`: forget (no API call), pause, or restore, each write once.

Every removal says what happens to its campaign (`forgotten: keeps running`, ...): a destroy
of thirty campaigns must not leave them running without a word.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ocamba_provider.domain.declaration import NAME
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.removal import removal_goal, stale_restore
from ocamba_provider.domain.verdict import Previous, Refusal, guarded, verdict
from ocamba_provider.domain.wording import as_error, removal_words, title
from ocamba_provider.runstate import audit, clock
from ocamba_provider.runstate.observing import could_not_read, observation_of
from ocamba_provider.runstate.run import Run
from ocamba_provider.runstate.settle import say
from ocamba_provider.runstate.transition import carry_out


def remove(run: Run, id_: str, props: Mapping[str, Any]) -> None:
    """Apply `on_delete`: forget (default, no API call), pause, or restore the adopted status.

    Raises:
        OcambaError: restore is impossible, the guard refused, or the API refused.
    """
    on_delete = str(props.get("on_delete") or "forget")
    if on_delete == "restore" and run.unattended:
        # A run nobody reviews never resumes anything: the campaign is left as it is.
        on_delete = "forget"
    if on_delete == "forget":
        last_seen, name = str(props.get("status") or ""), str(props.get(NAME) or "")
        say(f"ocamba: {title(id_, name)}: {removal_words('forget', last_seen)}")
        return
    session = run.session()
    with could_not_read(
        id_,
        "Nothing was sent; run `pulumi up` or `pulumi destroy` again.",
        during=f" for on_delete: {on_delete}",
    ):
        campaign = session.snapshot.reread(id_)
    observed = observation_of(campaign)
    goal = removal_goal(id_, on_delete, audit.adoption_of(dict(props)), observed)
    if goal is None:
        say(f"ocamba: {title(id_, observed.name)}: {removal_words(on_delete, observed.status)}")
        return
    now = clock.now_utc()
    stale = stale_restore(goal, now)
    if stale is not None:
        raise as_error(stale)
    found = guarded(
        verdict(goal, observed, Previous(), now, freezes=run.freezes), id_, session.guard
    )
    if isinstance(found, Refusal):
        because = {"on_delete": on_delete, "because": found.problem}
        raise as_error(Problem(Code.REMOVAL_REFUSED, "on_delete", id_, params=because))
    carry_out(session.snapshot, goal, campaign, audit.audit_reason(goal, audit.ci_actor()))
