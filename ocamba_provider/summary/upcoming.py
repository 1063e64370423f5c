"""The PR comment's "Upcoming" section: the next 14 days of starts, pauses and skipped
windows, in each entry's zone and in GMT, and a Mermaid `gantt` of flights, windows and
freezes (GitHub renders Mermaid in comments).

Bounded on its own: at most MAX_CHANGES lines and MAX_BARS bars, then a line saying how many
were left out and where to see them all (`ocamba-campaigns calendar`), so the campaign table
keeps the rest of the comment's budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Final

from ocamba_provider.domain.upcoming import Outlook, Span, Upcoming
from ocamba_provider.domain.zones import is_gmt, to_local
from ocamba_provider.summary.inert import code_span, inert

MAX_CHANGES: Final = 30
MAX_BARS: Final = 40
GANTT_FORMAT: Final = "%Y-%m-%d %H:%M"
_WORDS: Final = {"resume": "resume", "pause": "pause", "skipped": "skipped"}
# Mermaid reads `:` `;` `#` and commas in a task line as syntax, and a comment is public text:
# a bar's label keeps letters, digits and a few marks, nothing a parser or a reader could act on.
_SAFE_MARKS: Final = frozenset(" .()/+-_")


def upcoming_lines(outlook: Outlook) -> list[str]:
    """The section's Markdown lines; none when the calendar has nothing in the horizon."""
    if not outlook.changes and not outlook.spans:
        return []
    days = (outlook.end - outlook.start).days
    lines = [f"#### Upcoming (next {days} days)", ""]
    shown = outlook.changes[:MAX_CHANGES]
    if shown:
        lines += ["| when (entry's zone) | GMT | campaign | change |", "|---|---|---|---|"]
        lines += [_change_line(change) for change in shown]
        lines.append("")
    else:
        lines += ["_No start or pause in these days._", ""]
    bars = outlook.spans[:MAX_BARS]
    if bars:
        lines += _gantt(outlook, bars)
    hidden = {
        "changes": len(outlook.changes) - len(shown),
        "bars": len(outlook.spans) - len(bars),
    }
    said = " and ".join(f"{count:,} {what}" for what, count in hidden.items() if count)
    if said:
        lines += [
            f"_{said} left out: `ocamba-campaigns calendar` writes every one as an "
            "iCalendar feed._",
            "",
        ]
    return lines


def _change_line(change: Upcoming) -> str:
    local = _when(change.at, change.zone)
    gmt = change.at.astimezone(UTC).strftime("%a %Y-%m-%d %H:%M GMT")
    who = inert(
        f"group {change.group}" if change.group else f"{change.campaign_id} {change.name}".strip()
    )
    what = _WORDS[change.happening]
    if change.happening == "skipped":
        what = f"skipped: the window opens inside freeze {code_span(change.freeze)}"
    return f"| {local} | {gmt} | {who} | **{what}** |"


def _when(at: datetime, zone_name: str) -> str:
    if not zone_name or is_gmt(zone_name):
        return "(GMT)"
    return to_local(at, zone_name).strftime("%a %Y-%m-%d %H:%M ") + inert(zone_name)


def _gantt(outlook: Outlook, bars: Sequence[Span]) -> list[str]:
    lines = [
        "```mermaid",
        "gantt",
        "    title Flights, windows and freezes (GMT)",
        "    dateFormat YYYY-MM-DD HH:mm",
        "    axisFormat %a %d",
    ]
    section = None
    # The earliest bars, drawn campaign by campaign (a section per campaign, freezes first).
    for bar in sorted(bars, key=lambda bar: (bar.kind != "freeze", bar.label, bar.occurrence)):
        heading = "Freezes" if bar.kind == "freeze" else _safe(f"{bar.label} {bar.name}")
        if heading != section:
            lines.append(f"    section {heading}")
            section = heading
        tag = "crit, " if bar.kind == "freeze" else ""
        start = max(bar.occurrence.start, outlook.start)
        end = min(bar.occurrence.end, outlook.end)
        title = _safe(bar.label) if bar.kind == "freeze" else bar.kind
        lines.append(f"    {title} :{tag}{_stamp(start)}, {_stamp(end)}")
    return [*lines, "```", ""]


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(GANTT_FORMAT)


def _safe(text: str) -> str:
    kept = "".join(char if char.isalnum() or char in _SAFE_MARKS else " " for char in text)
    return " ".join(kept.split())[:60] or "campaign"
