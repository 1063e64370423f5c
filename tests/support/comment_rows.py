"""The table of a PR comment the summary wrote, read back by campaign id."""

from __future__ import annotations

import re

UPCOMING_HEADING = "#### Upcoming"


def rows_of(markdown: str) -> dict[str, list[str]]:
    """The campaign table's rows (not the Upcoming one's) by campaign id."""
    found = {}
    for line in markdown.split(UPCOMING_HEADING, maxsplit=1)[0].splitlines():
        if line.startswith("| ") and not line.startswith("| campaign |"):
            cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
            found[cells[0]] = cells
    return found
