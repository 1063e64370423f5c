"""`python -m ocamba_provider.emulator` (also `ocamba-emulator`): serve the emulator until
interrupted, or change a campaign in a running one (`oob ...`, control/oob.py).

The machine contract: the FIRST line of stdout is exactly the base URL
(`http://127.0.0.1:PORT`), printed once it accepts requests, so a parent process can read it
(`--port 0` picks a free port). After it comes a block for people (token, environment
variables, stack config, campaigns, docs: cli_banner.py); `--quiet` leaves it out.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from .api.errors import HoodError
from .behaviour.settings import DOCUMENTED_RATE_LIMIT, RateLimit
from .cli_banner import HELP_EPILOG, banner
from .cli_variants import add_variant_arguments, check_variant_arguments, variant_settings_of
from .control.oob import main as oob_main
from .loopback import is_loopback
from .server import DEFAULT_TOKEN, Emulator
from .state.campaigns import Campaign, campaigns_from_seed
from .state.demo import demo_seed

DEFAULT_PORT = 8080


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line; refuses a non-loopback `--host` and half-given limits."""
    parser = argparse.ArgumentParser(
        prog="python -m ocamba_provider.emulator",
        description=(
            "Local emulator of the Ocamba Hood campaigns API: plain HTTP on a loopback address,\n"
            f"port {DEFAULT_PORT} unless --port says otherwise, the demo campaigns unless --empty "
            "or --seed,\n"
            f"bearer token {DEFAULT_TOKEN!r} unless --token says otherwise."
        ),
        epilog=HELP_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"default {DEFAULT_PORT}; 0 picks a free port (what tests and tools pass)",
    )
    parser.add_argument("--host", default="127.0.0.1", help="a loopback address only")
    workspace = parser.add_mutually_exclusive_group()
    workspace.add_argument(
        "--seed", type=Path, help="JSON file: a PUT /_emulator/campaigns body (no demo ones)"
    )
    workspace.add_argument("--empty", action="store_true", help="start with no campaigns")
    parser.add_argument(
        "--token",
        default=DEFAULT_TOKEN,
        help=f"the accepted bearer token (default {DEFAULT_TOKEN})",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="print only the URL line (for programs)"
    )
    parser.add_argument(
        "--run-seconds",
        type=float,
        help="a running campaign becomes sent after this long (default: never)",
    )
    parser.add_argument(
        "--burst", type=int, help=f"per 1 s (default {DOCUMENTED_RATE_LIMIT.burst})"
    )
    parser.add_argument(
        "--steady", type=int, help=f"per 1 min (default {DOCUMENTED_RATE_LIMIT.steady})"
    )
    parser.add_argument("--no-rate-limit", action="store_true", help="serve without limits")
    parser.add_argument("--not-found-status", type=int, choices=(400, 404))
    add_variant_arguments(parser)
    args = parser.parse_args(argv)
    check_variant_arguments(parser, args)
    if not is_loopback(args.host):
        parser.error(f"--host must be a loopback address, not {args.host!r}")
    if args.no_rate_limit and (args.burst is not None or args.steady is not None):
        parser.error("--no-rate-limit excludes --burst and --steady")
    for name in ("burst", "steady"):
        value = getattr(args, name)
        if value is not None and value < 1:
            parser.error(f"--{name} must be at least 1")
    if args.run_seconds is not None and not 0 <= args.run_seconds < float("inf"):
        parser.error("--run-seconds must be 0 or more")
    if not 0 <= args.port <= 65535:
        parser.error("--port must be between 0 and 65535")
    return args


def rate_limit_of(args: argparse.Namespace) -> RateLimit | None:
    """The limits the command line asks for (documented values unless overridden)."""
    if args.no_rate_limit:
        return None
    return RateLimit(
        burst=args.burst if args.burst is not None else DOCUMENTED_RATE_LIMIT.burst,
        steady=args.steady if args.steady is not None else DOCUMENTED_RATE_LIMIT.steady,
    )


def workspace_of(args: argparse.Namespace) -> list[Campaign]:
    """The campaigns to start with: the seed file's, none, or the demo ones.

    Raises:
        OSError, ValueError, HoodError: the seed file cannot be read or is malformed.
    """
    if args.empty:
        return []
    if args.seed is not None:
        return campaigns_from_seed(json.loads(args.seed.read_text(encoding="utf-8")))
    return campaigns_from_seed(demo_seed())


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until SIGINT or SIGTERM (0 on a clean stop; 2 on a bad seed file or a port that
    cannot be bound); `oob ...` changes a campaign in a running emulator instead."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["oob"]:
        return oob_main(arguments[1:])
    args = parse_args(arguments)
    settings = variant_settings_of(args)
    if args.run_seconds is not None:
        settings["run_seconds"] = args.run_seconds
    emulator = Emulator(
        args.token,
        rate_limit=rate_limit_of(args),
        settings=settings,
        host=args.host,
        port=args.port,
    )
    try:
        campaigns = workspace_of(args)
        emulator.backend.store.replace_all(campaigns)
    except (OSError, ValueError, HoodError) as error:
        print(f"cannot seed from {args.seed}: {error}", file=sys.stderr)
        return 2
    stopping = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        emulator.start()
    except OSError as error:
        print(
            f"cannot listen on {args.host}:{args.port}: {error.strerror or error}; "
            "pass another --port (0 picks a free one)",
            file=sys.stderr,
        )
        return 2
    with emulator:
        print(emulator.url, flush=True)
        if not args.quiet:
            print(banner(emulator.url, args.token, campaigns), flush=True)
        stopping.wait()
    return 0
