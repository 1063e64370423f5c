"""The plain-script baseline: GET each declared campaign, resume the paused ones, in order.

What a curl loop does: no client-side pacing at all; on 429 it sleeps `Retry-After` seconds
and sends the same request again. A preview is the same loop without the resumes (a dry run
that reports what it would do).

The bench runs it as its own process (`python -m tools.bench.script_baseline`), ids on stdin:
a CI step that runs a script pays for starting the interpreter and importing `requests`, just
as `pulumi preview` pays for starting the engine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import requests

CAMPAIGNS = "/v1/hood/campaigns"


def _send(
    session: requests.Session, method: str, url: str, body: dict[str, int] | None = None
) -> requests.Response:
    while True:
        answer = session.request(method, url, json=body, timeout=30)
        if answer.status_code != 429:
            return answer
        time.sleep(max(0.05, float(answer.headers.get("Retry-After", "1"))))


def run_script(api_url: str, token: str, campaign_ids: list[str], *, apply: bool) -> int:
    """GET every campaign and, when `apply`, resume each paused one; the resumes sent."""
    resumed = 0
    with requests.Session() as session:
        session.headers["Authorization"] = f"Bearer {token}"
        for campaign_id in campaign_ids:
            answer = _send(session, "GET", f"{api_url}{CAMPAIGNS}/{campaign_id}")
            answer.raise_for_status()
            status = answer.json()["items"][0]["status"]
            if apply and status == "paused":
                done = _send(
                    session,
                    "POST",
                    f"{api_url}{CAMPAIGNS}/{campaign_id}/resume",
                    {"run_immediately": 1},
                )
                done.raise_for_status()
                resumed += 1
    return resumed


def run_script_process(
    api_url: str, token: str, campaign_ids: list[str], *, apply: bool, repo: Path
) -> None:
    """`run_script` in a fresh interpreter, as a CI step would run it; raises if it fails."""
    command = [sys.executable, "-m", "tools.bench.script_baseline", api_url]
    if apply:
        command.append("--apply")
    subprocess.run(
        command,
        input="\n".join(campaign_ids),
        text=True,
        check=True,
        capture_output=True,
        cwd=repo,
        # The token travels in the environment, not on a command line other users can read.
        env={**os.environ, "HOOD_TOKEN": token},
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.script_baseline")
    parser.add_argument("api_url")
    parser.add_argument("--apply", action="store_true", help="resume the paused ones")
    args = parser.parse_args(argv)
    ids = [line.strip() for line in sys.stdin if line.strip()]
    resumed = run_script(args.api_url, os.environ["HOOD_TOKEN"], ids, apply=args.apply)
    print(f"{len(ids)} read, {resumed} resumed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
