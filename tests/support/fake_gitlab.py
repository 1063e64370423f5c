"""A fake GitLab REST API (v4) on 127.0.0.1:0: the current user and one project's merge-request
notes, in the shapes tools/ci/gitlab_note.py uses (PRIVATE-TOKEN, X-Next-Page pagination,
system notes, 404 for an unknown note), and a log of every request so tests can say what was
and was not called."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.support.local_server import serving

TOKEN = "glpat-fake-token"
PROJECT = "42"
BOT = "project_42_bot_3f9a"
"""The user a project access token posts as."""


@dataclass
class Store:
    notes: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    fail_put: int | None = None
    next_id: int = 500

    def note(self, mr: int, username: str, body: str, *, system: bool = False) -> dict[str, Any]:
        self.next_id += 1
        found = {"id": self.next_id, "author": {"username": username}, "body": body}
        found["system"] = system
        self.notes.setdefault(mr, []).append(found)
        return found

    def writes(self) -> list[tuple[str, str]]:
        return [(method, path) for method, path in self.requests if method != "GET"]


class _Handler(BaseHTTPRequestHandler):
    store: Store

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(self, status: int, body: Any, next_page: str = "") -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Next-Page", next_page)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _route(self, method: str) -> None:
        parts = urllib.parse.urlsplit(self.path)
        self.store.requests.append((method, parts.path))
        if self.headers.get("PRIVATE-TOKEN") != TOKEN:
            self._send(401, {"message": "401 Unauthorized"})
            return
        query = dict(urllib.parse.parse_qsl(parts.query))
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else {}
        path = parts.path.removeprefix("/api/v4").strip("/").split("/")
        if method == "GET" and path == ["user"]:
            self._send(200, {"id": 9, "username": BOT})
            return
        if path[:2] != ["projects", PROJECT] or path[2:3] != ["merge_requests"]:
            self._send(404, {"message": "404 Project Not Found"})
            return
        mr, rest = int(path[3]), path[4:]
        if method == "GET" and rest == ["notes"]:
            self._page(self.store.notes.get(mr, []), query)
        elif method == "POST" and rest == ["notes"]:
            self._send(201, self.store.note(mr, BOT, body["body"]))
        elif method == "PUT" and rest[:1] == ["notes"] and len(rest) == 2:
            self._put(mr, int(rest[1]), body)
        else:
            self._send(404, {"error": "404 Not Found"})

    def _put(self, mr: int, note_id: int, body: dict[str, Any]) -> None:
        if self.store.fail_put:
            self._send(self.store.fail_put, {"message": "403 Forbidden"})
            return
        for note in self.store.notes.get(mr, []):
            if note["id"] == note_id:
                note["body"] = body["body"]
                self._send(200, note)
                return
        self._send(404, {"message": "404 Note Not Found"})

    def _page(self, items: list[Any], query: dict[str, str]) -> None:
        size = int(query.get("per_page", "20"))
        page = int(query.get("page", "1"))
        chunk = items[(page - 1) * size : page * size]
        self._send(200, chunk, str(page + 1) if page * size < len(items) else "")

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def do_PUT(self) -> None:
        self._route("PUT")


@contextmanager
def fake_gitlab() -> Iterator[tuple[str, Store]]:
    """(API URL ending in /api/v4, store) of a fake GitLab serving one project, for the duration."""
    store = Store()
    handler: type[_Handler] = type("Handler", (_Handler,), {"store": store})
    with serving(handler) as base:
        yield f"{base}/api/v4", store
