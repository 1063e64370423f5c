"""The problems of a preview as data, for the PR summary: one JSON line per failed check.

A check that fails leaves the engine nothing but its message: `pulumi preview --json` has no
step for the campaign, only an error diagnostic. The PR comment's error row needs the facts
(campaign, Hood name, observed status, desired state), and reading them back from the message
breaks on the first campaign named "Winter (draft)". So when the environment variable
`OCAMBA_PROBLEMS_FILE` names a file, check appends its problems there as data, keyed by the
resource's name (the last part of the URN the diagnostic carries), and
`python -m ocamba_provider.summary preview.json --problems FILE` reads them. The file holds no
secret: campaign ids, names, statuses and the declared state.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Mapping
from typing import Any, Final

from ocamba_provider.domain.problems import Problem

PROBLEMS_FILE_VARIABLE: Final = "OCAMBA_PROBLEMS_FILE"

_LOCK = threading.Lock()


def record_problems(
    resource: str,
    declared: Mapping[str, Any],
    problems: Iterable[Problem],
    environ: Mapping[str, str] = os.environ,
) -> None:
    """Append this resource's problems to the problems file, if one is named."""
    path = environ.get(PROBLEMS_FILE_VARIABLE, "").strip()
    found = [problem.record() for problem in problems]
    if not path or not found:
        return
    line = json.dumps(
        {
            "resource": resource,
            "campaign_id": declared.get("campaign_id"),
            "state": declared.get("state"),
            "problems": found,
        },
        default=str,
    )
    # One write per line, under a lock: checks run in several threads, and O_APPEND keeps the
    # lines of two provider processes (both adapters in one preview) whole.
    with _LOCK, open(path, "a", encoding="utf-8") as file:
        file.write(line + "\n")
