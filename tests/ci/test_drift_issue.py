"""The drift check keeps one issue: opened on drift, updated while it lasts, closed after."""

from __future__ import annotations

from tests.support.fake_github import Store
from tools.ci.drift_issue import BODY_LIMIT, MARKER, TITLE, reconcile_issue
from tools.ci.github_rest import GitHub

TABLE = "| campaign | ... |\n| 1000248 | paused | active | **resume now** |\n"


def test_drift_opens_one_issue_with_the_table(served: tuple[GitHub, Store]) -> None:
    github, store = served

    outcome = reconcile_issue(github, drifted=True, summary=TABLE)

    (issue,) = store.issues
    assert (outcome.action, outcome.number) == ("opened", issue["number"])
    assert issue["title"] == TITLE
    assert issue["body"].startswith(MARKER + "\n") and issue["body"].endswith(TABLE)


def test_drift_on_the_next_day_updates_the_same_issue(served: tuple[GitHub, Store]) -> None:
    github, store = served
    reconcile_issue(github, drifted=True, summary=TABLE)

    outcome = reconcile_issue(github, drifted=True, summary=TABLE + "| 1000260 | ... |\n")

    assert outcome.action == "updated"
    assert len(store.issues) == 1
    assert store.issues[0]["body"].endswith("| 1000260 | ... |\n")


def test_in_sync_closes_the_issue_with_a_comment(served: tuple[GitHub, Store]) -> None:
    github, store = served
    reconcile_issue(github, drifted=True, summary=TABLE)

    outcome = reconcile_issue(github, drifted=False, summary="", run_line="_run 42_")

    assert outcome.action == "closed"
    assert (store.issues[0]["state"], store.issues[0]["state_reason"]) == ("closed", "completed")
    assert store.comments[1][0]["body"].endswith("\n\n_run 42_")


def test_in_sync_without_an_issue_changes_nothing(served: tuple[GitHub, Store]) -> None:
    github, store = served

    assert reconcile_issue(github, drifted=False, summary="").action == "none"
    assert store.writes() == []


def test_drift_after_a_closed_issue_opens_a_new_one(served: tuple[GitHub, Store]) -> None:
    github, store = served
    reconcile_issue(github, drifted=True, summary=TABLE)
    reconcile_issue(github, drifted=False, summary="")

    assert reconcile_issue(github, drifted=True, summary=TABLE).action == "opened"
    assert [issue["state"] for issue in store.issues] == ["closed", "open"]


def test_other_issues_and_pull_requests_are_never_touched(served: tuple[GitHub, Store]) -> None:
    github, store = served
    person = store.issue("alice", MARKER + "\ncopied")
    pull = store.issue("github-actions[bot]", MARKER + "\nx", pull_request={"url": "..."})
    other = store.issue("github-actions[bot]", "<!-- release -->\nnotes")

    reconcile_issue(github, drifted=True, summary=TABLE)
    reconcile_issue(github, drifted=False, summary="")

    assert [person["state"], pull["state"], other["state"]] == ["open", "open", "open"]
    assert person["body"] == MARKER + "\ncopied"
    assert store.issues[-1]["state"] == "closed"


def test_a_huge_summary_is_cut_to_fit_an_issue(served: tuple[GitHub, Store]) -> None:
    github, store = served

    reconcile_issue(github, drifted=True, summary="x" * BODY_LIMIT)

    assert len(store.issues[0]["body"]) < BODY_LIMIT
    assert store.issues[0]["body"].endswith("the whole preview is in the workflow log._\n")
