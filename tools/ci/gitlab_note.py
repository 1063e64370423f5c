"""python -m tools.ci.gitlab_note --mr IID --body-file comment.md: one note per merge request.

The GitLab twin of tools/ci/pr_comment.py. The note is found by the marker its body starts
with (the summary's first line, `<!-- ocamba-campaigns:preview -->`) and by its author, the
token's own user, then edited; it is created only when there is none. A person's note quoting
the marker, another bot's note and GitLab's system notes are never touched, and a failed edit
fails the job instead of posting a second note.

The token: a project access token (role Reporter or above, scope `api`) in GITLAB_TOKEN; the
job token (CI_JOB_TOKEN) cannot post merge-request notes. The project and the API come from
GitLab's own variables, CI_PROJECT_ID and CI_API_V4_URL. stdlib only, like the GitHub tools.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from tools.ci.pr_comment import Posted, marker_of

PAGE_SIZE: Final = 100
MAX_PAGES: Final = 50
"""5,000 notes: a bound, so a misbehaving server cannot keep a job paging forever."""
TIMEOUT_SECONDS: Final = 30
_LOOPBACK: Final = frozenset({"127.0.0.1", "localhost", "::1"})


class GitLabError(Exception):
    """A GitLab API call that did not succeed: the method, path, status and GitLab's message."""

    def __init__(self, method: str, path: str, status: int, message: str) -> None:
        super().__init__(f"GitLab {method} {path}: {status} {message}".rstrip())
        self.status = status


@dataclass(frozen=True)
class GitLab:
    """One project's REST API (v4) with one token."""

    api_url: str
    project: str
    token: str

    def __post_init__(self) -> None:
        parts = urllib.parse.urlsplit(self.api_url)
        if parts.scheme != "https" and parts.hostname not in _LOOPBACK:
            # The token goes in a header: never over plain HTTP beyond this machine.
            raise ValueError(f"GitLab API URL must use https: {self.api_url}")
        if not self.project.isdigit():
            raise ValueError(f"not a numeric project id (CI_PROJECT_ID): {self.project!r}")

    def __repr__(self) -> str:
        return f"GitLab({self.api_url!r}, {self.project!r})"

    def request(
        self, method: str, path: str, body: Mapping[str, Any] | None = None, **query: str
    ) -> tuple[Any, Mapping[str, str]]:
        """One call to `<api>/<path>`; the parsed answer and its headers."""
        url = f"{self.api_url.rstrip('/')}{path}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        request = urllib.request.Request(
            url,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={
                "PRIVATE-TOKEN": self.token,
                "User-Agent": "ocamba-campaigns-ci",
                **({"Content-Type": "application/json"} if body is not None else {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                text = response.read().decode()
                return (json.loads(text) if text else None), dict(response.headers)
        except urllib.error.HTTPError as error:
            raise GitLabError(method, path, error.code, _message(error)) from None
        except urllib.error.URLError as error:
            raise GitLabError(method, path, 0, f"unreachable: {error.reason}") from None

    def notes(self, mr: int) -> Iterator[Mapping[str, Any]]:
        """Every note of merge request `mr`, oldest first, page by page (X-Next-Page)."""
        path = f"/projects/{self.project}/merge_requests/{mr}/notes"
        page = "1"
        for _ in range(MAX_PAGES):
            query = {"sort": "asc", "order_by": "created_at", "per_page": str(PAGE_SIZE)}
            items, headers = self.request("GET", path, page=page, **query)
            yield from items if isinstance(items, list) else []
            page = headers.get("X-Next-Page", "")
            if not page:
                return


def _message(error: urllib.error.HTTPError) -> str:
    try:
        found = json.loads(error.read().decode())
    except ValueError:
        return ""
    # GitLab answers {"message": ...} or {"error": ...}.
    if isinstance(found, Mapping):
        return str(found.get("message") or found.get("error") or "")
    return ""


def is_ours(note: Mapping[str, Any], marker: str, author: str) -> bool:
    user = note.get("author")
    username = user.get("username") if isinstance(user, Mapping) else None
    body = note.get("body")
    return (
        not note.get("system")
        and username == author
        and isinstance(body, str)
        and body.split("\n", 1)[0].strip() == marker
    )


def upsert(gitlab: GitLab, mr: int, body: str) -> Posted:
    """Edit our marked note on merge request `mr`, or create it.

    Raises:
        ValueError: the body has no marker.
        GitLabError: a call failed (an edit that fails is not retried as a new note).
    """
    marker = marker_of(body)
    me, _ = gitlab.request("GET", "/user")
    author = str(me.get("username", "")) if isinstance(me, Mapping) else ""
    ours = [note for note in gitlab.notes(mr) if is_ours(note, marker, author)]
    notes = f"/projects/{gitlab.project}/merge_requests/{mr}/notes"
    if ours:
        # The newest, if an earlier tool left several: it is the one readers see last.
        latest = ours[-1]
        try:
            gitlab.request("PUT", f"{notes}/{latest['id']}", {"body": body})
            return Posted("edited", int(latest["id"]), "")
        except GitLabError as error:
            if error.status != 404:  # deleted since the listing: create it again
                raise
    answer, _ = gitlab.request("POST", notes, {"body": body})
    created = int(answer.get("id", 0)) if isinstance(answer, Mapping) else 0
    return Posted("created", created, "")


def from_environment(env: Mapping[str, str]) -> GitLab:
    """The project and token of the running pipeline.

    Raises:
        SystemExit: a variable is missing, naming it.
    """
    for name in ("GITLAB_TOKEN", "CI_PROJECT_ID"):
        if not env.get(name):
            raise SystemExit(f"gitlab: {name} is not set")
    api = env.get("CI_API_V4_URL") or "https://gitlab.com/api/v4"
    return GitLab(api, env["CI_PROJECT_ID"], env["GITLAB_TOKEN"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.ci.gitlab_note", description=__doc__)
    parser.add_argument("--mr", type=int, required=True, help="merge request IID")
    parser.add_argument("--body-file", required=True, help="the note, starting with a marker")
    args = parser.parse_args(argv)
    body = Path(args.body_file).read_text(encoding="utf-8")
    try:
        posted = upsert(from_environment(os.environ), args.mr, body)
    except (ValueError, GitLabError) as error:
        print(f"gitlab_note: {error}", file=sys.stderr)
        return 1
    print(f"gitlab_note: {posted.action} note {posted.comment_id} on !{args.mr}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
