"""`ocamba-campaigns calendar <stack file> [-o FILE] [--days N] [--at TIME]`.

Writes the stack's planned starts, pauses, skipped windows and freezes (of its campaigns and
of its groups, by name: a group's calendar does not depend on its members) as an iCalendar feed
(calendar_feed.py): to stdout, or to FILE (for a workflow to publish where a marketing
calendar subscribes). Reads only the stack's files: no token, no API, no engine. Exit 0, or
1 with one `error:` line.
"""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path

from ocamba_provider.domain.upcoming import Planned, outlook
from ocamba_provider.errors import OcambaError
from ocamba_provider.schedule.calendar_feed import feed
from ocamba_provider.schedule.command import now_of
from ocamba_provider.schedule.stack_file import read_stack_file

DEFAULT_DAYS = 90
FAILED = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `calendar` subcommand's arguments."""
    parser.add_argument("stack_file", type=Path, help="e.g. stacks/Pulumi.production.yaml")
    parser.add_argument("-o", "--output", type=Path, help="write the feed here (default: stdout)")
    parser.add_argument(
        "--days",
        type=int,
        default=DEFAULT_DAYS,
        help=f"how far ahead (default {DEFAULT_DAYS})",
    )
    parser.add_argument("--at", help="start the feed at this time instead of now (GMT)")


def run(args: argparse.Namespace) -> int:
    """Write the feed; the exit status."""
    try:
        if args.days < 1:
            raise OcambaError(f"--days must be at least 1, not {args.days}")
        stack = read_stack_file(args.stack_file, needs_token=False)
        now = now_of(args.at)
    except OcambaError as error:
        print(f"error: {error}", file=sys.stderr)
        return FAILED
    planned = [
        Planned(declaration, "", declaration.time_zone or stack.time_zone)
        for declaration in stack.declarations
    ]
    planned += [
        Planned(group.member(""), "", str(group.shared.get("time_zone") or stack.time_zone), name)
        for name, group in sorted(stack.groups.items())
    ]
    found = outlook(planned, stack.freezes, now, timedelta(days=args.days))
    text = feed(found, now, args.stack_file.stem.removeprefix("Pulumi."))
    if args.output is None:
        sys.stdout.write(text.decode("utf-8"))
        return 0
    try:
        args.output.write_bytes(text)
    except OSError as error:
        print(f"error: cannot write {args.output}: {error.strerror}", file=sys.stderr)
        return FAILED
    changes = len(found.changes)
    print(f"wrote {args.output}: {changes} planned changes in the next {args.days} days")
    return 0
