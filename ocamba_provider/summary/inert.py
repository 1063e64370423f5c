"""Text from the API or the stack config -> Markdown that renders as exactly that text.

A campaign is named by whoever can edit it in Hood, and the comment is posted with the
workflow's token: `@octocat [click](https://evil.example/x)` must not become a mention, a
link or an image under our name. Three layers, because each one stops what the others cannot:

- HTML metacharacters become entities, so no tag opens;
- every other ASCII character that can start inline Markdown gets a backslash, so no link,
  image, emphasis, code span, strikethrough, math or table cell boundary starts;
- GitHub finds mentions, issue references, emoji shortcodes and bare URLs *after* Markdown,
  in the rendered text, where backslashes are gone: a zero-width space (U+200B, as Dependabot
  does for mentions) splits each trigger from what follows it. GitLab does the same for its
  own references (`!12` merge requests, `~label`, `%milestone`, `$12` snippets, `&12` epics,
  `[vulnerability:12]`, `*iteration:`), split the same way, since the summary is posted as a
  merge-request note too (tools/ci/gitlab_note.py).

GitLab also runs a quick action (`/merge`, `/close`, `/approve`) written at the start of any
line of a note. A cell never starts a line; `no_quick_action` keeps a line that we copy
verbatim (a program error in a fenced block) from starting with `/`, though GitLab skips fenced
blocks today.

The zero-width space is invisible when read and changes no ASCII character of the text.
"""

from __future__ import annotations

import re
from typing import Final

ZERO_WIDTH_SPACE: Final = "\u200b"

_ENTITIES: Final = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# What opens inline Markdown in a table cell: code, emphasis, link and image brackets, the
# cell boundary, strikethrough, GitHub math, and the backslash itself. Block syntax (#, -, >
# at a line start) cannot begin inside a cell or mid-line.
_BACKSLASHED: Final = frozenset("\\`*_[]|~$")

# Where GitHub's post-Markdown filters link text: split each trigger with a zero-width space.
_GITHUB_TRIGGERS: Final = re.compile(
    r"(?P<at>@)(?=\w)"  # @user, @org/team, user@example.com
    r"|(?P<hash>#)(?=\d)"  # #123
    r"|(?P<gh>GH)(?=-\d)"  # GH-123
    r"|(?P<scheme>:)(?=//)"  # https://..., ftp://...
    r"|(?P<www>www)(?=\.)"  # www.example.com
    r"|(?P<emoji>:)(?=[a-z_+-][a-z0-9_+-]*:)"  # :octocat: is an <img> on GitHub
    # GitLab's references: !12, ~label, %milestone, $12, &12, [vulnerability:12], *iteration:
    r"|(?P<gitlab>[!$&])(?=\d)"
    r"|(?P<gitlab_named>[~%])(?=[\w\"])"
    r"|(?P<gitlab_bracket>\[)(?=[a-z_]+:)"
    r"|(?P<gitlab_iteration>\*)(?=iteration:)",
    re.IGNORECASE,
)
_QUICK_ACTION: Final = re.compile(r"^([ \t]*)/")


# What CommonMark reads as a line ending; a cell must stay on one line.
_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")


def _split_trigger(found: re.Match[str]) -> str:
    return found.group(0) + ZERO_WIDTH_SPACE


def inert(text: str) -> str:
    """`text` as Markdown that renders literally, on one line: nothing in it is live."""
    one_line = _LINE_BREAK.sub(" ", text)
    split = _GITHUB_TRIGGERS.sub(_split_trigger, one_line)
    escaped: list[str] = []
    for char in split:
        if char in _ENTITIES:
            escaped.append(_ENTITIES[char])
        elif char in _BACKSLASHED:
            escaped.append("\\" + char)
        else:
            escaped.append(char)
    return "".join(escaped)


def no_quick_action(line: str) -> str:
    """`line` unchanged, unless it starts with `/` (after blanks), which GitLab would run as a
    quick action: then a zero-width space goes first."""
    return _QUICK_ACTION.sub(lambda found: found.group(1) + ZERO_WIDTH_SPACE + "/", line, 1)


def code_span(text: str) -> str:
    """`text` as an inline code span: literal whatever backticks it holds."""
    one_line = _LINE_BREAK.sub(" ", text)
    longest = max((len(run) for run in re.findall(r"`+", one_line)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {one_line} " if one_line.startswith("`") or one_line.endswith("`") else one_line
    return f"{fence}{padded}{fence}"
