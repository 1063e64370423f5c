"""python -m tools.ci.drift_issue --outcome failure|success --body-file drift.md

One open issue while the daily drift check fails: opened on the first failure, its body
replaced on the next ones (so it always shows the latest table), closed with a comment on the
first run that finds every campaign in sync again. Found by its marker and author, like the
pull-request comment. The scheduled tick keeps its own issue the same way (tick_issue.py).
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


@dataclass(frozen=True)
class IssueKind:
    """One kind of workflow issue: how it is found (its marker) and what it says."""

    marker: str
    title: str
    intro: str
    closing: str
    """The comment made when the workflow passes again."""


DRIFT: Final = IssueKind(
    marker="<!-- ocamba-campaigns:drift -->",
    title="Campaign run-state drift: live status differs from the declarations",
    intro=(
        "The scheduled drift check (`pulumi preview --refresh --expect-no-changes`) failed: a "
        "managed campaign was changed outside git, or the preview itself failed. The next merge "
        "(or a manual run of the apply workflow on main) puts declared campaigns back; this "
        "issue closes itself when the check passes.\n\n"
    ),
    closing="The drift check passes again: every managed campaign matches its declaration.",
)
MARKER: Final = DRIFT.marker
TITLE: Final = DRIFT.title

BODY_LIMIT: Final = 65_536
"""GitHub refuses an issue body of this many characters or more."""
CUT: Final = "\n\n_Cut to fit in an issue: the whole preview is in the workflow log._\n"


@dataclass(frozen=True)
class Outcome:
    """What `reconcile_issue` did: `opened`, `updated`, `closed` or `none`, and the issue."""

    action: str
    number: int = 0


def open_issue(github: GitHub, author: str, kind: IssueKind = DRIFT) -> Mapping[str, Any] | None:
    """Our open issue of this kind, if any (the listing holds pull requests too: skipped)."""
    for issue in github.list("/issues", state="open", creator=author):
        if "pull_request" not in issue and is_ours(issue, kind.marker, author):
            return issue
    return None


def reconcile_issue(
    github: GitHub,
    drifted: bool,
    summary: str,
    run_line: str = "",
    author: str = BOT,
    *,
    kind: IssueKind = DRIFT,
) -> Outcome:
    """Open, update or close the one issue of `kind` to match this run (`drifted`: failing).

    Raises:
        GitHubError: a call failed.
    """
    issue = open_issue(github, author, kind)
    if drifted:
        body = f"{kind.marker}\n{kind.intro}{summary}"
        if len(body) >= BODY_LIMIT:
            body = body[: BODY_LIMIT - len(CUT) - 1] + CUT
        if issue is None:
            created = github.post("/issues", {"title": kind.title, "body": body})
            return Outcome("opened", int(created.get("number", 0)))
        github.patch(f"/issues/{issue['number']}", {"body": body})
        return Outcome("updated", int(issue["number"]))
    if issue is None:
        return Outcome("none")
    note = kind.closing
    github.post(f"/issues/{issue['number']}/comments", {"body": f"{note}\n\n{run_line}".strip()})
    github.patch(f"/issues/{issue['number']}", {"state": "closed", "state_reason": "completed"})
    return Outcome("closed", int(issue["number"]))


def main(
    argv: Sequence[str] | None = None, kind: IssueKind = DRIFT, module: str = "drift_issue"
) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m tools.ci.{module}", description=__doc__)
    parser.add_argument("--outcome", choices=["success", "failure"], required=True)
    parser.add_argument("--body-file", required=True, help="the run's summary (Markdown)")
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
            kind=kind,
        )
    except GitHubError as error:
        print(f"{module}: {error}", file=sys.stderr)
        return 1
    print(f"{module}: {done.action}" + (f" #{done.number}" if done.number else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
