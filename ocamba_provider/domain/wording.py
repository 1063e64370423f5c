"""Every sentence a user reads about a campaign, rendered from data in this one module.

A `Problem` (domain/problems.py) becomes its message here, for the surface that shows it:
`render(problem)` spells properties as the dynamic resource and the stack config do
(`run_immediately`), `render(problem, CAMEL)` as the native provider does (`runImmediately`).
The vocabulary of actions (`resume now`, `pause: <reason>`) lives here too, so the preview,
the log lines and the PR comment say the same words. No other module writes "observed status".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final, TypeVar

from ocamba_provider.domain.naming import SNAKE, Naming
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.errors import OcambaError

_WHOLE_MINUTE: Final = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:00")

OBSERVED_STATUS_LABEL: Final = "observed status"
"""The PR comment's column, and the words every problem's sentence uses for the status."""

RERUN: Final = (
    "Nothing was sent twice; run `pulumi up` again: it reads the status first "
    "and only sends what is still needed."
)
CHECK_TOKEN: Final = (
    "Check the token in `ocamba:apiToken` or OCAMBA_API_TOKEN and its access to this workspace."  # noqa: S105 (advice, not a token)
)
REFUSED: Final = (
    "The API refused it, so it was not applied, and nothing was resent. Check "
    "the campaign in Hood and the declaration, then run `pulumi up` again."
)


def resume_words(scheduled_time: str | None) -> str:
    """`resume now`, or `resume at 2026-12-01 09:00 GMT`."""
    return f"resume at {gmt(scheduled_time)}" if scheduled_time else "resume now"


def pause_words(reason: str | None) -> str:
    """`pause: budget review`, or `pause` without a reason."""
    return f"pause: {reason}" if reason else "pause"


def gmt(value: str) -> str:
    """`2026-12-01 09:00:00` -> `2026-12-01 09:00 GMT` (seconds kept when not zero)."""
    shown = value[:-3] if _WHOLE_MINUTE.fullmatch(value) else value
    return f"{shown} GMT"


def announcement(
    resumed: bool, campaign_id: str, name: str, scheduled_time: str | None, reason: str | None
) -> str:
    """The line a run prints after a write it made: `ocamba: resumed campaign 1 (...): ...`."""
    if resumed:
        how = f"scheduled for {scheduled_time} GMT" if scheduled_time else "running immediately"
        return f"ocamba: resumed {title(campaign_id, name)}: {how}"
    return f"ocamba: paused {title(campaign_id, name)}" + (f": {reason}" if reason else "")


def title(campaign_id: str, name: str = "") -> str:
    """`campaign 1000248 (Spring sale)`, or `campaign 1000248` when the name is unknown."""
    return f"campaign {campaign_id}" + (f" ({name})" if name else "")


def _seen(problem: Problem) -> str:
    return f"({OBSERVED_STATUS_LABEL}: {problem.observed})"


def _cell(what: str, remedy: str) -> Callable[[Problem, Naming], str]:
    """A cell of the decision table: campaign, what is wrong, what was seen, what to do."""

    def sentence(problem: Problem, naming: Naming) -> str:
        wrong = what.format(**problem.params)
        return f"{title(problem.campaign_id, problem.name)}: {wrong} {_seen(problem)}. {remedy}"

    return sentence


def _not_found(problem: Problem, naming: Naming) -> str:
    text = _cell(
        "no campaign with this id in the workspace",
        "Check the id (python -m ocamba_provider.campaigns list), or remove the declaration.",
    )(problem, naming)
    if problem.param("not_managed"):
        text += (
            f" ({naming('on_missing')}: forget covers a campaign this stack already manages; "
            "this one is not, or was forgotten when it vanished: remove the declaration)"
        )
    return text


def _past(problem: Problem, naming: Naming) -> str:
    return (
        f"{title(problem.campaign_id, problem.name)}: {naming('scheduled_time')} "
        f"{problem.param('time')} GMT is in the past {_seen(problem)}. "
        f"Set a future time, or {naming('run_immediately')}: true."
    )


def _guard(problem: Problem, naming: Naming) -> str:
    count, limit, override = (problem.param(k) for k in ("count", "limit", "override"))
    variable = problem.param("variable")
    planned = list(problem.param("planned") or [])
    first = ", ".join(f"{action} {campaign_id}" for action, campaign_id in planned[:10])
    more = f" and {count - 10} more" if count > 10 else ""
    if override is not None and override > limit:
        over = (
            f"more than {variable} ({override}), which this run "
            f"allows instead of ocamba:maxTransitionsPerRun ({limit})"
        )
    else:
        over = f"more than ocamba:maxTransitionsPerRun ({limit})"
    return (
        f"this run would resume or pause {count} campaigns, {over}: {first}{more}. "
        f"If that is intended, allow it for this run only with the environment variable "
        f"{variable}={count}, or raise the limit "
        f"(`pulumi config set ocamba:maxTransitionsPerRun {count}`)."
    )


def _required(problem: Problem, naming: Naming) -> str:
    return f"{naming(problem.prop)} is required"


def _invalid(problem: Problem, naming: Naming) -> str:
    # A rule's sentence starts with its property's key (tests/unit/test_single_source.py):
    # the rest is the predicate, said of the property as this surface spells it.
    return f"{naming(problem.prop)}{problem.param('rule')} (got {problem.param('got')})"


def _both_modes(problem: Problem, naming: Naming) -> str:
    return (
        f"set either {naming('run_immediately')}: true or {naming('scheduled_time')}, not both "
        "(the API refuses a resume that names both)"
    )


def _no_mode(problem: Problem, naming: Naming) -> str:
    return (
        f"state is active: set {naming('run_immediately')}: true, "
        f"or a {naming('scheduled_time')} to resume at"
    )


def _bad_time(problem: Problem, naming: Naming) -> str:
    return f"{naming(problem.prop)}: {problem.param('reason')}"


def _not_listed(problem: Problem, naming: Naming) -> str:
    key, campaign_id = problem.param("list_key"), problem.campaign_id
    return (
        f"campaign {campaign_id} is declared but not listed in {key}, which "
        "must name every campaign of this program (the first check reads them all at "
        "once and counts the whole run against ocamba:maxTransitionsPerRun). Add it: "
        f"`pulumi config set --path '{key}[\"{campaign_id}\"]' {problem.param('entry')}`, "
        f"or remove {key} to have each campaign read and counted as it is checked."
    )


def _listed_otherwise(problem: Problem, naming: Naming) -> str:
    key, campaign_id, state = problem.param("list_key"), problem.campaign_id, problem.param("state")
    return (
        f"campaign {campaign_id} is declared state: {state} but listed as "
        f"{problem.param('listed')} in {key}, which the whole run is counted from: "
        "make them agree "
        f"(`pulumi config set --path '{key}[\"{campaign_id}\"]' {state}`)."
    )


def _listed_hold_otherwise(problem: Problem, naming: Naming) -> str:
    drift, key = problem.param("drift"), problem.param("list_key")
    held = drift == "hold"
    want = '{"state": ..., "drift": "hold"}' if held else "its state alone"
    return (
        f"campaign {problem.campaign_id} is declared drift: {drift} but listed "
        f"{'without' if held else 'with'} drift: hold in {key} (a "
        "held campaign is counted by its own check, not the whole run's): list it "
        f"as {want}."
    )


def _write_remedy(problem: Problem) -> str:
    if problem.code is Code.WRITE_REFUSED:
        return REFUSED
    if problem.code is Code.WRITE_UNSETTLED:
        return (
            f"The {problem.param('verb')} sent earlier may have been applied, and reads may "
            f"show it late: nothing was sent twice. A new `pulumi up` is safe from "
            f"{problem.param('safe_from')} GMT; check the campaign in Hood first."
        )
    return CHECK_TOKEN if problem.param("auth") else RERUN


def _write_failed(problem: Problem, naming: Naming) -> str:
    return (
        f"{title(problem.campaign_id, problem.name)}: could not {problem.param('verb')} "
        f"{_seen(problem)}: {problem.param('error')}. {_write_remedy(problem)}"
    )


def _not_sendable(problem: Problem, naming: Naming) -> str:
    return (
        f"{title(problem.campaign_id, problem.name)}: cannot {problem.param('action')} "
        f"{_seen(problem)}: {problem.param('error')}. Nothing was sent."
    )


def _rounds(problem: Problem, naming: Naming) -> str:
    return (
        f"{title(problem.campaign_id, problem.name)}: the API kept refusing or failing after "
        f"{problem.param('rounds')} read-and-decide rounds {_seen(problem)}. "
        "Nothing was sent twice; check the campaign in Hood and run `pulumi up` again."
    )


def _read_failed(problem: Problem, naming: Naming) -> str:
    return (
        f"campaign {problem.campaign_id}: could not read its status{problem.param('during')}: "
        f"{problem.param('error')}. {problem.param('then')}"
    )


def _configuration(problem: Problem, naming: Naming) -> str:
    # The settings' own sentence (settings.py): it names config keys, not properties.
    return str(problem.param("message"))


def _restore_impossible(problem: Problem, naming: Naming) -> str:
    on_delete = naming("on_delete")
    return (
        f"{title(problem.campaign_id, problem.name)}: {on_delete}: restore {_seen(problem)}: "
        f"cannot restore status {problem.param('adopted')!r} from {problem.observed!r}: the API "
        "only pauses running or scheduled campaigns and resumes paused ones. Change "
        f"{on_delete} to forget or pause, or set the campaign's status in Hood, then run again."
    )


def _restore_passed(problem: Problem, naming: Naming) -> str:
    return (
        f"campaign {problem.campaign_id}: {naming('on_delete')}: restore would resume it at its "
        f"adopted {naming('scheduled_time')} {problem.param('time')} GMT, which has passed "
        f"{_seen(problem)}. Declare it with a new time or change {naming('on_delete')}, "
        "then run again."
    )


def _removal_refused(problem: Problem, naming: Naming) -> str:
    inner = problem.param("because")
    because = render(inner, naming) if isinstance(inner, Problem) else str(inner)
    return (
        f"campaign {problem.campaign_id}: {naming('on_delete')}: {problem.param('on_delete')} "
        f"refused: {because}"
    )


def _not_importable(problem: Problem, naming: Naming) -> str:
    inner = problem.param("because")
    because = render(inner, naming) if isinstance(inner, Problem) else str(inner)
    return f"{because} Nothing was imported."


_SENTENCES: Final[dict[Code, Callable[[Problem, Naming], str]]] = {
    Code.UNKNOWN_DESIRED: _cell(
        "unknown desired state {desired!r}", "Declare state: active or state: paused."
    ),
    Code.NOT_FOUND: _not_found,
    Code.DRAFT: _cell(
        "a draft cannot be {verb}", "Publish it in Hood first, or remove the declaration."
    ),
    Code.CANCELED: _cell(
        "canceled campaigns cannot be resumed or paused (cancel is permanent)",
        "Remove the declaration.",
    ),
    Code.UNKNOWN_STATUS: _cell(
        "unknown campaign status {status!r}; refusing to guess",
        "Check the campaign in Hood, and report the status to the maintainers.",
    ),
    Code.ALREADY_SENT: _cell(
        "already sent, cannot pause",
        "Declare state: active (it ran and finished), or remove the declaration.",
    ),
    Code.NEEDS_DECISION: _cell(
        "cannot pause while the A/B test waits for a winner",
        "Pick the winning message in Hood, or declare state: active.",
    ),
    Code.PAST_SCHEDULED_TIME: _past,
    Code.GUARD: _guard,
    Code.REQUIRED: _required,
    Code.INVALID_VALUE: _invalid,
    Code.BOTH_RESUME_MODES: _both_modes,
    Code.NO_RESUME_MODE: _no_mode,
    Code.BAD_TIME: _bad_time,
    Code.NOT_LISTED: _not_listed,
    Code.LISTED_OTHERWISE: _listed_otherwise,
    Code.LISTED_HOLD_OTHERWISE: _listed_hold_otherwise,
    Code.WRITE_FAILED: _write_failed,
    Code.WRITE_REFUSED: _write_failed,
    Code.WRITE_UNSETTLED: _write_failed,
    Code.WRITE_NOT_SENDABLE: _not_sendable,
    Code.WRITE_ROUNDS_EXHAUSTED: _rounds,
    Code.READ_FAILED: _read_failed,
    Code.CONFIGURATION: _configuration,
    Code.RESTORE_IMPOSSIBLE: _restore_impossible,
    Code.RESTORE_PASSED: _restore_passed,
    Code.REMOVAL_REFUSED: _removal_refused,
    Code.NOT_IMPORTABLE: _not_importable,
}


def render(problem: Problem, naming: Naming = SNAKE) -> str:
    """The problem's sentence, with property names spelled by `naming`."""
    return _SENTENCES[problem.code](problem, naming)


_E = TypeVar("_E", bound=OcambaError)


def as_error(problem: Problem, kind: type[_E] = OcambaError) -> _E:  # type: ignore[assignment]
    """An error of `kind` saying `problem` (in snake_case), carrying it for other surfaces."""
    return kind(render(problem), problem=problem)
