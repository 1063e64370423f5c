"""python -m tools.ci.drift_issue --outcome failure|success --body-file drift.md

One open issue while the daily drift check fails: opened on the first failure, its body
replaced on the next ones (so it always shows the latest table), closed with a comment on the
first run that finds every campaign in sync again. Found by its marker and author, like the
pull-request comment.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from tools.ci.github_rest import GitHub, GitHubError, from_environment
from tools.ci.pr_comment import BOT, is_ours

MARKER: Final = "<!-- ocamba-campaigns:drift -->"
TITLE: Final = "Campaign run-state drift: live status differs from the declarations"
INTRO: Final = (
    "The scheduled drift check (`pulumi preview --refresh --expect-no-changes`) failed: a "
    "managed campaign was changed outside git, or the preview itself failed. The next merge "
    "(or a manual run of the apply workflow on main) puts declared campaigns back; this issue "
    "closes itself when the check passes.\n\n"
)

BODY_LIMIT: Final = 65_536
"""GitHub refuses an issue body of this many characters or more."""
CUT: Final = "\n\n_Cut to fit in an issue: the whole preview is in the workflow log._\n"


@dataclass(frozen=True)
class Outcome:
    """What `reconcile_issue` did: `opened`, `updated`, `closed` or `none`, and the issue."""

    action: str
    number: int = 0


def open_drift_issue(github: GitHub, author: str) -> Mapping[str, Any] | None:
    """Our open drift issue, if any (the listing holds pull requests too: skipped)."""
    for issue in github.list("/issues", state="open", creator=author):
        if "pull_request" not in issue and is_ours(issue, MARKER, author):
            return issue
    return None


def reconcile_issue(
    github: GitHub, drifted: bool, summary: str, run_line: str = "", author: str = BOT
) -> Outcome:
    """Open, update or close the one drift issue to match today's check.

    Raises:
        GitHubError: a call failed.
    """
    issue = open_drift_issue(github, author)
    if drifted:
        body = f"{MARKER}\n{INTRO}{summary}"
        if len(body) >= BODY_LIMIT:
            body = body[: BODY_LIMIT - len(CUT) - 1] + CUT
        if issue is None:
            created = github.post("/issues", {"title": TITLE, "body": body})
            return Outcome("opened", int(created.get("number", 0)))
        github.patch(f"/issues/{issue['number']}", {"body": body})
        return Outcome("updated", int(issue["number"]))
    if issue is None:
        return Outcome("none")
    note = "The drift check passes again: every managed campaign matches its declaration."
    github.post(f"/issues/{issue['number']}/comments", {"body": f"{note}\n\n{run_line}".strip()})
    github.patch(f"/issues/{issue['number']}", {"state": "closed", "state_reason": "completed"})
    return Outcome("closed", int(issue["number"]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.ci.drift_issue", description=__doc__)
    parser.add_argument("--outcome", choices=["success", "failure"], required=True)
    parser.add_argument("--body-file", required=True, help="the summary of the drift preview")
    parser.add_argument("--author", default=BOT)
    args = parser.parse_args(argv)
    summary = Path(args.body_file).read_text(encoding="utf-8")
    # The summary's last line names the commit, run and time; repeat it when closing.
    run_line = summary.rstrip().rsplit("\n", 1)[-1] if summary.strip() else ""
    try:
        done = reconcile_issue(
            from_environment(os.environ),
            args.outcome == "failure",
            summary,
            run_line if run_line.startswith("_") else "",
            args.author,
        )
    except GitHubError as error:
        print(f"drift_issue: {error}", file=sys.stderr)
        return 1
    print(f"drift_issue: {done.action}" + (f" #{done.number}" if done.number else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
