"""`python -m ocamba_provider.campaigns doctor` (`ocamba-doctor`): check a real account against
every assumption the client makes, before pointing a stack at it.

Read-only by construction: it reaches the API only through `ReadOnlyApi`, which can send GET
and nothing else, and it sends at most 10 of them (seven when the workspace has campaigns).
It prints one line per assumption, `ok`, `DIFFERS` or `unknown`, with what it saw and what the
client does about it. Exit 0: the client can work with this API (deviations it survives
included). Exit 1: it cannot (the reason is printed). The token is never printed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from ocamba_provider.campaigns import doctor_checks as checks
from ocamba_provider.campaigns import doctor_error_checks as error_checks
from ocamba_provider.campaigns.doctor_checks import ASKED_PAGE, Check
from ocamba_provider.campaigns.doctor_error_checks import UNKNOWN_ID
from ocamba_provider.campaigns.readonly_api import CAMPAIGNS, DoctorFailure, ReadOnlyApi, Reply
from ocamba_provider.client import HoodError
from ocamba_provider.credentials import api_from_environment
from ocamba_provider.errors import OcambaError

PROBE_FIELDS = ("id", "name", "status", *checks.TIME_FIELDS)


@dataclass
class Diagnosis:
    """Everything the doctor found: the checks, or the reason it had to stop."""

    checks: list[Check] = field(default_factory=list)
    failure: str | None = None
    requests: int = 0

    @property
    def client_can_work(self) -> bool:
        """No fatal finding and no reason to stop."""
        return self.failure is None and not any(check.fatal for check in self.checks)

    def report(self, where: str) -> str:
        """The text the command prints."""
        lines = [f"doctor: read-only checks against {where}"]
        lines += [check.line() for check in self.checks]
        counts = {
            outcome: sum(check.outcome == outcome for check in self.checks)
            for outcome in ("ok", "DIFFERS", "unknown")
        }
        differ = counts["DIFFERS"]
        summary = (
            f"{len(self.checks)} assumptions: {counts['ok']} ok, {differ} differ, "
            f"{counts['unknown']} unknown"
        )
        done = f"{self.requests} GET requests, no writes"
        if self.failure is not None:
            lines.append(f"doctor: FAILED ({done}): {self.failure}")
        elif not self.client_can_work:
            fatal = "; ".join(check.name for check in self.checks if check.fatal)
            lines.append(f"doctor: FAILED ({summary}; {done}): the client cannot work with {fatal}")
        elif differ:
            lines.append(f"doctor: {summary}; the client copes with each ({done})")
        else:
            lines.append(f"doctor: {summary}; nothing differs ({done})")
        return "\n".join(lines) + "\n"


def diagnose(api: ReadOnlyApi) -> Diagnosis:
    """Run every probe; a `DoctorFailure` becomes the diagnosis' failure."""
    diagnosis = Diagnosis()
    try:
        _probe(api, diagnosis.checks.append)
    except DoctorFailure as failure:
        diagnosis.failure = str(failure)
    diagnosis.requests = api.sent
    return diagnosis


def _probe(api: ReadOnlyApi, record: Callable[[Check], None]) -> None:
    replies: list[Reply] = []

    def get(path: str, params: dict[str, str] | None = None) -> Reply:
        reply = api.get(path, params)
        replies.append(reply)
        return reply

    first = _usable_listing(
        get(CAMPAIGNS, {"page": f"1,{ASKED_PAGE}", "fields": ",".join(PROBE_FIELDS)})
    )
    record(checks.page_size(first))
    record(checks.sparse_fields(first, PROBE_FIELDS))
    record(checks.id_type(first))
    record(checks.time_format(first))
    ids = checks.ids_of(first)
    # Page 2 of 3 can only be compared when page 1 showed at least six campaigns.
    second = get(CAMPAIGNS, {"page": "2,3", "fields": "id"}) if len(ids) >= 6 else None
    for check in checks.paging(first, second):
        record(check)
    record(checks.default_view(get(CAMPAIGNS, {"page": "1,1"})))
    record(error_checks.unknown_id(get(f"{CAMPAIGNS}/{UNKNOWN_ID}")))
    asked = sorted({ids[0], ids[-1]}) if ids else []
    if asked:
        params = {"id": "in:" + ",".join(asked), "fields": "id,status", "page": "1,100"}
        record(checks.id_filter(get(CAMPAIGNS, params), asked))
        record(checks.single_read(get(f"{CAMPAIGNS}/{ids[0]}", {"fields": "id,status"}), ids[0]))
    else:
        record(checks.id_filter(first, []))
    record(error_checks.error_wording(get(CAMPAIGNS, {"page": "0"})))
    record(error_checks.rate_limit_headers(replies))
    record(error_checks.write_lag())


def _usable_listing(reply: Reply) -> Reply:
    """The first listing, if the client could page through it at all.

    Raises:
        DoctorFailure: auth refused, another error, not JSON, or no integer `total`.
    """
    if reply.status in (401, 403):
        raise DoctorFailure(
            f"the API refused the token ({reply.status} {reply.message()!r}): check "
            "OCAMBA_API_TOKEN or `pulumi config set --secret ocamba:apiToken`"
        )
    if not reply.is_json:
        kind = reply.content_type or "no Content-Type"
        raise DoctorFailure(
            f"the campaign list answered {reply.status} with a non-JSON body ({kind}): "
            "is the URL the Hood API (OCAMBA_API_URL / ocamba:apiUrl)?"
        )
    if reply.status != 200:
        raise DoctorFailure(f"the campaign list answered {reply.status} {reply.message()!r}")
    if checks.total_of(reply) is None or not isinstance(reply.document.get("items"), list):
        raise DoctorFailure(
            "the campaign list has no integer `total` and `items` list: the client cannot "
            "know when it has read every campaign"
        )
    return reply


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
    """`ocamba-doctor [--api-url URL]`: token and URL as for every command of this package."""
    parser = argparse.ArgumentParser(
        prog="ocamba-doctor",
        description="Check the Hood API against the client's assumptions (GET only, <= 10).",
    )
    add_arguments(parser)
    return run_from_environment(parser.parse_args(argv).api_url)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The doctor's options (shared by `ocamba-doctor` and `... campaigns doctor`)."""
    parser.add_argument("--api-url", help="default: OCAMBA_API_URL or https://api.ocamba.com")


def run_from_environment(api_url: str | None) -> int:
    """`run` with the URL and token from stack config or the environment; 1 if none."""
    try:
        base_url, token = api_from_environment(api_url)
        return run(base_url, token)
    except (OcambaError, HoodError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
