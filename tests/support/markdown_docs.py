"""The README and docs/*.md as a test reads them: headings and their GitHub anchors, links,
code spans and fenced blocks, and the shell commands of a block.

Just enough Markdown for our own pages (ATX headings, inline links, backtick code), parsed the
way GitHub renders them: a link or a heading inside code is not one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tests.support.paths import REPO

README = REPO / "README.md"
DOCS = REPO / "docs"
WALKTHROUGH_MARKER = "<!-- walkthrough -->"
"""The HTML comment the README puts right before the five-minute walk-through's block."""

_FENCE = re.compile(r"^(```+|~~~+)\s*([\w-]*)")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_HEREDOC = re.compile(r"<<-?\s*(['\"]?)(\w+)\1")


def pages() -> list[Path]:
    """The README and every page of docs/."""
    return [README, *sorted(DOCS.glob("*.md"))]


@dataclass(frozen=True)
class Block:
    """A fenced code block: its info string, its text, and the line just before it."""

    language: str
    text: str
    preceded_by: str


def split_code(markdown: str) -> tuple[str, list[Block]]:
    """The prose with fenced blocks blanked out (line numbers kept), and the blocks."""
    prose: list[str] = []
    blocks: list[Block] = []
    fence: str | None = None
    language, body, before, previous = "", [], "", ""
    for line in markdown.splitlines():
        opened = _FENCE.match(line.strip())
        if fence is None and opened:
            fence, language, body, before = opened.group(1), opened.group(2), [], previous
            prose.append("")
        elif fence is not None and line.strip().startswith(fence) and not line.strip("`~ "):
            blocks.append(Block(language, "\n".join(body), before))
            fence = None
            prose.append("")
        elif fence is not None:
            body.append(line)
            prose.append("")
        else:
            prose.append(line)
        if line.strip():
            previous = line.strip()
    return "\n".join(prose), blocks


def code_spans(prose: str) -> list[str]:
    """The inline code spans of prose (fenced blocks already removed)."""
    return [match.group(2).strip() for match in _CODE_SPAN.finditer(prose)]


def without_code_spans(prose: str) -> str:
    """Prose with each inline code span replaced by its text's length in spaces."""
    return _CODE_SPAN.sub(lambda match: " " * len(match.group(0)), prose)


def headings(markdown: str) -> list[tuple[int, str]]:
    """(level, text) of each ATX heading outside code blocks."""
    prose, _ = split_code(markdown)
    found = []
    for line in prose.splitlines():
        match = _HEADING.match(line)
        if match:
            found.append((len(match.group(1)), match.group(2)))
    return found


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: the rendered text lowercased, punctuation dropped (but
    `-` and `_`), each space a hyphen."""
    text = _CODE_SPAN.sub(lambda match: match.group(2), heading)
    text = _LINK.sub(lambda match: match.group(1), text)
    return re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    """Every anchor the page's headings make, with GitHub's -1, -2 for repeated ones."""
    seen: Counter[str] = Counter()
    found = set()
    for _, text in headings(markdown):
        base = slug(text)
        found.add(f"{base}-{seen[base]}" if seen[base] else base)
        seen[base] += 1
    return found


def links(markdown: str) -> list[str]:
    """The target of every inline link outside code."""
    prose, _ = split_code(markdown)
    return [match.group(2) for match in _LINK.finditer(without_code_spans(prose))]


def is_relative(target: str) -> bool:
    """A link into this repository (a file, or an anchor of this page)."""
    return not re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE)


def shell_commands(script: str) -> list[str]:
    """The commands of a shell block, one string each: a heredoc with its body and end line,
    a backslash-continued line with its continuation; blank and comment-only lines left out."""
    commands: list[str] = []
    lines = script.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        command = [line]
        while command[-1].rstrip().endswith("\\") and index < len(lines):
            command.append(lines[index])
            index += 1
        heredoc = _HEREDOC.search(command[0])
        if heredoc:
            end = heredoc.group(2)
            while index < len(lines):
                command.append(lines[index])
                index += 1
                if command[-1].strip() == end:
                    break
        commands.append("\n".join(command))
    return commands


def comment_of(command: str) -> str:
    """The trailing `# ...` comment of a one-line command (empty when none)."""
    first = command.splitlines()[0]
    quoted = re.sub(r"'[^']*'|\"[^\"]*\"", lambda match: " " * len(match.group(0)), first)
    at = quoted.find(" #")
    return first[at + 2 :].strip() if at >= 0 else ""


def walkthrough(markdown: str) -> Block:
    """The README's five-minute walk-through: the shell block right after its marker.

    Raises:
        LookupError: no shell block follows the marker (or there is no marker).
    """
    _, blocks = split_code(markdown)
    marked = [block for block in blocks if block.preceded_by == WALKTHROUGH_MARKER]
    if len(marked) != 1 or marked[0].language != "sh":
        raise LookupError(f"expected one ```sh block right after {WALKTHROUGH_MARKER}")
    return marked[0]
