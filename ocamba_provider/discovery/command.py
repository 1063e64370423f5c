"""`ocamba-campaigns list [--status S] [--q TEXT] [--labels L] [--format table|yaml]
[--api-url URL]`, `ocamba-campaigns doctor [--api-url URL]`, which is `ocamba-doctor`
(ocamba_provider.doctor), `ocamba-campaigns due <stack file>` (ocamba_provider.schedule: exit 0
due, 3 nothing due), `ocamba-campaigns calendar <stack file> [-o FILE]` (an iCalendar feed of
the planned changes), and `ocamba-campaigns stop --labels L --reason R [--yes]` (stop.py).

Exit 0 with the listing on stdout; exit 1 with one `error:` line on stderr (no token, a refused
token, an API that failed after the client's retries), never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ocamba_provider.client import HoodError
from ocamba_provider.discovery import stop
from ocamba_provider.discovery.finding import (
    client_from_environment,
    find_campaigns,
    find_labelled,
)
from ocamba_provider.discovery.rendering import (
    project_name,
    render_group_yaml,
    render_table,
    render_yaml,
)
from ocamba_provider.doctor import command as doctor
from ocamba_provider.errors import OcambaError
from ocamba_provider.schedule import calendar_command
from ocamba_provider.schedule import command as schedule


def main(argv: list[str] | None = None) -> int:
    """`ocamba-campaigns`: the exit status."""
    parser = argparse.ArgumentParser(
        prog="ocamba-campaigns",
        description="Find Hood campaigns to declare (token from OCAMBA_API_TOKEN).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="list campaigns, newest first")
    listing.add_argument("--status", help="only this status, e.g. paused")
    listing.add_argument("--q", help="only campaigns whose name or description contains this")
    listing.add_argument(
        "--labels",
        help="only campaigns carrying every one of these comma-joined labels; with --format "
        "yaml, one group entry that selects them",
    )
    listing.add_argument("--format", choices=("table", "yaml"), default="table")
    listing.add_argument(
        "--project",
        help="the project whose `<project>:campaigns` key the yaml is for (default: the name "
        "in ./Pulumi.yaml, else ocamba-campaigns)",
    )
    listing.add_argument("--api-url", help="default: OCAMBA_API_URL or https://api.ocamba.com")
    checking = commands.add_parser(
        "doctor", help="check the API against the client's assumptions (GET only, <= 10)"
    )
    doctor.add_arguments(checking)
    due = commands.add_parser(
        "due",
        help="whether a scheduled run has anything to do now (one bulk read, no write); "
        "exit 0 due, 3 nothing due, 1 error",
    )
    schedule.add_arguments(due)
    feed = commands.add_parser(
        "calendar",
        help="an iCalendar feed of the planned starts, pauses and freezes (no API, no token)",
    )
    calendar_command.add_arguments(feed)
    stop.add_arguments(
        commands.add_parser(
            "stop",
            help="pause now every running or scheduled campaign carrying the labels (break "
            "glass: asks first unless --yes)",
        )
    )
    args = parser.parse_args(argv)
    if args.command == "doctor":
        return doctor.run_from_environment(args.api_url)
    if args.command == "due":
        return schedule.run(args)
    if args.command == "calendar":
        return calendar_command.run(args)
    if args.command == "stop":
        return stop.run(args)
    try:
        client = client_from_environment(args.api_url)
        if args.labels is not None:
            campaigns = find_labelled(args.labels, args.status, args.q, client=client)
        else:
            campaigns = list(find_campaigns(args.status, args.q, client=client))
    except (OcambaError, HoodError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    project = args.project or project_name(Path.cwd())
    if args.format == "yaml" and args.labels is not None:
        sys.stdout.write(render_group_yaml(args.labels, campaigns, project))
    elif args.format == "yaml":
        sys.stdout.write(render_yaml(campaigns, project))
    else:
        sys.stdout.write(render_table(campaigns))
    return 0
