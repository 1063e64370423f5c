"""python -m tools.ci.pr_comment --pr N --body-file comment.md: one comment per pull request.

The comment is found by the marker its body starts with (the summary's first line,
`<!-- ocamba-campaigns:preview -->`) and by its author, then edited; it is created only when
there is none. Another workflow's comment, or a person quoting ours, is never touched, and a
failed edit fails the job instead of posting a second comment.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from tools.ci.github_rest import GitHub, GitHubError, from_environment

BOT: Final = "github-actions[bot]"
"""Who posts with the workflow's GITHUB_TOKEN."""
_MARKER: Final = re.compile(r"<!-- [a-z0-9:._-]+ -->")


@dataclass(frozen=True)
class Posted:
    """What `upsert` did: `created` or `edited`, and the comment's address."""

    action: str
    comment_id: int
    html_url: str


def marker_of(body: str) -> str:
    """The HTML comment that the body's first line is.

    Raises:
        ValueError: the body does not start with one.
    """
    first = body.split("\n", 1)[0].strip()
    if not _MARKER.fullmatch(first):
        raise ValueError(f"the comment must start with a marker like <!-- name -->, not {first!r}")
    return first


def is_ours(comment: Mapping[str, Any], marker: str, author: str) -> bool:
    user = comment.get("user")
    login = user.get("login") if isinstance(user, Mapping) else None
    body = comment.get("body")
    return login == author and isinstance(body, str) and body.split("\n", 1)[0].strip() == marker


def upsert(github: GitHub, number: int, body: str, author: str = BOT) -> Posted:
    """Edit our marked comment on issue or pull request `number`, or create it.

    Raises:
        ValueError: the body has no marker.
        GitHubError: a call failed (an edit that fails is not retried as a new comment).
    """
    marker = marker_of(body)
    ours = [c for c in github.list(f"/issues/{number}/comments") if is_ours(c, marker, author)]
    if ours:
        # The newest, if an earlier tool left several: it is the one readers see last.
        latest = ours[-1]
        try:
            answer = github.patch(f"/issues/comments/{latest['id']}", {"body": body})
            return Posted("edited", int(latest["id"]), str(answer.get("html_url", "")))
        except GitHubError as error:
            if error.status != 404:  # deleted since the listing: create it again
                raise
    answer = github.post(f"/issues/{number}/comments", {"body": body})
    return Posted("created", int(answer.get("id", 0)), str(answer.get("html_url", "")))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.ci.pr_comment", description=__doc__)
    parser.add_argument("--pr", type=int, required=True, help="pull request number")
    parser.add_argument("--body-file", required=True, help="the comment, starting with a marker")
    parser.add_argument("--author", default=BOT, help=f"whose comment to edit (default {BOT})")
    args = parser.parse_args(argv)
    body = Path(args.body_file).read_text(encoding="utf-8")
    try:
        posted = upsert(from_environment(os.environ), args.pr, body, args.author)
    except (ValueError, GitHubError) as error:
        print(f"pr_comment: {error}", file=sys.stderr)
        return 1
    print(f"pr_comment: {posted.action} {posted.html_url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
