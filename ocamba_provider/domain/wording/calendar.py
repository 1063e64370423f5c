"""The sentences of the calendar's problems: freezes, and windows that cannot be read."""

from __future__ import annotations

from ocamba_provider.domain.naming import Naming
from ocamba_provider.domain.problems import Problem
from ocamba_provider.domain.wording.words import gmt, seen, title


def _whose(problem: Problem) -> str:
    return f"{title(problem.campaign_id, problem.name)}: " if problem.campaign_id else ""


def _freeze(problem: Problem) -> str:
    return (
        f"freeze {problem.param('freeze')} ({gmt(str(problem.param('from')))} to "
        f"{gmt(str(problem.param('until')))})"
    )


def _override(problem: Problem) -> str:
    return f'{problem.param("variable")}="{problem.param("freeze")}"'


def frozen(problem: Problem, naming: Naming) -> str:
    """A resume or reschedule asked during a freeze."""
    return (
        f"{_whose(problem)}will not resume during {_freeze(problem)} {seen(problem)}: nothing "
        "is resumed or rescheduled in a freeze. Wait for its end, or let this one command "
        f"through with {_override(problem)} (never saved)."
    )


def freeze_start(problem: Problem, naming: Naming) -> str:
    """A one-off start declared inside a freeze."""
    return (
        f"{_whose(problem)}{naming(problem.prop)} {gmt(str(problem.param('time')))} is inside "
        f"{_freeze(problem)}: nothing starts in a freeze. Move the start out of it, or let this "
        f"one command through with {_override(problem)} (never saved)."
    )


def window_rule(problem: Problem, naming: Naming) -> str:
    """A window's RRULE that cannot be read."""
    where = f"{naming('windows')}[{problem.param('index')}].rrule"
    return f"{_whose(problem)}{where}: {problem.param('reason')}"


def window_duration(problem: Problem, naming: Naming) -> str:
    """A window's duration that cannot be read."""
    return (
        f"{_whose(problem)}{naming('windows')}[{problem.param('index')}].duration: "
        f"{problem.param('reason')}"
    )


def windows_without_start(problem: Problem, naming: Naming) -> str:
    """Windows without the flight start their rule counts from."""
    return (
        f"{_whose(problem)}{naming('windows')} need {naming('active_from')}: it is the rule's "
        "first occurrence (RFC 5545 DTSTART), e.g. the first Monday 09:00 of the campaign"
    )


def window_overlaps(problem: Problem, naming: Naming) -> str:
    """A window that lasts longer than the gap to its next opening."""
    return (
        f"{_whose(problem)}{naming('windows')}[{problem.param('index')}].duration "
        f"{problem.param('duration')} is longer than the shortest gap between two openings "
        f"({problem.param('gap')}): the windows would overlap; shorten it or space the rule"
    )
