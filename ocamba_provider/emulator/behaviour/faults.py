"""Seeded, deterministic fault injection (`PUT /_emulator/faults`).

A rule names an API route (`list get resume pause cancel`, or `*`), a fault, a firing `rate`
and optionally a `count` (the rule fires at most that many times). Rules are tried in order
for each request; every firing `latency` rule adds its delay, and the first other rule that
fires decides the answer. One `random.Random(seed)` draws for every rule that is tried, so a
given sequence of requests meets the same faults on every run.

Faults:
- `500`: the documented 500 body, nothing applied.
- `429`: `Retry-After: <retry_after>` (default 1; -1 mimics the concurrency limit), nothing
  applied.
- `latency`: sleep `ms` before handling.
- `drop_after_apply`: handle the request (a write is applied and in the ledger), then close the
  socket without answering. Reads are just dropped.
- `html_502`: a proxy's HTML error page, nothing applied.
- `truncated_json`, `wrong_types`, `unknown_status`: reads only; spoil a 200 body (cut short;
  `total` as a string and `status` as a number; every status replaced by `status`, default
  `archived`).
"""

from __future__ import annotations

import json
import random
import threading
from dataclasses import dataclass, field
from typing import Any

from werkzeug.wrappers import Response

from ..api.errors import BadRequest

ROUTES = frozenset({"list", "get", "resume", "pause", "cancel", "*"})
READ_ROUTES = frozenset({"list", "get"})
BEFORE_HANDLER = frozenset({"500", "429", "html_502"})
READ_ONLY = frozenset({"truncated_json", "wrong_types", "unknown_status"})
KINDS = BEFORE_HANDLER | READ_ONLY | {"latency", "drop_after_apply"}
_RULE_KEYS = frozenset({"route", "fault", "rate", "count", "ms", "retry_after", "status"})

PROXY_502_PAGE = """<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
"""


@dataclass
class FaultRule:
    """One rule of `PUT /_emulator/faults`, with how often it has fired."""

    route: str
    fault: str
    rate: float = 1.0
    count: int | None = None
    ms: int = 0
    retry_after: int = 1
    status: str = "archived"
    fired: int = field(default=0, compare=False)

    def applies_to(self, route: str) -> bool:
        """Whether a request to `route` can meet this rule (read-only faults skip writes)."""
        if self.route not in ("*", route):
            return False
        return self.fault not in READ_ONLY or route in READ_ROUTES

    def as_json(self) -> dict[str, Any]:
        """The rule as `GET /_emulator/faults` reports it."""
        return {
            "route": self.route,
            "fault": self.fault,
            "rate": self.rate,
            "count": self.count,
            "ms": self.ms,
            "retry_after": self.retry_after,
            "status": self.status,
            "fired": self.fired,
        }


@dataclass(frozen=True)
class FaultPlan:
    """What the injector decided for one request."""

    latency_ms: int = 0
    fault: FaultRule | None = None


class FaultInjector:
    """Holds the current rules and draws from the seeded generator, thread-safely."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seed = 0
        self._rules: list[FaultRule] = []
        self._random = random.Random(0)  # noqa: S311 - fault injection, not cryptography

    def configure(self, body: Any) -> None:
        """Replace every rule with those of a `PUT /_emulator/faults` body.

        Raises:
            BadRequest: the body or a rule is malformed.
        """
        seed, rules = parse_faults(body)
        with self._lock:
            self._seed, self._rules = seed, rules
            self._random = random.Random(seed)  # noqa: S311

    def clear(self) -> None:
        """No faults (part of `POST /_emulator/reset`)."""
        self.configure({"rules": []})

    def draw(self, route: str) -> FaultPlan:
        """Decide the faults a request to `route` meets."""
        with self._lock:
            latency, chosen = 0, None
            for rule in self._rules:
                if not rule.applies_to(route) or (chosen is not None and rule.fault != "latency"):
                    continue
                if rule.count is not None and rule.fired >= rule.count:
                    continue
                if self._random.random() >= rule.rate:
                    continue
                rule.fired += 1
                if rule.fault == "latency":
                    latency += rule.ms
                else:
                    chosen = rule
            return FaultPlan(latency, chosen)

    def report(self) -> dict[str, Any]:
        """The rules and their firing counts, for `GET /_emulator/faults`."""
        with self._lock:
            return {"seed": self._seed, "rules": [rule.as_json() for rule in self._rules]}


def parse_faults(body: Any) -> tuple[int, list[FaultRule]]:
    """The seed and rules of a `PUT /_emulator/faults` body.

    Raises:
        BadRequest: the body or a rule is malformed.
    """
    if not isinstance(body, dict) or set(body) - {"seed", "rules"}:
        raise BadRequest("Faults body takes 'seed' and 'rules'.")
    seed, rules = body.get("seed", 0), body.get("rules", [])
    if isinstance(seed, bool) or not isinstance(seed, int) or not isinstance(rules, list):
        raise BadRequest("seed must be an integer and rules a list.")
    return seed, [_rule(entry) for entry in rules]


def _rule(entry: Any) -> FaultRule:
    if not isinstance(entry, dict) or set(entry) - _RULE_KEYS:
        raise BadRequest(f"A fault rule takes only {', '.join(sorted(_RULE_KEYS))}.")
    route, fault = entry.get("route", "*"), str(entry.get("fault"))
    if route not in ROUTES:
        raise BadRequest(f"Fault route must be one of {', '.join(sorted(ROUTES))}.")
    if fault not in KINDS:
        raise BadRequest(f"Fault must be one of {', '.join(sorted(KINDS))}.")
    if fault in READ_ONLY and route not in READ_ROUTES | {"*"}:
        raise BadRequest(f"Fault {fault} only applies to reads (list, get).")
    rate = entry.get("rate", 1.0)
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 <= rate <= 1:
        raise BadRequest("Fault rate must be a number from 0 to 1.")
    count = entry.get("count")
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 0):
        raise BadRequest("Fault count must be a non-negative integer.")
    ms, retry_after = entry.get("ms", 0), entry.get("retry_after", 1)
    if isinstance(ms, bool) or not isinstance(ms, int) or not 0 <= ms <= 600_000:
        raise BadRequest("Fault ms must be an integer from 0 to 600000.")
    # -1 is the documented "concurrency limit" value; otherwise whole seconds, at least 1.
    if isinstance(retry_after, bool) or retry_after not in range(-1, 3601) or retry_after == 0:
        raise BadRequest("Fault retry_after must be -1 or an integer from 1 to 3600.")
    status = entry.get("status", "archived")
    if not isinstance(status, str) or not status:
        raise BadRequest("Fault status must be a non-empty string.")
    return FaultRule(route, fault, float(rate), count, ms, retry_after, status)


def html_502() -> Response:
    """What a reverse proxy answers when the API behind it is down."""
    return Response(PROXY_502_PAGE, status=502, content_type="text/html")


def spoil_read(fault: FaultRule, response: Response) -> Response:
    """Apply a read-only fault to a 200 JSON answer; other answers pass untouched."""
    if response.status_code != 200 or fault.fault not in READ_ONLY:
        return response
    text = response.get_data(as_text=True)
    if fault.fault == "truncated_json":
        response.set_data(text[: max(1, len(text) // 2)])
        return response
    body = json.loads(text)
    for item in body.get("items", []):
        if "status" in item:
            item["status"] = 3 if fault.fault == "wrong_types" else fault.status
    if fault.fault == "wrong_types":
        body["total"] = str(body.get("total"))
    response.set_data(json.dumps(body))
    return response
