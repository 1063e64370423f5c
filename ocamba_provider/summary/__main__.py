"""python -m ocamba_provider.summary PREVIEW.json [--problems FILE] [--output FILE]: print or
write the comment.

`--problems` is the file the preview wrote its failed checks to (the environment variable
OCAMBA_PROBLEMS_FILE of the `pulumi preview` step): with it, an error row names the campaign,
its Hood name and its observed status; without it, the row shows the error's text.

A preview that failed before it printed any JSON (a crashed program, a backend that could not be
reached) still gets a comment, pointing at the log, so the pull request never shows a stale one.
In GitHub Actions the comment ends with the commit, a link to the run and the time (GMT).
Exit status: 0 when a comment was produced, 2 when the file cannot be read at all.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from ocamba_provider.summary import COMMENT_LIMIT, MARKER, FailedResource, read_problems, summarize
from ocamba_provider.summary.context import RunContext, from_environment

UNREADABLE = (
    "{marker}\n### Campaign run-state preview\n\n"
    "> [!CAUTION]\n> The preview produced no readable JSON ({why}); see the workflow log.\n"
)


def comment_for(
    text: str,
    context: RunContext | None = None,
    failed: Mapping[str, FailedResource] | None = None,
) -> str:
    """The comment for the raw text of a preview file, readable or not."""
    footer = f"\n{context.line()}\n" if context else ""
    if not text.strip():
        return UNREADABLE.format(marker=MARKER, why="the output was empty") + footer
    try:
        document = json.loads(text)
    except ValueError as error:
        return UNREADABLE.format(marker=MARKER, why=f"not JSON: {error}") + footer
    if not isinstance(document, dict):
        return UNREADABLE.format(marker=MARKER, why="not a JSON object") + footer
    now = context.at if context else datetime.now(UTC)
    return summarize(document, COMMENT_LIMIT - len(footer), now=now, failed=failed) + footer


def _problems(path: str | None) -> dict[str, FailedResource]:
    # A preview that failed before any check ran wrote no file: that is no problem here.
    if not path:
        return {}
    try:
        return read_problems(Path(path).read_text(encoding="utf-8").splitlines())
    except OSError:
        return {}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ocamba_provider.summary",
        description="Turn `pulumi preview --json` output into a Markdown pull-request comment.",
    )
    parser.add_argument("preview", help="the file `pulumi preview --json` wrote ('-': stdin)")
    parser.add_argument(
        "--problems",
        help="the failed checks the preview recorded (its OCAMBA_PROBLEMS_FILE); optional",
    )
    parser.add_argument("--output", "-o", help="write the comment here instead of stdout")
    args = parser.parse_args(argv)
    try:
        text = sys.stdin.read() if args.preview == "-" else Path(args.preview).read_text()
    except OSError as error:
        print(f"summary: cannot read {args.preview}: {error.strerror}", file=sys.stderr)
        return 2
    failed = _problems(args.problems)
    now = datetime.now(UTC)
    comment = comment_for(text, from_environment(os.environ, now), failed)
    if args.output:
        Path(args.output).write_text(comment, encoding="utf-8")
    else:
        sys.stdout.write(comment)
    return 0


if __name__ == "__main__":
    sys.exit(main())
