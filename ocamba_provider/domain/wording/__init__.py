"""Every sentence a user reads about a campaign, rendered from data in this one package.

A `Problem` (domain/problems.py) becomes its message here, for the surface that shows it:
`render(problem)` spells properties as the dynamic resource and the stack config do
(`run_immediately`), `render(problem, CAMEL)` as the native provider does (`runImmediately`).
The vocabulary (words.py: `resume now`, `pause: <reason>`, times in GMT) lives here too, so the
preview, the log lines and the PR comment say the same words. No module outside this package
writes "observed status" (tests/unit/domain/test_problems_as_data.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, TypeVar

from ocamba_provider.domain.naming import SNAKE, Naming
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.wording import calendar, groups, runs
from ocamba_provider.domain.wording import declarations as said
from ocamba_provider.domain.wording.verdicts import (
    act_words,
    preview_line,
    removal_words,
    skipped_line,
    verdict_words,
)
from ocamba_provider.domain.wording.words import (
    OBSERVED_STATUS_LABEL,
    announcement,
    gmt,
    pause_words,
    reschedule_words,
    rescheduled_line,
    resume_words,
    title,
    wait_words,
    waiting_line,
    when,
)
from ocamba_provider.errors import OcambaError

__all__ = [
    "OBSERVED_STATUS_LABEL",
    "act_words",
    "announcement",
    "as_error",
    "gmt",
    "pause_words",
    "preview_line",
    "removal_words",
    "render",
    "reschedule_words",
    "rescheduled_line",
    "resume_words",
    "skipped_line",
    "title",
    "verdict_words",
    "wait_words",
    "waiting_line",
    "when",
]


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
    Code.UNKNOWN_DESIRED: said.cell(
        "unknown desired state {desired!r}", "Declare state: active or state: paused."
    ),
    Code.NOT_FOUND: said.not_found,
    Code.DRAFT: said.cell(
        "a draft cannot be {verb}", "Publish it in Hood first, or remove the declaration."
    ),
    Code.CANCELED: said.cell(
        "canceled campaigns cannot be resumed or paused (cancel is permanent)",
        "Remove the declaration.",
    ),
    Code.UNKNOWN_STATUS: said.cell(
        "unknown campaign status {status!r}; refusing to guess",
        "Check the campaign in Hood, and report the status to the maintainers.",
    ),
    Code.ALREADY_SENT: said.cell(
        "already sent, cannot pause",
        "Declare state: active (it ran and finished), or remove the declaration.",
    ),
    Code.NEEDS_DECISION: said.cell(
        "cannot pause while the A/B test waits for a winner",
        "Pick the winning message in Hood, or declare state: active.",
    ),
    Code.PAST_SCHEDULED_TIME: said.past,
    Code.GUARD: said.guard,
    Code.REQUIRED: said.required,
    Code.INVALID_VALUE: said.invalid,
    Code.BOTH_RESUME_MODES: said.both_modes,
    Code.NO_RESUME_MODE: said.no_mode,
    Code.BAD_TIME: said.bad_time,
    Code.UNKNOWN_HOOD_TIME: said.unknown_hood_time,
    Code.RESCHEDULE_TOO_LATE: said.reschedule_too_late,
    Code.RESCHEDULE_MISREAD: runs.reschedule_misread,
    Code.RESCHEDULE_HALFWAY: runs.reschedule_halfway,
    Code.RESCHEDULE_UNCONFIRMED: runs.reschedule_unconfirmed,
    Code.UNKNOWN_ZONE: said.unknown_zone,
    Code.MODE_BESIDE_FLIGHT: said.mode_beside_flight,
    Code.PAUSED_FLIGHT: said.paused_flight,
    Code.FLIGHT_BACKWARDS: said.flight_backwards,
    Code.TIME_IN_GAP: said.time_in_gap,
    Code.NOT_LISTED: said.not_listed,
    Code.LISTED_OTHERWISE: said.listed_otherwise,
    Code.LISTED_HOLD_OTHERWISE: said.listed_hold_otherwise,
    Code.LISTED_FLIGHT_OTHERWISE: said.listed_flight_otherwise,
    Code.FROZEN: calendar.frozen,
    Code.FREEZE_START: calendar.freeze_start,
    Code.WINDOW_RULE: calendar.window_rule,
    Code.WINDOW_DURATION: calendar.window_duration,
    Code.WINDOWS_WITHOUT_START: calendar.windows_without_start,
    Code.WINDOW_OVERLAPS: calendar.window_overlaps,
    Code.WRITE_FAILED: runs.write_failed,
    Code.WRITE_REFUSED: runs.write_failed,
    Code.WRITE_UNSETTLED: runs.write_failed,
    Code.WRITE_NOT_SENDABLE: runs.not_sendable,
    Code.WRITE_ROUNDS_EXHAUSTED: runs.rounds,
    Code.READ_FAILED: runs.read_failed,
    Code.CONFIGURATION: runs.configuration,
    Code.RESTORE_IMPOSSIBLE: runs.restore_impossible,
    Code.RESTORE_PASSED: runs.restore_passed,
    Code.REMOVAL_REFUSED: _removal_refused,
    Code.NOT_IMPORTABLE: _not_importable,
    **groups.SENTENCES,
}


def render(problem: Problem, naming: Naming = SNAKE) -> str:
    """The problem's sentence, with property names spelled by `naming`."""
    return _SENTENCES[problem.code](problem, naming)


_SENTENCES[Code.GROUP_MEMBER] = groups.member(render)
_SENTENCES[Code.GROUP_FAILED] = groups.failed(render)


_E = TypeVar("_E", bound=OcambaError)


def as_error(problem: Problem, kind: type[_E] = OcambaError) -> _E:  # type: ignore[assignment]
    """An error of `kind` saying `problem` (in snake_case), carrying it for other surfaces."""
    return kind(render(problem), problem=problem)
