"""check of a group: validate it, find its members, and judge each one as a campaign's check
would (check.py), in the group's own words.

The members are read in bulk with the rest of the run (whole_run.py, members.py); what the last
up pinned is the `observed_members` of the old inputs, so a preview says who joins and who
leaves. Each member that this group decides is counted by the guard under its campaign id, like
a campaign declared alone; what check saw and decided of each member is recorded in the checked
inputs for diff, apply and the PR summary (a saved plan pins them too).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ocamba_provider.domain.group import GROUP, OBSERVED_MEMBERS, GroupInputs, member_facts
from ocamba_provider.domain.group_list import listed_disagreements
from ocamba_provider.domain.group_members import Judged, Judging, judge_fresh, judge_leaver
from ocamba_provider.domain.group_validation import check_group_declared
from ocamba_provider.domain.precedence import Declarer
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.selector import SELECT
from ocamba_provider.domain.unknown import is_unknown
from ocamba_provider.domain.verdict import Refusal, Verdict, guarded
from ocamba_provider.errors import OcambaError
from ocamba_provider.runstate import clock
from ocamba_provider.runstate.check import plan_the_run
from ocamba_provider.runstate.facts import recorded_facts
from ocamba_provider.runstate.group_said import conflict_problem, members_unread, say_members
from ocamba_provider.runstate.members import Members
from ocamba_provider.runstate.observing import observation_of
from ocamba_provider.runstate.problems_file import record_problems
from ocamba_provider.runstate.results import Checked
from ocamba_provider.runstate.run import Run
from ocamba_provider.runstate.session import Session


def check_group(run: Run, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Checked:
    """Validate the group, read its members and record what check decided of each."""
    name = str(news.get(GROUP) or "")
    checked = _check(run, name, olds, news)
    record_problems(name, {"campaign_id": f"group {name}", **checked.inputs}, checked.problems)
    return checked


def _check(run: Run, name: str, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Checked:
    declared, problems = check_group_declared({**news, GROUP: name}, run.zone)
    declared[GROUP] = name
    if problems or any(is_unknown(declared.get(key)) for key in (SELECT, "state")):
        return Checked(declared, problems)  # nothing to judge: decided at apply
    group = GroupInputs.from_props(declared)
    listed = run.listed_groups if run.list_must_agree else ({} if run.requires_list else None)
    problems = listed_disagreements(listed, name, group)
    now = clock.now_utc()
    try:
        session = run.session()
        with members_unread(name, "Check ocamba:apiUrl and the token, then preview again."):
            refusal = plan_the_run(run, session, news, now)
            members = run.whole_run.members(session, name, group)
            before = member_facts(olds) if olds else None
            leaving = _leaving(session, members, before)
    except OcambaError as error:
        said = error.problem if isinstance(error.problem, Problem) else None
        configuration = Problem(Code.CONFIGURATION, SELECT, params={"message": str(error)})
        return Checked(declared, [*problems, said or configuration])
    judging = Judging(
        group,
        now,
        run.settle_s,
        run.unattended,
        before_state=_text(olds.get("state")),
        freezes=run.freezes,
    )
    asking = Declarer("group", name, group.state == "paused")
    deferrals = {
        campaign_id: note
        for campaign_id in members.matched
        if (note := run.whole_run.deferral(campaign_id, asking)) is not None
    }
    matched = {cid: observation_of(campaign) for cid, campaign in members.matched.items()}
    judged = judge_fresh(judging, matched, before, deferrals)
    judged += [
        judge_leaver(judging, cid, observation_of(leaver), (before or {}).get(cid, {}))
        for cid, leaver in leaving.items()
    ]
    judged = [_guarded(item, session, run.unattended) for item in judged]
    problems += _problems(name, group, members, judged, refusal)
    problems += [
        conflict_problem(name, conflict, members, run.whole_run)
        for conflict in run.whole_run.governance.conflicts_of(name)
    ]
    on_delete = str(declared.get("on_delete") or "forget")
    say_members(name, judged, on_delete, str(declared.get("time_zone") or run.zone))
    facts = {item.campaign_id: item.fact() for item in judged if item.pinned}
    override = next((f for item in judged if (f := recorded_facts(item.verdict))), {})
    return Checked(declared | {OBSERVED_MEMBERS: facts} | override, problems)


def _leaving(
    session: Session, members: Members, before: Mapping[str, Any] | None
) -> dict[str, Any]:
    """The members the last up pinned that the selector no longer selects, as read now (None:
    gone from the workspace, after a single read said so)."""
    gone = sorted(set(before or {}) - set(members.matched))
    session.snapshot.hint(gone)
    return {campaign_id: session.snapshot.observe(campaign_id) for campaign_id in gone}


def _guarded(item: Judged, session: Session, unattended: bool) -> Judged:
    if not item.acts or (item.change == "join" and not item.pinned):
        return item  # another declaration decides it, or nothing can be sent: not counted
    found = guarded(item.verdict, item.campaign_id, session.guard, unattended=unattended)
    return item if found is item.verdict else _with(item, found)


def _with(item: Judged, found: Verdict) -> Judged:
    return replace(item, verdict=found)


def _problems(
    name: str,
    group: GroupInputs,
    members: Members,
    judged: list[Judged],
    refusal: Problem | None,
) -> list[Problem]:
    found = [refusal] if refusal is not None else []
    if not members.matched and not group.allow_empty:
        params = {
            "group": name,
            "selector": group.select.describe(),
            "read": members.read,
            "listing": _listing_args(group),
        }
        found.append(Problem(Code.GROUP_EMPTY, SELECT, params=params))
    for item in judged:
        if isinstance(item.verdict, Refusal) and item.skipped is None:
            inner = item.verdict.problem
            if inner.code is Code.GUARD:
                if inner not in found:
                    found.append(inner)
                continue
            prop = SELECT if inner.prop in ("", "campaign_id") else inner.prop
            params = {"group": name, "because": inner}
            found.append(
                Problem(Code.GROUP_MEMBER, prop, inner.campaign_id, inner.name, params=params)
            )
    return found


def _listing_args(group: GroupInputs) -> str:
    select = group.select
    if select.labels:
        return f"--labels {','.join(select.labels)}"
    if select.name_contains is not None:
        return f"--q '{select.name_contains}'"
    return ""


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None
