"""The sentences of problems in a run: writes that failed or were refused, reads that failed,
the provider's settings, and removals."""

from __future__ import annotations

from ocamba_provider.domain.naming import Naming
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.wording.words import CHECK_TOKEN, REFUSED, RERUN, gmt, seen, title


def write_remedy(problem: Problem) -> str:
    """What to do after a write failed, by how it failed."""
    if problem.code is Code.WRITE_REFUSED:
        return REFUSED
    if problem.code is Code.WRITE_UNSETTLED:
        return (
            f"The {problem.param('verb')} sent earlier may have been applied, and reads may "
            f"show it late: nothing was sent twice. A new `pulumi up` is safe from "
            f"{problem.param('safe_from')} GMT; check the campaign in Hood first."
        )
    return CHECK_TOKEN if problem.param("auth") else RERUN


def write_failed(problem: Problem, naming: Naming) -> str:
    """A resume or pause that failed, was refused, or may have been applied."""
    return (
        f"{title(problem.campaign_id, problem.name)}: could not {problem.param('verb')} "
        f"{seen(problem)}: {problem.param('error')}. {write_remedy(problem)}"
    )


def not_sendable(problem: Problem, naming: Naming) -> str:
    """A write the client refused before sending it."""
    return (
        f"{title(problem.campaign_id, problem.name)}: cannot {problem.param('action')} "
        f"{seen(problem)}: {problem.param('error')}. Nothing was sent."
    )


def rounds(problem: Problem, naming: Naming) -> str:
    """The API kept refusing or failing: the transition gave up without a resend."""
    return (
        f"{title(problem.campaign_id, problem.name)}: the API kept refusing or failing after "
        f"{problem.param('rounds')} read-and-decide rounds {seen(problem)}. "
        "Nothing was sent twice; check the campaign in Hood and run `pulumi up` again."
    )


def read_failed(problem: Problem, naming: Naming) -> str:
    """A status that could not be read."""
    return (
        f"campaign {problem.campaign_id}: could not read its status{problem.param('during')}: "
        f"{problem.param('error')}. {problem.param('then')}"
    )


def configuration(problem: Problem, naming: Naming) -> str:
    """The provider's settings, in their own sentence (settings.py)."""
    # The settings' own sentence (settings.py): it names config keys, not properties.
    return str(problem.param("message"))


def restore_impossible(problem: Problem, naming: Naming) -> str:
    """on_delete: restore cannot put the campaign back in its adopted status."""
    on_delete = naming("on_delete")
    return (
        f"{title(problem.campaign_id, problem.name)}: {on_delete}: restore {seen(problem)}: "
        f"cannot restore status {problem.param('adopted')!r} from {problem.observed!r}: the API "
        "only pauses running or scheduled campaigns and resumes paused ones. Change "
        f"{on_delete} to forget or pause, or set the campaign's status in Hood, then run again."
    )


def restore_passed(problem: Problem, naming: Naming) -> str:
    """on_delete: restore would resume at an adopted time that has passed."""
    return (
        f"campaign {problem.campaign_id}: {naming('on_delete')}: restore would resume it at its "
        f"adopted {naming('scheduled_time')} {problem.param('time')} GMT, which has passed "
        f"{seen(problem)}. Declare it with a new time or change {naming('on_delete')}, "
        "then run again."
    )


def reschedule_misread(problem: Problem, naming: Naming) -> str:
    """The time read back after a reschedule is not the one sent: stop, never loop."""
    return (
        f"{title(problem.campaign_id, problem.name)}: rescheduled to "
        f"{gmt(str(problem.param('time')))}, but Hood now reports "
        f"{gmt(str(problem.param('read')))} {seen(problem)}: Hood may hold the time in a field or "
        "a zone this provider does not read as sent. Nothing was resent; check the campaign's "
        "time in Hood, and run `ocamba-doctor` against the account."
    )


def reschedule_halfway(problem: Problem, naming: Naming) -> str:
    """The pause of a reschedule went through and the resume did not: it is paused now."""
    return (
        f"{title(problem.campaign_id, problem.name)}: the reschedule to "
        f"{gmt(str(problem.param('time')))} paused the campaign, then the resume failed: "
        f"{problem.param('error')} {seen(problem)}. It is now paused and will not run at "
        f"{gmt(str(problem.param('from')))}. Run `pulumi up` again (from "
        f"{problem.param('safe_from')} GMT) to resume it at the declared time, or resume it "
        "in Hood."
    )


def reschedule_unconfirmed(problem: Problem, naming: Naming) -> str:
    """The reschedule's pause never showed in reads: no resume was sent."""
    return (
        f"{title(problem.campaign_id, problem.name)}: the reschedule to "
        f"{gmt(str(problem.param('time')))} sent a pause, but reads still show the campaign "
        f"{seen(problem)} after ocamba:settleSeconds, so no resume was sent. Check the "
        "campaign in Hood (it may be paused now, or have started at "
        f"{gmt(str(problem.param('from')))}), then run `pulumi up` again."
    )
