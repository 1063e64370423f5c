"""The preview comment is found by its marker and author and edited; created when absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocamba_provider.summary import MARKER
from tests.support.fake_github import TOKEN, Store, fake_github
from tools.ci import pr_comment
from tools.ci.github_rest import GitHub, GitHubError
from tools.ci.pr_comment import marker_of, upsert

BOT = "github-actions[bot]"
BODY = f"{MARKER}\n### Campaign run-state preview\n\n**1 to resume**\n"


def test_the_first_run_creates_the_comment(served: tuple[GitHub, Store]) -> None:
    github, store = served

    posted = upsert(github, 7, BODY)

    assert posted.action == "created"
    assert [c["body"] for c in store.comments[7]] == [BODY]


def test_a_later_run_edits_the_same_comment(served: tuple[GitHub, Store]) -> None:
    github, store = served
    first = upsert(github, 7, BODY)

    second = upsert(github, 7, BODY.replace("resume", "pause"))

    assert (second.action, second.comment_id) == ("edited", first.comment_id)
    assert [c["body"] for c in store.comments[7]] == [BODY.replace("resume", "pause")]


def test_another_workflows_later_comment_is_left_alone(served: tuple[GitHub, Store]) -> None:
    github, store = served
    ours = store.comment(7, BOT, MARKER + "\nold")
    theirs = store.comment(7, BOT, "<!-- coverage-report -->\n90%")

    posted = upsert(github, 7, BODY)

    assert posted.comment_id == ours["id"]
    assert theirs["body"] == "<!-- coverage-report -->\n90%"
    assert ours["body"] == BODY


def test_a_person_quoting_the_marker_is_not_edited(served: tuple[GitHub, Store]) -> None:
    github, store = served
    human = store.comment(7, "alice", MARKER + "\nlooks good")

    posted = upsert(github, 7, BODY)

    assert posted.action == "created"
    assert human["body"] == MARKER + "\nlooks good"


def test_the_marker_must_be_the_first_line_not_anywhere(served: tuple[GitHub, Store]) -> None:
    github, store = served
    mention = store.comment(7, BOT, f"see the preview below\n{MARKER}")

    assert upsert(github, 7, BODY).action == "created"
    assert mention["body"] == f"see the preview below\n{MARKER}"


def test_our_comment_is_found_past_the_first_page(served: tuple[GitHub, Store]) -> None:
    github, store = served
    for i in range(150):
        store.comment(7, "alice", f"comment {i}")
    ours = store.comment(7, BOT, MARKER + "\nold")

    assert upsert(github, 7, BODY).comment_id == ours["id"]
    assert [path for method, path in store.requests if method == "GET"].count(
        "/repos/acme/campaigns/issues/7/comments"
    ) == 2


def test_a_failed_edit_fails_without_posting_a_duplicate(served: tuple[GitHub, Store]) -> None:
    github, store = served
    store.comment(7, BOT, MARKER + "\nold")
    store.fail_patch = 403

    with pytest.raises(GitHubError, match=r"^GitHub PATCH .*: 403 Resource not accessible"):
        upsert(github, 7, BODY)

    assert len(store.comments[7]) == 1
    assert [method for method, _ in store.writes()] == ["PATCH"]


def test_a_comment_deleted_since_the_listing_is_created_again(
    served: tuple[GitHub, Store],
) -> None:
    github, store = served
    store.comment(7, BOT, MARKER + "\nold")
    store.fail_patch = 404

    assert upsert(github, 7, BODY).action == "created"
    assert [method for method, _ in store.writes()] == ["PATCH", "POST"]


def test_a_body_without_a_marker_is_refused_before_any_call(
    served: tuple[GitHub, Store],
) -> None:
    github, store = served

    with pytest.raises(ValueError, match="the comment must start with a marker like <!-- name -->"):
        upsert(github, 7, "### no marker\n")

    assert store.requests == []


def test_marker_of_reads_the_first_line() -> None:
    assert marker_of(BODY) == MARKER


def test_main_posts_the_body_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    body = tmp_path / "comment.md"
    body.write_text(BODY)
    with fake_github() as (url, store):
        monkeypatch.setenv("GITHUB_API_URL", url)
        monkeypatch.setenv("GITHUB_REPOSITORY", "acme/campaigns")
        monkeypatch.setenv("GH_TOKEN", TOKEN)

        assert pr_comment.main(["--pr", "7", "--body-file", str(body)]) == 0
        assert pr_comment.main(["--pr", "7", "--body-file", str(body)]) == 0

    out = capsys.readouterr().out.splitlines()
    assert [line.split(" ")[1] for line in out] == ["created", "edited"]
    assert len(store.comments[7]) == 1


def test_main_without_a_token_names_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = tmp_path / "comment.md"
    body.write_text(BODY)
    for name in ("GH_TOKEN", "GITHUB_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GITHUB_REPOSITORY", "acme/campaigns")

    with pytest.raises(SystemExit, match=r"^github: GH_TOKEN \(or GITHUB_TOKEN\) is not set$"):
        pr_comment.main(["--pr", "7", "--body-file", str(body)])
