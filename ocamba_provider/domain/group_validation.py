"""Declared inputs of a CampaignGroup: validation and normalisation, without the SDK.

The keys a group shares with a campaign's declaration keep that declaration's rules (the input
schema, one resume mode, the flight, times in the entry's zone: domain/validation.py); the
selector has its own (domain/selector.py). Every problem at once, each naming the group.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ocamba_provider.domain.group import GROUP, GROUP_DECLARED
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.selector import SELECT, selector_of, selector_problems
from ocamba_provider.domain.validation import check_declared
from ocamba_provider.domain.zones import DEFAULT_ZONE


def check_group_declared(
    news: Mapping[str, Any], default_zone: str = DEFAULT_ZONE
) -> tuple[dict[str, Any], list[Problem]]:
    """The group's declared inputs (times in GMT, the selector in one form) and every problem.

    Unknown values (preview before an Output resolves) are left alone and not judged.
    """
    declared, problems = check_declared(
        news, default_zone, keys=GROUP_DECLARED, schema="group_inputs"
    )
    if SELECT in news:
        problems += selector_problems(news[SELECT])
    if news.get("campaign_id") is not None:
        problems.append(Problem(Code.SELECT_WITH_ID, "campaign_id"))
    select = selector_of(declared.get(SELECT))
    if select is not None:
        declared[SELECT] = select.record()
    group = news.get(GROUP)
    if isinstance(group, str) and group:
        problems = [_of_group(problem, group) for problem in problems]
    return declared, problems


def _of_group(problem: Problem, group: str) -> Problem:
    return replace(problem, params={**problem.params, "group": group})
