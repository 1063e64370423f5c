"""A group entry of the stack config: `name` and `select` instead of `id`.

```yaml
- name: black-friday                       # the resource name; required for a group
  select: {labels: [black-friday-2026]}    # all labels must match; also name_contains, ids
  state: active
  run_immediately: true
```

Every key of a campaign's entry but `id` applies to each member; `allow_empty: true` keeps a
group whose selector matches nothing (else an error at preview). The entry is judged by the
same rules as a `CampaignGroup` declared in code (domain/group_validation.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from ocamba_provider.domain.group import ALLOW_EMPTY, GROUP, GROUP_DECLARED
from ocamba_provider.domain.group_validation import check_group_declared
from ocamba_provider.domain.problems import Problem
from ocamba_provider.domain.selector import SELECT

GROUP_ENTRY_KEYS: Final = (SELECT, ALLOW_EMPTY)
"""The keys only a group entry carries."""


@dataclass(frozen=True)
class GroupEntry:
    """One valid group from stack config: its resource name and its inputs as declared."""

    resource_name: str
    args: Mapping[str, Any] = field(default_factory=dict)

    def resource_args(self) -> dict[str, Any]:
        """Keyword arguments for CampaignGroup (the selector as a mapping)."""
        return dict(self.args)


def is_group_entry(item: Any) -> bool:
    """Whether a stack-config entry declares a group (it has a `select`)."""
    return isinstance(item, Mapping) and SELECT in item


def group_entry(item: Mapping[str, Any], default_zone: str) -> tuple[GroupEntry, list[Problem]]:
    """The group an entry declares (keys exactly as written) and every problem with it."""
    name = str(item.get("name") or "")
    inputs = {key: item[key] for key in GROUP_DECLARED if key in item}
    if "id" in item:
        inputs["campaign_id"] = item["id"]
    _, problems = check_group_declared({**inputs, GROUP: name}, default_zone)
    declared = {key: value for key, value in inputs.items() if key != "campaign_id"}
    return GroupEntry(name, declared), problems
