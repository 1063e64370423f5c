"""The few GitHub REST calls the workflows make, on urllib: no `gh`, no third-party client.

Why not `gh pr comment --edit-last`: it edits whatever comment the token's user posted last,
another workflow's included, and a failed edit followed by a plain `gh pr comment` posts a
duplicate. Finding our own comment needs its body, which is what this module reads.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

API_VERSION: Final = "2022-11-28"
PAGE_SIZE: Final = 100
MAX_PAGES: Final = 50
"""5,000 comments: a bound, so a misbehaving server cannot keep a job paging forever."""
TIMEOUT_SECONDS: Final = 30
_NEXT: Final = re.compile(r'<([^>]+)>;\s*rel="next"')
_LOOPBACK: Final = frozenset({"127.0.0.1", "localhost", "::1"})


class GitHubError(Exception):
    """A GitHub API call that did not succeed: the method, path, status and GitHub's message."""

    def __init__(self, method: str, path: str, status: int, message: str) -> None:
        super().__init__(f"GitHub {method} {path}: {status} {message}".rstrip())
        self.status = status


@dataclass(frozen=True)
class GitHub:
    """One repository's REST API with one token."""

    api_url: str
    repository: str
    token: str

    def __post_init__(self) -> None:
        parts = urllib.parse.urlsplit(self.api_url)
        if parts.scheme != "https" and parts.hostname not in _LOOPBACK:
            # The token goes in a header: never over plain HTTP beyond this machine.
            raise ValueError(f"GitHub API URL must use https: {self.api_url}")
        if not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", self.repository):
            raise ValueError(f"not an owner/name repository: {self.repository!r}")

    def __repr__(self) -> str:
        return f"GitHub({self.api_url!r}, {self.repository!r})"

    def _request(self, method: str, url: str, body: Mapping[str, Any] | None) -> tuple[Any, str]:
        request = urllib.request.Request(
            url,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={
                "Accept": "application/vnd.github+json",
                "Authorization": f"Bearer {self.token}",
                "X-GitHub-Api-Version": API_VERSION,
                "User-Agent": "ocamba-campaigns-ci",
                **({"Content-Type": "application/json"} if body is not None else {}),
            },
        )
        path = urllib.parse.urlsplit(url).path
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                text = response.read().decode()
                return (json.loads(text) if text else None), response.headers.get("Link", "")
        except urllib.error.HTTPError as error:
            raise GitHubError(method, path, error.code, _message(error)) from None
        except urllib.error.URLError as error:
            raise GitHubError(method, path, 0, f"unreachable: {error.reason}") from None

    def url(self, path: str) -> str:
        return f"{self.api_url.rstrip('/')}/repos/{self.repository}{path}"

    def list(self, path: str, **query: str) -> Iterator[Mapping[str, Any]]:
        """Every item of a paginated listing, following the Link header."""
        url: str | None = (
            self.url(path) + "?" + urllib.parse.urlencode({**query, "per_page": str(PAGE_SIZE)})
        )
        for _ in range(MAX_PAGES):
            if url is None:
                return
            items, link = self._request("GET", url, None)
            yield from items if isinstance(items, list) else []
            found = _NEXT.search(link)
            url = found.group(1) if found else None

    def post(self, path: str, body: Mapping[str, Any]) -> Mapping[str, Any]:
        answer, _ = self._request("POST", self.url(path), body)
        return answer if isinstance(answer, Mapping) else {}

    def patch(self, path: str, body: Mapping[str, Any]) -> Mapping[str, Any]:
        answer, _ = self._request("PATCH", self.url(path), body)
        return answer if isinstance(answer, Mapping) else {}


def _message(error: urllib.error.HTTPError) -> str:
    try:
        found = json.loads(error.read().decode())
    except ValueError:
        return ""
    return str(found.get("message", "")) if isinstance(found, Mapping) else ""


def from_environment(env: Mapping[str, str]) -> GitHub:
    """The repository and token of the running workflow.

    Raises:
        SystemExit: a variable is missing, naming it.
    """
    token = env.get("GH_TOKEN") or env.get("GITHUB_TOKEN")
    repository = env.get("GITHUB_REPOSITORY")
    if not token or not repository:
        missing = "GH_TOKEN (or GITHUB_TOKEN)" if not token else "GITHUB_REPOSITORY"
        raise SystemExit(f"github: {missing} is not set")
    return GitHub(env.get("GITHUB_API_URL") or "https://api.github.com", repository, token)
