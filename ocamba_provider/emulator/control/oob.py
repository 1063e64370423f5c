"""`python -m ocamba_provider.emulator oob ACTION ID [ARGS] --url URL`: change one campaign in a
running emulator behind the provider's back, the way a marketer clicking in Hood's UI would.

Every change goes through the `/_emulator/` control surface: not an API call, not in the
ledger, no status lag. Before changing anything the command makes sure the URL is an emulator:
plain `http` on a loopback address, answering `GET /_emulator/info` with
`{"emulator": "ocamba-hood"}`. Anything else is refused, and nothing but that one GET is ever
sent to it (no proxy from the environment, no redirect followed).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

import requests

from ..loopback import is_loopback
from .client import EmulatorControl, EmulatorControlError
from .identity import EMULATOR_NAME

DEFAULT_URL = "http://127.0.0.1:8080"
PROBE_TIMEOUT_S = 5.0


class NotAnEmulator(Exception):
    """The URL is not a running emulator on this machine; nothing was changed."""


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The `oob` command line."""
    parser = argparse.ArgumentParser(
        prog="python -m ocamba_provider.emulator oob",
        description=(
            "Change a campaign in a running emulator out of band: not an API call, not in the "
            "ledger. Refuses any URL that is not an emulator on a loopback address."
        ),
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("campaign_id", help="the campaign's id, e.g. 1000260")
    common.add_argument("--url", default=DEFAULT_URL, help=f"the emulator (default {DEFAULT_URL})")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("pause", parents=[common], help="status paused")
    actions.add_parser("resume", parents=[common], help="status running (counts as a start)")
    actions.add_parser("cancel", parents=[common], help="status canceled")
    status = actions.add_parser("status", parents=[common], help="any documented status")
    status.add_argument("status", help="draft, scheduled, running, paused, canceled, sent, ...")
    relabel = actions.add_parser("relabel", parents=[common], help="replace the labels")
    relabel.add_argument("labels", nargs="*", help="the new labels (none: no labels)")
    reschedule = actions.add_parser(
        "reschedule", parents=[common], help="status scheduled for a GMT time ahead"
    )
    reschedule.add_argument("scheduled_time", help='GMT "YYYY-MM-DD HH:MM:SS"')
    return parser.parse_args(argv)


def emulator_at(url: str) -> EmulatorControl:
    """A control client for `url`, once it proved to be an emulator on this machine.

    Raises:
        NotAnEmulator: not http, not loopback, or `/_emulator/info` did not answer as one.
    """
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        raise NotAnEmulator(f"{url} is not an http:// URL (the emulator serves plain HTTP)")
    if not is_loopback(parts.hostname):
        raise NotAnEmulator(f"{parts.hostname} is not a loopback address")
    if parts.path.strip("/") or parts.query or parts.fragment or parts.username:
        raise NotAnEmulator(f"{url} has more than a scheme, host and port")
    probe = f"{url.rstrip('/')}/_emulator/info"
    try:
        with requests.Session() as session:
            session.trust_env = False
            answer = session.get(probe, timeout=PROBE_TIMEOUT_S, allow_redirects=False)
        body: Any = answer.json() if answer.status_code == 200 else None
    except (requests.RequestException, ValueError) as error:
        raise NotAnEmulator(f"GET {probe} failed: {type(error).__name__}") from error
    if not isinstance(body, dict) or body.get("emulator") != EMULATOR_NAME:
        raise NotAnEmulator(f"GET {probe} answered {answer.status_code}, not an {EMULATOR_NAME}")
    return EmulatorControl(url)


def _change(args: argparse.Namespace) -> Callable[[EmulatorControl], None]:
    cid = args.campaign_id
    if args.action == "relabel":
        return lambda control: control.set_labels(cid, list(args.labels))
    if args.action == "reschedule":
        return lambda control: control.schedule(cid, args.scheduled_time)
    status = {"pause": "paused", "resume": "running", "cancel": "canceled"}.get(args.action)
    chosen = args.status if status is None else status
    return lambda control: control.set_status(cid, chosen)


def main(argv: Sequence[str]) -> int:
    """0 once changed; 1 when the URL is not an emulator or the emulator refused the change."""
    args = parse_args(argv)
    try:
        control = emulator_at(args.url)
        before = control.campaign(args.campaign_id)
        _change(args)(control)
        after = control.campaign(args.campaign_id)
    except NotAnEmulator as error:
        print(
            f"oob: refusing {args.url}: {error}. Nothing was changed; "
            "start one with `python -m ocamba_provider.emulator`.",
            file=sys.stderr,
        )
        return 1
    except EmulatorControlError as error:
        print(f"oob: the emulator refused: {error}", file=sys.stderr)
        return 1
    print(f"{args.campaign_id}: {_describe(before)} -> {_describe(after)} (out of band)")
    return 0


def _describe(campaign: dict[str, Any]) -> str:
    shown = str(campaign.get("status"))
    if campaign.get("status") == "scheduled" and campaign.get("scheduled_time"):
        shown += f" for {campaign['scheduled_time']} GMT"
    labels = campaign.get("labels")
    if labels:
        shown += f" [{labels if isinstance(labels, str) else ','.join(labels)}]"
    return shown
