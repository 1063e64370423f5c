"""python -m tools.ci.tick_issue --outcome failure|success --body-file tick.md

One open issue while scheduled ticks fail or run late (schedule.yml): opened by the first such
tick, its body replaced by the next ones, closed with a comment by the first tick that runs on
time and succeeds. Same mechanics as the drift issue (drift_issue.py), its own marker.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Final

from tools.ci.drift_issue import IssueKind
from tools.ci.drift_issue import main as reconcile_main

TICK: Final = IssueKind(
    marker="<!-- ocamba-campaigns:tick -->",
    title="Scheduled run-state tick failed or ran late",
    intro=(
        "A scheduled tick (`schedule.yml`: `ocamba-campaigns due`, then `pulumi up` when a "
        "flight's boundary is due) failed, or ran later than the calendar asked. A campaign may "
        "still be running past its flight's end: check it below, then run the schedule "
        "workflow by hand from main. This issue closes itself on the next tick that runs on "
        "time and succeeds.\n\n"
    ),
    closing="The scheduled tick runs on time and succeeds again.",
)


def main(argv: Sequence[str] | None = None) -> int:
    return reconcile_main(argv, TICK, "tick_issue")


if __name__ == "__main__":
    sys.exit(main())
