"""`pulumi preview --json` -> the Markdown of a pull-request comment, campaign by campaign.

Pure functions from a parsed document to text; the command line (`python -m
ocamba_provider.summary PREVIEW.json [--output FILE]`) is the only part that reads or writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from ocamba_provider.summary.markdown import COMMENT_LIMIT, MARKER, render, totals
from ocamba_provider.summary.problems import FailedResource, read_problems
from ocamba_provider.summary.row import Kind, Row
from ocamba_provider.summary.rows import Preview, read_preview

__all__ = [
    "COMMENT_LIMIT",
    "MARKER",
    "FailedResource",
    "Kind",
    "Preview",
    "Row",
    "read_preview",
    "read_problems",
    "render",
    "summarize",
    "totals",
]


def summarize(
    document: Mapping[str, Any],
    limit: int = COMMENT_LIMIT,
    *,
    now: datetime | None = None,
    failed: Mapping[str, FailedResource] | None = None,
) -> str:
    """The comment for one parsed `pulumi preview --json` document, shorter than `limit`.

    `now` is when the preview is judged (default: the current time); `failed` is what check
    recorded of failed resources (`read_problems` of the problems file).
    """
    return render(read_preview(document, now or datetime.now(UTC), failed), limit)
