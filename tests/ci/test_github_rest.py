"""The REST client: where it refuses to send the token, and how a failure reads."""

from __future__ import annotations

import pytest

from tests.support.fake_github import REPO, fake_github
from tools.ci.github_rest import GitHub, GitHubError


def test_plain_http_beyond_this_machine_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^GitHub API URL must use https: http://api\.example$"):
        GitHub("http://api.example", REPO, "t")


def test_a_repository_that_is_not_owner_slash_name_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^not an owner/name repository: 'acme/x/../y'$"):
        GitHub("https://api.github.com", "acme/x/../y", "t")


def test_the_token_is_not_in_the_repr() -> None:
    assert "secret-token" not in repr(GitHub("https://api.github.com", REPO, "secret-token"))


def test_a_refused_token_names_method_path_status_and_message() -> None:
    with fake_github() as (url, _):
        github = GitHub(url, REPO, "wrong")

        with pytest.raises(
            GitHubError, match=r"^GitHub POST /repos/acme/campaigns/issues: 401 Bad"
        ):
            github.post("/issues", {"title": "t", "body": "b"})


def test_an_unreachable_api_is_a_github_error() -> None:
    github = GitHub("http://127.0.0.1:9", REPO, "t")

    with pytest.raises(
        GitHubError, match=r"^GitHub GET /repos/acme/campaigns/issues: 0 unreachable"
    ):
        list(github.list("/issues"))
