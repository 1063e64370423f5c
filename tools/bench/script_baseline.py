"""The plain-script baseline: GET each declared campaign, resume the paused ones, in order.

What a curl loop does: no client-side pacing at all; on 429 it sleeps `Retry-After` seconds
and sends the same request again. A preview is the same loop without the resumes (a dry run
that reports what it would do).
"""

from __future__ import annotations

import time

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
