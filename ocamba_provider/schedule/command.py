"""`ocamba-campaigns due <stack file> [--at TIME] [--json] [--api-url URL]`.

Exit 0: a run is due (what and why on stdout); 3: nothing is due (and when something will
be); 1: an error, on one `error:` line. One bulk read of the declared campaigns (`ceil(N/100)`
requests, plus at most two when the API ignores the id filter), no write, no engine.

Groups (`name` + `select`) are read as the provider reads them at preview: one listing of the
workspace with labels (`ceil(T/100)` requests) shared by every group whose selector needs one,
matched here (labels always client-side); the id-declared campaigns and the ids of an ids-only
selector then come from that listing, and only those it does not hold from the one bulk read.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ocamba_provider.client import Campaign, HoodClient, HoodError
from ocamba_provider.domain.due import Ahead, DueAnswer, Said, due_now
from ocamba_provider.domain.precedence import GroupMembers
from ocamba_provider.domain.times import format_api_time, normalise_scheduled_time, parse_api_time
from ocamba_provider.domain.wording.words import title, when
from ocamba_provider.errors import OcambaError
from ocamba_provider.runstate.observing import observation_of
from ocamba_provider.runstate.session import scaled_limits
from ocamba_provider.schedule.stack_file import StackFile, read_stack_file

DUE, NOTHING_DUE, FAILED = 0, 3, 1
LATE_AFTER_MINUTES = 30.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `due` subcommand's arguments."""
    parser.add_argument("stack_file", type=Path, help="e.g. stacks/Pulumi.production.yaml")
    parser.add_argument(
        "--at",
        help="answer as of this time instead of now (GMT 'YYYY-MM-DD HH:MM:SS', or ISO 8601 "
        "with an offset): what a tick then would do, with the campaigns as they are now",
    )
    parser.add_argument("--json", action="store_true", help="the answer as one JSON object")
    parser.add_argument(
        "--late-after",
        type=float,
        default=LATE_AFTER_MINUTES,
        metavar="MINUTES",
        help=f"a pause due for longer than this is late (default {LATE_AFTER_MINUTES:g}: two "
        "ticks of a 15-minute cron)",
    )
    parser.add_argument(
        "--outputs",
        type=Path,
        metavar="FILE",
        help="append due=true|false and late=true|false to FILE (GitHub's $GITHUB_OUTPUT)",
    )
    parser.add_argument("--api-url", help="default: ocamba:apiUrl, OCAMBA_API_URL, the real API")


def run(args: argparse.Namespace) -> int:
    """Answer and print; the exit status."""
    try:
        stack = read_stack_file(args.stack_file, api_url=args.api_url)
        now = now_of(args.at)
        answer = _answer(stack, now)
    except (OcambaError, HoodError) as error:
        print(f"error: {error}", file=sys.stderr)
        return FAILED
    late = answer.late(now, timedelta(minutes=args.late_after))
    if args.json:
        print(json.dumps(_as_json(answer, now, late), indent=2))
    else:
        sys.stdout.write(_as_text(answer, now, stack.time_zone, late))
    if args.outputs is not None:
        with args.outputs.open("a", encoding="utf-8") as outputs:
            outputs.write(f"due={_flag(answer.is_due)}\nlate={_flag(bool(late))}\n")
    return DUE if answer.is_due else NOTHING_DUE


def _flag(value: bool) -> str:
    return "true" if value else "false"


def now_of(at: str | None) -> datetime:
    """`--at` as a time (GMT), or the current time."""
    if at is None:
        return datetime.now(UTC)  # the edge of the program: the domain is handed `now`
    try:
        return parse_api_time(normalise_scheduled_time(at))
    except ValueError as error:
        raise OcambaError(f"--at: {error}") from None


def _answer(stack: StackFile, now: datetime) -> DueAnswer:
    found, groups = _read(stack)
    observed = {campaign_id: observation_of(campaign) for campaign_id, campaign in found.items()}
    return due_now(
        stack.declarations,
        observed,
        now,
        default_zone=stack.time_zone,
        freezes=stack.freezes,
        groups=groups,
    )


def _read(stack: StackFile) -> tuple[dict[str, Campaign | None], dict[str, GroupMembers]]:
    """Every campaign the answer needs (None: not found) and each group's members now: at
    most one listing shared by every group, then one bulk read of the ids it did not hold."""
    ids = [declaration.campaign_id for declaration in stack.declarations]
    selecting = {name: group.select for name, group in stack.groups.items()}
    listing_needed = any(select.needs_listing for select in selecting.values())
    wanted = [*ids, *(cid for s in selecting.values() if not s.needs_listing for cid in s.ids)]
    found: dict[str, Campaign | None] = {}
    listed: tuple[Campaign, ...] = ()
    if wanted or listing_needed:
        limits = scaled_limits(stack.rate_limit_scale)
        with HoodClient(stack.api_url, stack.token, limits=limits) as client:
            if listing_needed:
                listed = client.labelled(None).campaigns
                found = {campaign.id: campaign for campaign in listed}
            unread = sorted(set(wanted) - found.keys())
            if unread:
                found |= client.campaign_statuses(unread)
    found |= {campaign_id: None for campaign_id in wanted if campaign_id not in found}
    groups = {}
    for name, group in stack.groups.items():
        select = group.select
        if select.needs_listing:
            members = {c.id for c in listed if select.matches(c.id, c.name, c.labels)}
        else:
            members = {cid for cid in select.ids if found.get(cid) is not None}
        groups[name] = GroupMembers(group, frozenset(members))
    return found, groups


def _line(said: Said, now: datetime | None = None) -> str:
    late = ""
    if now is not None and said.since is not None:
        minutes = int((now - parse_api_time(said.since)).total_seconds() // 60)
        late = f" (late: the flight ended {_duration(minutes)} ago)"
    member = f" (group {said.group})" if said.group is not None else ""
    return f"  {title(said.campaign_id, said.name)}{member}: {said.words}{late}\n"


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")


def _ahead_words(ahead: Ahead, stack_zone: str) -> str:
    transition, zone_name = ahead.transition, ahead.zone or stack_zone
    whose = f"campaign {ahead.campaign_id}"
    if ahead.group is not None:
        whose = f"the members of group {ahead.group}"
    if ahead.needs_run:
        return (
            f"{when(transition.at, zone_name)}: pause {whose} "
            "(Hood cannot schedule a pause: the first tick after it pauses it)"
        )
    return f"{when(transition.at, zone_name)}: Hood starts {whose} itself (no run needed)"


def _as_text(answer: DueAnswer, now: datetime, zone_name: str, late: tuple[Said, ...]) -> str:
    at = f"{format_api_time(now)} GMT"
    lines = [
        f"due at {at}: {len(answer.due)} campaign(s) to change\n"
        if answer.is_due
        else f"nothing due at {at}\n"
    ]
    lines += [_line(said, now if said in late else None) for said in answer.due]
    if answer.held:
        lines.append("held (an unattended run never resumes; the next reviewed run decides):\n")
        lines += [_line(said) for said in answer.held]
    if answer.problems:
        lines.append("problems (a run would fail on these; fix the declaration):\n")
        lines += [_line(said) for said in answer.problems]
    if answer.next_run is not None:
        lines.append(f"next run needed: {_ahead_words(answer.next_run, zone_name)}\n")
    if answer.ahead is not None and answer.ahead != answer.next_run:
        lines.append(f"next change: {_ahead_words(answer.ahead, zone_name)}\n")
    if answer.ahead is None and not answer.is_due:
        lines.append("nothing ahead: no flight of this stack has a change to come\n")
    return "".join(lines)


def _as_json(answer: DueAnswer, now: datetime, late: tuple[Said, ...]) -> dict[str, Any]:
    def ahead(item: Ahead | None) -> dict[str, str] | None:
        if item is None:
            return None
        found = {**item.transition.record(), "campaign_id": item.campaign_id}
        return found if item.group is None else {**found, "group": item.group}

    def said(items: tuple[Said, ...]) -> list[dict[str, str]]:
        return [vars(item).copy() for item in items]

    return {
        "now": format_api_time(now),
        "due": answer.is_due,
        "late": [item.campaign_id for item in late],
        "campaigns": said(answer.due),
        "held": said(answer.held),
        "problems": said(answer.problems),
        "next_transition": ahead(answer.ahead),
        "next_run": ahead(answer.next_run),
    }
