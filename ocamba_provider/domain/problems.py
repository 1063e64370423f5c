"""A problem is data: which campaign, which property to change, what was observed, and a code.

Its sentence is rendered in one place (domain/wording.py), for the surface that shows it
(snake_case or camelCase property names). Nothing reads a sentence back: the PR summary, the
native adapter and the tests take the fields. Like Stripe's errors (`code`, `param`), the code
says what went wrong for a program; the parameters carry what the sentence quotes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any


class Code(StrEnum):
    """What went wrong, for a program; each has one sentence in domain/wording.py."""

    # The decision table: no write can satisfy the declaration.
    UNKNOWN_DESIRED = "unknown-desired-state"
    NOT_FOUND = "not-found"
    DRAFT = "draft"
    CANCELED = "canceled"
    UNKNOWN_STATUS = "unknown-status"
    ALREADY_SENT = "already-sent"
    NEEDS_DECISION = "needs-decision"
    # Time and the run's plan.
    PAST_SCHEDULED_TIME = "past-scheduled-time"
    UNKNOWN_HOOD_TIME = "unknown-hood-time"
    RESCHEDULE_TOO_LATE = "reschedule-too-late"
    RESCHEDULE_MISREAD = "reschedule-misread"
    RESCHEDULE_HALFWAY = "reschedule-halfway"
    RESCHEDULE_UNCONFIRMED = "reschedule-unconfirmed"
    GUARD = "guard"
    # The declaration itself.
    REQUIRED = "required"
    INVALID_VALUE = "invalid-value"
    BOTH_RESUME_MODES = "both-resume-modes"
    NO_RESUME_MODE = "no-resume-mode"
    BAD_TIME = "bad-time"
    UNKNOWN_ZONE = "unknown-time-zone"
    MODE_BESIDE_FLIGHT = "mode-beside-flight"
    PAUSED_FLIGHT = "paused-flight"
    FLIGHT_BACKWARDS = "flight-backwards"
    TIME_IN_GAP = "time-in-dst-gap"
    # The whole run's list (ocamba:declaredCampaigns) against one declaration.
    NOT_LISTED = "not-listed"
    LISTED_OTHERWISE = "listed-otherwise"
    LISTED_HOLD_OTHERWISE = "listed-hold-otherwise"
    LISTED_FLIGHT_OTHERWISE = "listed-flight-otherwise"
    FROZEN = "frozen"
    FREEZE_START = "freeze-start"
    WINDOW_RULE = "window-rule"
    WINDOW_DURATION = "window-duration"
    WINDOWS_WITHOUT_START = "windows-without-start"
    WINDOW_OVERLAPS = "window-overlaps"
    # Carrying out a write, or reading around one.
    WRITE_FAILED = "write-failed"
    WRITE_REFUSED = "write-refused"
    WRITE_UNSETTLED = "write-unsettled"
    WRITE_NOT_SENDABLE = "write-not-sendable"
    WRITE_ROUNDS_EXHAUSTED = "write-rounds-exhausted"
    READ_FAILED = "read-failed"
    CONFIGURATION = "configuration"
    # Removing a declaration, and importing a campaign.
    RESTORE_IMPOSSIBLE = "restore-impossible"
    RESTORE_PASSED = "restore-time-passed"
    REMOVAL_REFUSED = "removal-refused"
    NOT_IMPORTABLE = "not-importable"
    # Groups: the selector, the membership, the precedence between declarations.
    SELECTOR_NOT_A_MAPPING = "selector-not-a-mapping"
    UNKNOWN_SELECTOR_KEY = "unknown-selector-key"
    BAD_SELECTOR_VALUE = "bad-selector-value"
    EMPTY_SELECTOR = "empty-selector"
    SELECT_WITH_ID = "select-with-id"
    GROUP_EMPTY = "group-matches-nothing"
    GROUPS_CONFLICT = "groups-conflict"
    GROUP_MEMBER = "group-member"
    GROUP_NOT_LISTED = "group-not-listed"
    GROUP_LISTED_OTHERWISE = "group-listed-otherwise"
    GROUP_FAILED = "group-members-failed"


@dataclass(frozen=True)
class Problem:
    """One thing the user must change or know, as data.

    `prop` is the input property a check failure is attached to (the one to change; empty
    when none is). `observed` is the campaign's status as read (None: not part of this
    problem). `params` holds the values the sentence quotes, by name.
    """

    code: Code
    prop: str = ""
    campaign_id: str = ""
    name: str = ""
    observed: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    def about(self, campaign_id: str, name: str = "") -> Problem:
        """The same problem, naming the campaign it is about."""
        return replace(self, campaign_id=campaign_id, name=name)

    def param(self, key: str) -> Any:
        """One value the sentence quotes; None when it was not given."""
        return self.params.get(key)

    def record(self) -> dict[str, Any]:
        """The problem as JSON-ready data (the PR summary's problems file)."""
        return {
            "code": self.code.value,
            "property": self.prop,
            "campaign_id": self.campaign_id,
            "name": self.name,
            "observed": self.observed,
            "params": {
                key: value.record() if isinstance(value, Problem) else value
                for key, value in self.params.items()
            },
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Problem:
        """A problem read back from its record.

        Raises:
            ValueError: not a record of a known problem.
        """
        params = record.get("params")
        observed = record.get("observed")
        return cls(
            code=Code(str(record.get("code"))),
            prop=str(record.get("property") or ""),
            campaign_id=str(record.get("campaign_id") or ""),
            name=str(record.get("name") or ""),
            observed=None if observed is None else str(observed),
            params={
                str(key): cls.from_record(value) if _is_record(value) else value
                for key, value in (params.items() if isinstance(params, Mapping) else ())
            },
        )


def _is_record(value: Any) -> bool:
    return isinstance(value, Mapping) and value.get("code") in set(Code)
