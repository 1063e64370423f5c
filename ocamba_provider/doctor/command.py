"""`ocamba-doctor [--api-url URL]`: the doctor as a command, and its exit status.

Exit 0: the client can work with this API (deviations it survives included). Exit 1: it cannot,
or there is no token (the reason is printed). `ocamba-campaigns doctor` is the same command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from ocamba_provider.client import HoodError
from ocamba_provider.credentials import api_from_environment
from ocamba_provider.doctor.probe import diagnose
from ocamba_provider.doctor.readonly_api import ReadOnlyApi
from ocamba_provider.errors import OcambaError


def run(base_url: str, token: str, out: Callable[[str], object] = sys.stdout.write) -> int:
    """Diagnose the API at `base_url`, print the report; the exit status (0 or 1)."""
    api = ReadOnlyApi(base_url, token)
    try:
        diagnosis = diagnose(api)
    finally:
        api.close()
    report = diagnosis.report(api.base_url)
    # Nothing the doctor prints comes from the token, but an answer could echo it back.
    out(report.replace(token, "***") if token else report)
    return 0 if diagnosis.client_can_work else 1


def main(argv: list[str] | None = None) -> int:
    """`ocamba-doctor [--api-url URL]`: token and URL as for `ocamba-campaigns` (credentials.py)."""
    parser = argparse.ArgumentParser(
        prog="ocamba-doctor",
        description="Check the Hood API against the client's assumptions (GET only, <= 10).",
    )
    add_arguments(parser)
    return run_from_environment(parser.parse_args(argv).api_url)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The doctor's options (shared by `ocamba-doctor` and `ocamba-campaigns doctor`)."""
    parser.add_argument("--api-url", help="default: OCAMBA_API_URL or https://api.ocamba.com")


def run_from_environment(api_url: str | None) -> int:
    """`run` with the URL and token from stack config or the environment; 1 if none."""
    try:
        base_url, token = api_from_environment(api_url)
        return run(base_url, token)
    except (OcambaError, HoodError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
