"""The merge-request note is found by its marker and author and edited in place; created only
when absent; other notes are never touched; hostile names stay inert in it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from ocamba_provider.summary import MARKER, summarize
from tests.support.fake_gitlab import BOT, PROJECT, TOKEN, Store, fake_gitlab
from tests.support.preview_documents import document, inputs, step
from tools.ci import gitlab_note
from tools.ci.gitlab_note import GitLab, GitLabError, upsert

BODY = f"{MARKER}\n### Campaign run-state preview\n\n**1 to resume**\n"
NOTES = f"/api/v4/projects/{PROJECT}/merge_requests/7/notes"


@pytest.fixture
def served() -> Iterator[tuple[GitLab, Store]]:
    with fake_gitlab() as (url, store):
        yield GitLab(url, PROJECT, TOKEN), store


def test_the_first_run_creates_exactly_one_note(served: tuple[GitLab, Store]) -> None:
    gitlab, store = served

    posted = upsert(gitlab, 7, BODY)

    assert posted.action == "created"
    assert [n["body"] for n in store.notes[7]] == [BODY]


def test_the_next_run_edits_the_same_note_in_place(served: tuple[GitLab, Store]) -> None:
    gitlab, store = served
    first = upsert(gitlab, 7, BODY)

    second = upsert(gitlab, 7, BODY.replace("resume", "pause"))

    assert (second.action, second.comment_id) == ("edited", first.comment_id)
    assert [n["body"] for n in store.notes[7]] == [BODY.replace("resume", "pause")]
    assert [m for m, _ in store.writes()] == ["POST", "PUT"]


def test_other_notes_are_left_untouched(served: tuple[GitLab, Store]) -> None:
    gitlab, store = served
    person = store.note(7, "alice", MARKER + "\nlooks good")
    other_bot = store.note(7, BOT, "<!-- coverage-report -->\n90%")
    system = store.note(7, BOT, MARKER + "\nadded 1 commit", system=True)
    ours = store.note(7, BOT, MARKER + "\nold")

    posted = upsert(gitlab, 7, BODY)

    assert (posted.action, posted.comment_id) == ("edited", ours["id"])
    assert person["body"] == MARKER + "\nlooks good"
    assert other_bot["body"] == "<!-- coverage-report -->\n90%"
    assert system["body"] == MARKER + "\nadded 1 commit"
    assert len(store.notes[7]) == 4


def test_the_marker_must_be_the_first_line(served: tuple[GitLab, Store]) -> None:
    gitlab, store = served
    mention = store.note(7, BOT, f"see the preview below\n{MARKER}")

    assert upsert(gitlab, 7, BODY).action == "created"
    assert mention["body"] == f"see the preview below\n{MARKER}"


def test_our_note_is_found_past_the_first_page(served: tuple[GitLab, Store]) -> None:
    gitlab, store = served
    for i in range(150):
        store.note(7, "alice", f"note {i}")
    ours = store.note(7, BOT, MARKER + "\nold")

    assert upsert(gitlab, 7, BODY).comment_id == ours["id"]
    assert [path for method, path in store.requests if method == "GET"].count(NOTES) == 2


def test_a_failed_edit_fails_without_posting_a_second_note(served: tuple[GitLab, Store]) -> None:
    gitlab, store = served
    store.note(7, BOT, MARKER + "\nold")
    store.fail_put = 403

    with pytest.raises(GitLabError, match=r"^GitLab PUT .*/notes/\d+: 403 403 Forbidden$"):
        upsert(gitlab, 7, BODY)

    assert len(store.notes[7]) == 1
    assert [method for method, _ in store.writes()] == ["PUT"]


def test_a_note_deleted_since_the_listing_is_created_again(served: tuple[GitLab, Store]) -> None:
    gitlab, store = served
    store.note(7, BOT, MARKER + "\nold")
    store.fail_put = 404

    assert upsert(gitlab, 7, BODY).action == "created"
    assert [method for method, _ in store.writes()] == ["PUT", "POST"]


def test_a_body_without_a_marker_is_refused_before_any_call(served: tuple[GitLab, Store]) -> None:
    gitlab, store = served

    with pytest.raises(ValueError, match="the comment must start with a marker"):
        upsert(gitlab, 7, "### no marker\n")

    assert store.requests == []


def test_a_refused_token_names_method_path_status_and_message() -> None:
    refused = pytest.raises(GitLabError, match=r"^GitLab GET /user: 401 401 Unauthorized$")
    with fake_gitlab() as (url, _), refused:
        upsert(GitLab(url, PROJECT, "wrong"), 7, BODY)


def test_plain_http_beyond_this_machine_and_odd_projects_are_refused() -> None:
    with pytest.raises(ValueError, match=r"^GitLab API URL must use https: http://gl\.example$"):
        GitLab("http://gl.example", PROJECT, "t")
    with pytest.raises(ValueError, match=r"^not a numeric project id \(CI_PROJECT_ID\): '1/\.\.'$"):
        GitLab("https://gitlab.com/api/v4", "1/..", "t")
    assert "secret" not in repr(GitLab("https://gitlab.com/api/v4", PROJECT, "secret"))


def test_hostile_campaign_names_reach_the_note_inert(served: tuple[GitLab, Store]) -> None:
    gitlab, store = served
    hostile = "/merge\n/approve @all !12 ~bug [x](https://evil.example)"
    preview = document(step("create", "c", inputs("1000248", "paused", "running", name=hostile)))

    upsert(gitlab, 7, summarize(preview))

    (note,) = store.notes[7]
    assert re.findall(r"^[ \t]*/", note["body"], re.MULTILINE) == []
    assert "@all" not in note["body"] and "!12" not in note["body"]
    assert "\\[x\\](https:\u200b//evil.example)" in note["body"]  # no link


def test_main_posts_then_edits_the_body_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    body = tmp_path / "comment.md"
    body.write_text(BODY)
    with fake_gitlab() as (url, store):
        monkeypatch.setenv("CI_API_V4_URL", url)
        monkeypatch.setenv("CI_PROJECT_ID", PROJECT)
        monkeypatch.setenv("GITLAB_TOKEN", TOKEN)

        assert gitlab_note.main(["--mr", "7", "--body-file", str(body)]) == 0
        assert gitlab_note.main(["--mr", "7", "--body-file", str(body)]) == 0

    out = capsys.readouterr().out.splitlines()
    assert [line.split(" ")[1] for line in out] == ["created", "edited"]
    assert len(store.notes[7]) == 1


def test_main_without_a_token_names_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = tmp_path / "comment.md"
    body.write_text(BODY)
    monkeypatch.delenv("GITLAB_TOKEN", raising=False)
    monkeypatch.setenv("CI_PROJECT_ID", PROJECT)

    with pytest.raises(SystemExit, match=r"^gitlab: GITLAB_TOKEN is not set$"):
        gitlab_note.main(["--mr", "7", "--body-file", str(body)])
