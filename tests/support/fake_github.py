"""A fake GitHub REST API on 127.0.0.1:0: issue comments and issues, the shapes the workflows'
tools use (pagination by Link header, 404 for an unknown comment, `creator` and `state`
filters), and a log of every request so tests can say what was and was not called."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.support.local_server import serving

TOKEN = "ghs_fake-token"
REPO = "acme/campaigns"


@dataclass
class Store:
    comments: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    issues: list[dict[str, Any]] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)
    fail_patch: int | None = None
    next_id: int = 1000

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def comment(self, number: int, login: str, body: str) -> dict[str, Any]:
        found = {"id": self.new_id(), "user": {"login": login}, "body": body}
        found["html_url"] = f"https://github.example/{REPO}/pull/{number}#c{found['id']}"
        self.comments.setdefault(number, []).append(found)
        return found

    def issue(self, login: str, body: str, **extra: Any) -> dict[str, Any]:
        number = len(self.issues) + 1
        found = {"number": number, "user": {"login": login}, "body": body, "state": "open"}
        self.issues.append(found | extra)
        return self.issues[-1]

    def writes(self) -> list[tuple[str, str]]:
        return [(method, path) for method, path in self.requests if method != "GET"]


class _Handler(BaseHTTPRequestHandler):
    store: Store
    base: str

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(self, status: int, body: Any, link: str = "") -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        if link:
            self.send_header("Link", link)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _route(self, method: str) -> None:
        parts = urllib.parse.urlsplit(self.path)
        self.store.requests.append((method, parts.path))
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            self._send(401, {"message": "Bad credentials"})
            return
        query = dict(urllib.parse.parse_qsl(parts.query))
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else {}
        prefix = f"/repos/{REPO}"
        path = parts.path.removeprefix(prefix).strip("/").split("/")
        if not parts.path.startswith(prefix):
            self._send(404, {"message": "Not Found"})
        elif method == "GET" and path[:1] == ["issues"] and len(path) == 3:
            self._page(self.store.comments.get(int(path[1]), []), query, parts.path)
        elif method == "GET" and path == ["issues"]:
            issues = [
                i
                for i in self.store.issues
                if i["state"] == query.get("state", "open")
                and query.get("creator") in (None, i["user"]["login"])
            ]
            self._page(issues, query, parts.path)
        elif method == "POST" and path[:1] == ["issues"] and len(path) == 3:
            self._send(201, self.store.comment(int(path[1]), "github-actions[bot]", body["body"]))
        elif method == "POST" and path == ["issues"]:
            self._send(
                201, self.store.issue("github-actions[bot]", body["body"], title=body["title"])
            )
        elif method == "PATCH" and path[:2] == ["issues", "comments"]:
            self._patch_comment(int(path[2]), body)
        elif method == "PATCH" and path[:1] == ["issues"] and len(path) == 2:
            issue = self.store.issues[int(path[1]) - 1]
            issue.update(body)
            self._send(200, issue)
        else:
            self._send(404, {"message": "Not Found"})

    def _patch_comment(self, comment_id: int, body: dict[str, Any]) -> None:
        if self.store.fail_patch:
            self._send(self.store.fail_patch, {"message": "Resource not accessible by integration"})
            return
        for comments in self.store.comments.values():
            for comment in comments:
                if comment["id"] == comment_id:
                    comment["body"] = body["body"]
                    self._send(200, comment)
                    return
        self._send(404, {"message": "Not Found"})

    def _page(self, items: list[Any], query: dict[str, str], path: str) -> None:
        size = int(query.get("per_page", "30"))
        page = int(query.get("page", "1"))
        chunk = items[(page - 1) * size : page * size]
        link = ""
        if page * size < len(items):
            following = urllib.parse.urlencode({**query, "page": str(page + 1)})
            link = f'<{self.base}{path}?{following}>; rel="next", <{self.base}{path}>; rel="last"'
        self._send(200, chunk, link)

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def do_PATCH(self) -> None:
        self._route("PATCH")


@contextmanager
def fake_github() -> Iterator[tuple[str, Store]]:
    """(API URL, store) of a fake GitHub serving one repository, for the duration."""
    store = Store()
    handler: type[_Handler] = type("Handler", (_Handler,), {"store": store})
    with serving(handler) as base:
        handler.base = base
        yield base, store
