"""`ocamba-campaigns stop --labels X --reason R [--yes]`: break glass, without a pull request.

Pauses every campaign carrying all the labels that is running or scheduled (a scheduled one
would start sending on its own), each through the same transition loop as an `up` (at most one
applied pause each, a 400 read as "not applied", paced to the account's limits), each printed.
It refuses without a reason, which Hood records with every pause, and shows the count first
and asks unless `--yes`. Campaigns in any other status are left as they are and counted.

It changes Hood, not the stack: a scheduled tick never resumes a campaign found paused, and the
next reviewed preview shows these campaigns as paused out of band, for the reviewer to decide.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TextIO

from ocamba_provider.client import Campaign, HoodError
from ocamba_provider.credentials import api_from_environment
from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.selector import Selector, split_labels
from ocamba_provider.errors import OcambaError
from ocamba_provider.runstate import audit
from ocamba_provider.runstate.session import Session, session_for
from ocamba_provider.runstate.transition import carry_out
from ocamba_provider.settings import ProviderSettings

STOPPABLE = ("running", "scheduled")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `stop` subcommand's options."""
    parser.add_argument(
        "--labels", required=True, help="comma-joined labels; a campaign must carry every one"
    )
    parser.add_argument("--reason", help="sent to Hood with each pause (required)")
    parser.add_argument("--yes", action="store_true", help="do not ask: pause at once")
    parser.add_argument("--api-url", help="default: OCAMBA_API_URL or https://api.ocamba.com")


def run(
    args: argparse.Namespace,
    *,
    out: TextIO = sys.stdout,
    ask: Callable[[str], str] = input,
) -> int:
    """Pause the matching running and scheduled campaigns: 0 done (or nothing to do), 1 a
    campaign failed or the API could not be read, 2 refused (no reason, no labels, not
    confirmed)."""
    reason = (args.reason or "").strip()
    labels = split_labels(args.labels) or ()
    if not reason:
        return _refuse("stop needs --reason: Hood records it with each pause. Nothing was sent.")
    if not labels:
        return _refuse(f"--labels {args.labels!r} names no label. Nothing was sent.")
    selector = Selector(labels=labels)
    try:
        session = session_for(ProviderSettings(*api_from_environment(args.api_url)))
        listed = session.snapshot.labelled(labels[0])
    except (OcambaError, HoodError, ValueError) as error:
        return _fail(f"could not list the campaigns labelled {', '.join(labels)}: {error}")
    matched = [c for c in listed if selector.matches(c.id, c.name, c.labels)]
    targets = [c for c in matched if c.status in STOPPABLE]
    out.write(_count_line(selector, matched, targets, reason))
    if not targets:
        return 0
    for campaign in targets:
        out.write(f"  {campaign.id}  {campaign.name}  ({campaign.status})\n")
    if not args.yes and not _confirmed(ask, len(targets)):
        out.write("Nothing was sent.\n")
        return 2
    failed = [problem for c in targets if (problem := _pause(session, c, reason)) is not None]
    for problem in failed:
        print(f"error: {problem}", file=sys.stderr)
    out.write(
        f"paused {len(targets) - len(failed):,} of {len(targets):,}"
        + (f"; {len(failed):,} failed (see above; run the command again)" if failed else "")
        + ".\n"
    )
    return 1 if failed else 0


def _count_line(
    selector: Selector, matched: list[Campaign], targets: list[Campaign], why: str
) -> str:
    others = len(matched) - len(targets)
    left = f"; {others:,} in another status left as they are" if others else ""
    return (
        f"{len(matched):,} campaigns match {selector.describe()}: {len(targets):,} running or "
        f"scheduled to pause (reason: {why}){left}.\n"
    )


def _confirmed(ask: Callable[[str], str], count: int) -> bool:
    try:
        answer = ask(f"Pause these {count:,} campaigns now? [y/N] ")
    except EOFError:
        print("error: no answer (stdin is not a terminal): pass --yes to pause.", file=sys.stderr)
        return False
    return answer.strip().lower() in ("y", "yes")


def _pause(session: Session, campaign: Campaign, reason: str) -> str | None:
    """One pause, at most once; the error's sentence when it failed."""
    declaration = RunStateInputs.from_props(
        {"campaign_id": campaign.id, "state": "paused", "pause_reason": reason}
    )
    sent = audit.audit_reason(declaration, audit.ci_actor())
    try:
        carry_out(session.snapshot, declaration, campaign, sent, settle=session.settle)
    except (OcambaError, HoodError) as error:
        return f"campaign {campaign.id} ({campaign.name}): {error}"
    return None


def _refuse(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1
