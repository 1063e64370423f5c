"""The sentences of problems with a declaration: the decision table, time, the guard, the
declaration's own values, and the whole run's list."""

from __future__ import annotations

from collections.abc import Callable

from ocamba_provider.domain.naming import Naming
from ocamba_provider.domain.problems import Problem
from ocamba_provider.domain.wording.words import gmt, seen, title


def cell(what: str, remedy: str) -> Callable[[Problem, Naming], str]:
    """A cell of the decision table: campaign, what is wrong, what was seen, what to do."""

    def sentence(problem: Problem, naming: Naming) -> str:
        wrong = what.format(**problem.params)
        return f"{title(problem.campaign_id, problem.name)}: {wrong} {seen(problem)}. {remedy}"

    return sentence


def not_found(problem: Problem, naming: Naming) -> str:
    """No campaign with the id: check it, or remove the declaration."""
    text = cell(
        "no campaign with this id in the workspace",
        "Check the id (python -m ocamba_provider.campaigns list), or remove the declaration.",
    )(problem, naming)
    if problem.param("not_managed"):
        text += (
            f" ({naming('on_missing')}: forget covers a campaign this stack already manages; "
            "this one is not, or was forgotten when it vanished: remove the declaration)"
        )
    return text


def past(problem: Problem, naming: Naming) -> str:
    """A resume at a scheduled time that has passed."""
    return (
        f"{title(problem.campaign_id, problem.name)}: {naming('scheduled_time')} "
        f"{problem.param('time')} GMT is in the past {seen(problem)}. "
        f"Set a future time, or {naming('run_immediately')}: true."
    )


def guard(problem: Problem, naming: Naming) -> str:
    """The run would resume or pause more campaigns than the blast-radius guard allows."""
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


def required(problem: Problem, naming: Naming) -> str:
    """A required property is missing."""
    return f"{naming(problem.prop)} is required"


def invalid(problem: Problem, naming: Naming) -> str:
    """A property breaks its rule (the input schema's sentence, said of the property)."""
    # A rule's sentence starts with its property's key (tests/unit/test_single_source.py):
    # the rest is the predicate, said of the property as this surface spells it.
    return f"{naming(problem.prop)}{problem.param('rule')} (got {problem.param('got')})"


def both_modes(problem: Problem, naming: Naming) -> str:
    """An active declaration names both resume modes."""
    return (
        f"set either {naming('run_immediately')}: true or {naming('scheduled_time')}, not both "
        "(the API refuses a resume that names both)"
    )


def no_mode(problem: Problem, naming: Naming) -> str:
    """An active declaration names no resume mode."""
    return (
        f"state is active: set {naming('run_immediately')}: true, "
        f"or a {naming('scheduled_time')} to resume at"
    )


def _whose(problem: Problem) -> str:
    return f"{title(problem.campaign_id, problem.name)}: " if problem.campaign_id else ""


def unknown_zone(problem: Problem, naming: Naming) -> str:
    """A time_zone that is not an IANA zone."""
    return f"{_whose(problem)}{naming('time_zone')}: {problem.param('reason')}"


def time_in_gap(problem: Problem, naming: Naming) -> str:
    """A local time its zone skips: daylight saving time begins then."""
    return f"{_whose(problem)}{naming(problem.prop)} {problem.param('reason')}"


def bad_time(problem: Problem, naming: Naming) -> str:
    """A time that is not one."""
    return f"{naming(problem.prop)}: {problem.param('reason')}"


def _in_project_file(problem: Problem, line: str) -> str:
    """The fix when the list lives in the project file: edit it, with the exact line."""
    lives_in, key = problem.param("lives_in"), problem.param("list_key")
    return (
        f"edit {lives_in}: under `config:` -> `{key}:` -> `value:`, write the line "
        f"`{line}` ({key} lives there, so `pulumi config set` would write a stack-file list "
        f"that replaces the whole of it)"
    )


def not_listed(problem: Problem, naming: Naming) -> str:
    """A declared campaign missing from ocamba:declaredCampaigns, with the fix."""
    key, campaign_id, entry = problem.param("list_key"), problem.campaign_id, problem.param("entry")
    fix = (
        _in_project_file(problem, f'"{campaign_id}": {entry.strip(chr(34))}')
        if problem.param("lives_in")
        else f"`pulumi config set --path '{key}[\"{campaign_id}\"]' {entry}`"
    )
    return (
        f"campaign {campaign_id} is declared but not listed in {key}, which "
        "must name every campaign of this program (the first check reads them all at "
        "once and counts the whole run against ocamba:maxTransitionsPerRun). Add it: "
        f"{fix}, or remove {key} to have each campaign read and counted as it is checked."
    )


def listed_otherwise(problem: Problem, naming: Naming) -> str:
    """A declared state that differs from ocamba:declaredCampaigns."""
    key, campaign_id, state = problem.param("list_key"), problem.campaign_id, problem.param("state")
    fix = (
        _in_project_file(problem, f'"{campaign_id}": {state}')
        if problem.param("lives_in")
        else f"`pulumi config set --path '{key}[\"{campaign_id}\"]' {state}`"
    )
    return (
        f"campaign {campaign_id} is declared state: {state} but listed as "
        f"{problem.param('listed')} in {key}, which the whole run is counted from: "
        f"make them agree ({fix})."
    )


def listed_hold_otherwise(problem: Problem, naming: Naming) -> str:
    """A drift policy that differs from ocamba:declaredCampaigns."""
    drift, key = problem.param("drift"), problem.param("list_key")
    held = drift == "hold"
    want = '{"state": ..., "drift": "hold"}' if held else "its state alone"
    return (
        f"campaign {problem.campaign_id} is declared drift: {drift} but listed "
        f"{'without' if held else 'with'} drift: hold in {key} (a "
        "held campaign is counted by its own check, not the whole run's): list it "
        f"as {want}."
    )


def listed_flight_otherwise(problem: Problem, naming: Naming) -> str:
    """A flight bound that differs from ocamba:declaredCampaigns (both read as GMT)."""
    key, declared, listed = problem.param("key"), problem.param("declared"), problem.param("listed")
    shown = {None: "none"}
    return (
        f"campaign {problem.campaign_id} is declared {naming(key)}: "
        f"{shown.get(declared, f'{declared} GMT')} but listed with "
        f"{shown.get(listed, f'{listed} GMT')} in {problem.param('list_key')}, which the whole "
        f"run is counted from: give its entry the same {naming(key)} (and {naming('time_zone')})."
    )


def unknown_hood_time(problem: Problem, naming: Naming) -> str:
    """Scheduled, Hood says, but not when: a reschedule could not tell whether it is needed."""
    return (
        f"{title(problem.campaign_id, problem.name)}: Hood reports it scheduled but gives no "
        f"time (neither scheduled_time nor next_run_time) {seen(problem)}, so whether it starts "
        f"at the declared {naming('scheduled_time')} cannot be told. Check the campaign in Hood; "
        f"declare {naming('run_immediately')}: true to leave it as Hood scheduled it."
    )


def reschedule_too_late(problem: Problem, naming: Naming) -> str:
    """Hood starts it sooner than the settle period: moving it would race Hood's own start."""
    return (
        f"{title(problem.campaign_id, problem.name)}: Hood starts it at "
        f"{gmt(str(problem.param('from')))}, in less than ocamba:settleSeconds "
        f"({problem.param('settle'):g} s): a reschedule to {gmt(str(problem.param('time')))} "
        f"would race that start {seen(problem)}. It runs at its time; to stop it declare "
        "state: paused, or declare the time Hood holds."
    )


def mode_beside_flight(problem: Problem, naming: Naming) -> str:
    """A resume mode declared beside a flight, which decides when to resume."""
    return (
        f"{_whose(problem)}{naming(problem.prop)} cannot be declared with a flight "
        f"({naming('active_from')} / {naming('active_until')}): the flight decides when the "
        f"campaign resumes; remove {naming(problem.prop)}"
    )


def paused_flight(problem: Problem, naming: Naming) -> str:
    """A flight declared paused: a flight says when a campaign is active."""
    return (
        f"{_whose(problem)}a flight ({naming('active_from')} / {naming('active_until')}) is for "
        "state: active (it says when the campaign runs); declare state: active, or remove the "
        "flight to keep it paused"
    )


def flight_backwards(problem: Problem, naming: Naming) -> str:
    """A flight that does not end after it starts."""
    return (
        f"{_whose(problem)}{naming('active_until')} {gmt(str(problem.param('until')))} is not "
        f"after {naming('active_from')} {gmt(str(problem.param('from')))}: a flight ends after "
        "it starts"
    )
