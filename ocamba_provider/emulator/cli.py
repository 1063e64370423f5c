"""`python -m ocamba_provider.emulator`: serve the emulator until interrupted, or change a
campaign in a running one (`oob ...`, control/oob.py).

Prints exactly one line, the base URL (`http://127.0.0.1:PORT`), once it accepts requests, so
a parent process can read it from the child's stdout (`--port 0` picks a free port).
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
from .cli_variants import add_variant_arguments, check_variant_arguments, variant_settings_of
from .control.oob import main as oob_main
from .loopback import is_loopback
from .server import DEFAULT_TOKEN, Emulator
from .state.campaigns import campaigns_from_seed


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line; refuses a non-loopback `--host` and half-given limits."""
    parser = argparse.ArgumentParser(
        prog="python -m ocamba_provider.emulator",
        description="Local emulator of the Ocamba Hood campaigns API.",
    )
    parser.add_argument("--port", type=int, required=True, help="0 picks a free port")
    parser.add_argument("--host", default="127.0.0.1", help="a loopback address only")
    parser.add_argument("--seed", type=Path, help="JSON file: a PUT /_emulator/campaigns body")
    parser.add_argument("--token", default=DEFAULT_TOKEN, help="the accepted bearer token")
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
    return args


def rate_limit_of(args: argparse.Namespace) -> RateLimit | None:
    """The limits the command line asks for (documented values unless overridden)."""
    if args.no_rate_limit:
        return None
    return RateLimit(
        burst=args.burst if args.burst is not None else DOCUMENTED_RATE_LIMIT.burst,
        steady=args.steady if args.steady is not None else DOCUMENTED_RATE_LIMIT.steady,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run until SIGINT or SIGTERM; 0 on a clean stop, 2 on a bad seed file. `oob ...` changes
    a campaign in a running emulator instead."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["oob"]:
        return oob_main(arguments[1:])
    args = parse_args(arguments)
    emulator = Emulator(
        args.token,
        rate_limit=rate_limit_of(args),
        settings=variant_settings_of(args),
        host=args.host,
        port=args.port,
    )
    if args.seed is not None:
        try:
            campaigns = campaigns_from_seed(json.loads(args.seed.read_text(encoding="utf-8")))
            emulator.backend.store.replace_all(campaigns)
        except (OSError, ValueError, HoodError) as error:
            print(f"cannot seed from {args.seed}: {error}", file=sys.stderr)
            return 2
    stopping = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    with emulator.start():
        print(emulator.url, flush=True)
        stopping.wait()
    return 0
