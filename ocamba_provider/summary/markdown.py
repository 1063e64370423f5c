"""A Preview -> the Markdown of a pull-request comment, kept under GitHub's size limit.

Totals first, then errors, then a table of what will change; unchanged campaigns are folded in a
<details> block. When the whole does not fit in one comment, the unchanged table goes first,
then rows from the end of the change table (errors are listed first, so they go last), and the
comment says how many rows of each kind were left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from ocamba_provider.domain.wording import OBSERVED_STATUS_LABEL
from ocamba_provider.summary.group_rows import GroupMembers
from ocamba_provider.summary.inert import code_span, inert, no_quick_action
from ocamba_provider.summary.row import TOTAL_LABELS, Kind, Row
from ocamba_provider.summary.rows import Preview
from ocamba_provider.summary.upcoming import upcoming_lines

COMMENT_LIMIT: Final = 65_536
"""GitHub refuses a comment body of this many characters or more."""

MARKER: Final = "<!-- ocamba-campaigns:preview -->"
"""Invisible first line, so a workflow can find and replace its own earlier comment."""

MAX_GENERAL_ERRORS: Final = 20
FENCE: Final = "`" * 3
NOTHING: Final = "no campaigns declared"


def escape_cell(text: str) -> str:
    """Text from the API or the config as one inert table cell (see `inert`)."""
    return inert(text)


def totals(rows: Iterable[Row], unlisted_unchanged: int = 0) -> str:
    """`2 to resume, 1 to pause, 3 unchanged, 1 error`: zero counts left out."""
    counts = Counter(row.kind for row in rows)
    counts[Kind.NONE] += unlisted_unchanged
    parts = [f"{counts[kind]:,} {label}" for kind, label in TOTAL_LABELS.items() if counts[kind]]
    errors = counts[Kind.ERROR]
    if errors:
        parts.append(f"{errors:,} error" + ("s" if errors != 1 else ""))
    return ", ".join(parts) or NOTHING


def _header(notes: bool) -> list[str]:
    columns = ["campaign", "name", OBSERVED_STATUS_LABEL, "desired state", "action"]
    if notes:
        columns.append("notes")
    return ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]


def _line(row: Row, notes: bool) -> str:
    # Escape the texts first, then add our own emphasis: names, reasons and error text come
    # from the API or the config and must stay inert (see inert.py).
    action = escape_cell(row.action)
    if row.kind is Kind.ERROR:
        action = "**error**" + escape_cell(row.action.removeprefix("error"))
    elif row.kind in (Kind.RESUME, Kind.RESCHEDULE, Kind.PAUSE, Kind.FORGET):
        action = f"**{action}**"
    cells = [row.campaign_id, row.name, row.observed, row.desired]
    text = [escape_cell(cell) for cell in cells]
    text.append(action)
    if notes:
        text.append(escape_cell(row.notes))
    return "| " + " | ".join(text) + " |"


def _table(rows: Sequence[Row], notes: bool) -> list[str]:
    return [*_header(notes), *(_line(row, notes) for row in rows)]


def _left_out(rows: Sequence[Row]) -> str:
    counts = Counter(row.kind for row in rows)
    labels = {**TOTAL_LABELS, Kind.ERROR: "errors"}
    detail = ", ".join(f"{counts[kind]:,} {labels[kind]}" for kind in sorted(counts))
    noun = "row" if len(rows) == 1 else "rows"
    return (
        f"_{len(rows):,} {noun} left out ({detail}): the comment would pass GitHub's "
        "65,536-character limit; the full preview is in the workflow log._"
    )


def _opening(preview: Preview) -> list[str]:
    stack = f" (stack {code_span(preview.stack)})" if preview.stack else ""
    title = "Campaign run-state preview" + stack
    summary = totals(preview.rows, preview.unlisted_unchanged)
    if preview.general_errors and summary == NOTHING:
        summary = "the preview failed before any campaign was read"
    lines = [MARKER, f"### {title}", "", f"**{summary}**", ""]
    if preview.failed:
        lines += [
            "> [!CAUTION]",
            "> The preview failed: nothing can be applied until the errors below are fixed.",
            "",
        ]
    override = preview.guard_override
    if override is not None:
        # Facts from the provider's checked inputs, not parsed from any message.
        lines += [
            "> [!WARNING]",
            f"> The blast-radius guard was overridden for this run: "
            f"{code_span(f'{override.variable}={override.allowed}')} allows "
            f"{override.allowed:,} transitions, past the stack's limit of {override.limit:,} "
            f"({override.campaigns:,} campaigns pass only by it). The override is not saved: "
            "an apply without it is refused.",
            "",
        ]
    if preview.freeze_overrides:
        names = ", ".join(code_span(name) for name in preview.freeze_overrides)
        lines += [
            "> [!WARNING]",
            f"> A freeze was overridden for this run: OCAMBA_ALLOW_FREEZE lets {names} "
            "through. The override is not saved: an apply without it holds every resume "
            "and reschedule the freeze covers.",
            "",
        ]
    shown = preview.general_errors[:MAX_GENERAL_ERRORS]
    if shown:
        lines += ["Errors not tied to one campaign:", ""]
        for message in shown:
            # A fence keeps the program's own line breaks (a config error lists one per line).
            # GitLab skips quick actions in fenced blocks; no line starts one regardless.
            fenced = [no_quick_action(line) for line in message.replace(FENCE, "'" * 3).split("\n")]
            lines += [FENCE + "text", *fenced, FENCE, ""]
        hidden = len(preview.general_errors) - len(shown)
        if hidden:
            lines += [f"_and {hidden} more: see the workflow log._", ""]
    return lines


def _members(group: GroupMembers) -> list[str]:
    lines = ["<details>", f"<summary>{escape_cell(group.summary)}</summary>", ""]
    lines += ["| campaign | name | status | action |", "|---|---|---|---|"]
    lines += [
        "| " + " | ".join(escape_cell(cell) for cell in member) + " |" for member in group.members
    ]
    return [*lines, "", "</details>", ""]


@dataclass(frozen=True)
class _Layout:
    """The parts of the comment that never shrink, and how a row is written."""

    preview: Preview
    opening: tuple[str, ...]
    notes: bool

    def compose(
        self, changes: Sequence[Row], unchanged: Sequence[Row], left_out: Sequence[Row]
    ) -> str:
        lines = list(self.opening)
        if changes:
            lines += [*_table(changes, self.notes), ""]
        if unchanged:
            lines += ["<details>", f"<summary>{len(unchanged):,} unchanged</summary>", ""]
            lines += [*_table(unchanged, self.notes), "", "</details>", ""]
        if not left_out:
            # Each group's members, folded; the first thing left out when it would not fit.
            lines += [line for group in self.preview.groups for line in _members(group)]
        if self.preview.unlisted_unchanged:
            count = self.preview.unlisted_unchanged
            lines += [f"_{count:,} unchanged not listed: the preview ran without `--show-sames`._"]
            lines.append("")
        if left_out:
            lines += [_left_out(left_out), ""]
        if self.preview.outlook is not None:
            lines += upcoming_lines(self.preview.outlook)
        return "\n".join(lines)


def render(preview: Preview, limit: int = COMMENT_LIMIT) -> str:
    """The comment: shorter than `limit` characters, saying what it had to leave out."""
    rows = preview.rows
    layout = _Layout(preview, tuple(_opening(preview)), any(row.notes for row in rows))
    changes = [row for row in rows if row.kind is not Kind.NONE]
    unchanged = [row for row in rows if row.kind is Kind.NONE]
    for text in (
        layout.compose(changes, unchanged, []),
        layout.compose(changes, [], unchanged),
    ):
        if len(text) < limit:
            return text
    # Keep the longest prefix of the change table (errors first) that fits, then check.
    budget = limit - len(layout.compose([], [], rows)) - len("\n".join(_header(layout.notes))) - 4
    keep = 0
    for row in changes:
        budget -= len(_line(row, layout.notes)) + 1
        if budget <= 0:
            break
        keep += 1
    while True:
        text = layout.compose(changes[:keep], [], [*changes[keep:], *unchanged])
        if len(text) < limit or keep == 0:
            return text[: limit - 1]
        keep -= 1
