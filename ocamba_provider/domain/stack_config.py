"""The stack config `ocamba-campaigns:campaigns`: validation into declarations.

Every problem is reported at once, each naming the list index and the key, so one preview of a
pull request shows everything that is wrong with the file.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ocamba_provider.errors import OcambaError
from ocamba_provider.resources.inputs import POLICY_KEYS, check_declared
from ocamba_provider.schemas import load, validator

CONFIG_KEY = "ocamba-campaigns:campaigns"
_NAME_RULE = load("stack_campaigns")["items"]["properties"]["name"]["x-message"]


class StackConfigError(OcambaError):
    """The campaigns list in stack config is not valid; the message lists every problem."""


@dataclass(frozen=True)
class CampaignEntry:
    """One valid declaration from stack config."""

    id: str
    state: str
    resource_name: str
    run_immediately: bool | None = None
    scheduled_time: str | None = None
    pause_reason: str | None = None
    policies: tuple[tuple[str, str], ...] = ()

    def resource_args(self) -> dict[str, Any]:
        """Keyword arguments for CampaignRunState."""
        args: dict[str, Any] = {"campaign_id": self.id, "state": self.state}
        for key in ("run_immediately", "scheduled_time", "pause_reason"):
            value = getattr(self, key)
            if value is not None:
                args[key] = value
        args.update(dict(self.policies))
        return args


def _where(index: int | None, key: str | None) -> str:
    place = "campaigns" if index is None else f"campaigns[{index}]"
    return f"{place}.{key}" if key else place


def _schema_problems(raw: Any) -> tuple[list[str], set[int]]:
    problems: list[str] = []
    broken: set[int] = set()
    for error in sorted(validator("stack_campaigns").iter_errors(raw), key=lambda e: list(e.path)):
        path = list(error.path)
        index = path[0] if path and isinstance(path[0], int) else None
        key = str(path[1]) if len(path) > 1 else None
        schema = error.schema if isinstance(error.schema, dict) else {}
        if error.validator == "required":
            missing = str(error.message).split("'")[1]
            problems.append(f"{_where(index, missing)}: {missing} is required")
        elif error.validator == "additionalProperties":
            extras = sorted(set(error.instance) - set(schema.get("properties", {})))
            for extra in extras:
                problems.append(f"{_where(index, extra)}: {schema.get('x-additional-message')}")
        else:
            message = schema.get("x-message", error.message)
            problems.append(f"{_where(index, key)}: {message} (got {error.instance!r})")
        if index is not None:
            broken.add(index)
    return problems, broken


def parse_campaigns(raw: Any) -> list[CampaignEntry]:
    """The declarations in `raw` (the parsed config value; None means none declared).

    Raises:
        StackConfigError: one message listing every problem, by index and key.
    """
    if raw is None:
        return []
    problems, broken = _schema_problems(raw)
    if not isinstance(raw, list):
        raise StackConfigError(f"{CONFIG_KEY} is not valid:\n  - " + "\n  - ".join(problems))
    entries: list[tuple[int, CampaignEntry]] = []
    for index, item in enumerate(raw):
        if index in broken:
            continue
        inputs = {("campaign_id" if k == "id" else k): v for k, v in item.items() if k != "name"}
        declared, semantic = check_declared(inputs)
        for prop, reason in semantic:
            problems.append(f"{_where(index, 'id' if prop == 'campaign_id' else prop)}: {reason}")
        if isinstance(item.get("name"), str) and item["name"].endswith("\n"):
            # The schema's `pattern` runs with Python's re, whose `$` matches before a final
            # newline; a resource name must not end in one.
            problems.append(f"{_where(index, 'name')}: {_NAME_RULE} (got {item['name']!r})")
        entries.append(
            (
                index,
                CampaignEntry(
                    id=item["id"],
                    state=item["state"],
                    resource_name=item.get("name") or f"campaign-{item['id']}",
                    run_immediately=item.get("run_immediately"),
                    scheduled_time=declared.get("scheduled_time"),
                    pause_reason=item.get("pause_reason"),
                    policies=tuple((k, declared[k]) for k in POLICY_KEYS if k in declared),
                ),
            )
        )
    ids = Counter(entry.id for _, entry in entries)
    names = Counter(entry.resource_name for _, entry in entries)
    # The index in messages is the entry's place in the file, not among the valid entries.
    for index, entry in entries:
        if ids[entry.id] > 1:
            problems.append(
                f"{_where(index, 'id')}: campaign {entry.id} is declared "
                f"{ids[entry.id]} times; declare each campaign once"
            )
        elif names[entry.resource_name] > 1:
            problems.append(
                f"{_where(index, 'name')}: name {entry.resource_name!r} is used "
                "more than once; names must be unique"
            )
    if problems:
        raise StackConfigError(
            f"{CONFIG_KEY} is not valid ({len(problems)} problem"
            f"{'s' if len(problems) > 1 else ''}):\n  - " + "\n  - ".join(problems)
        )
    return [entry for _, entry in entries]


def declared_in_config(raw: Any) -> dict[str, dict[str, str]] | None:
    """Each declared id with its state (and drift policy), for the provider's bulk read.

    `raw` is the config value as the engine hands it to a provider (a JSON string) or as a
    program reads it (a list). None when there is no valid list: the program says why.
    """
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return None
    try:
        entries = parse_campaigns(raw)
    except StackConfigError:
        return None
    return {
        entry.id: {"state": entry.state, **{k: v for k, v in entry.policies if k == "drift"}}
        for entry in entries
    } or None
