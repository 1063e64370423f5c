"""The table of a PR comment the summary wrote, read back by campaign id."""

from __future__ import annotations

import re


def rows_of(markdown: str) -> dict[str, list[str]]:
    """Table rows by campaign id."""
    found = {}
    for line in markdown.splitlines():
        if line.startswith("| ") and not line.startswith("| campaign |"):
            cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
            found[cells[0]] = cells
    return found
