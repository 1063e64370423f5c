"""The sentences of groups: their selector, their membership, the precedence between
declarations, and a group update that failed for some members."""

from __future__ import annotations

from collections.abc import Callable

from ocamba_provider.domain.naming import Naming
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.wording.words import title

NOT_SELECTOR_KEYS = "a selector has labels, {name_contains} and ids"


def _whose(problem: Problem) -> str:
    group = problem.param("group")
    return f"group {group}: " if group else ""


def _keys(naming: Naming) -> str:
    return NOT_SELECTOR_KEYS.format(name_contains=naming("name_contains"))


def not_a_mapping(problem: Problem, naming: Naming) -> str:
    """`select` is not a mapping."""
    return (
        f"{_whose(problem)}select must be a mapping ({_keys(naming)}), got {problem.param('got')}"
    )


def unknown_key(problem: Problem, naming: Naming) -> str:
    """A selector key that is none of labels, name_contains, ids."""
    near = problem.param("near")
    hint = f" (did you mean {naming(near)}?)" if near else ""
    return (
        f"{_whose(problem)}select.{problem.param('key')} is not a selector key{hint}: "
        f"{_keys(naming)}"
    )


_VALUE_RULES = {
    "labels": "a list of labels, or one comma-joined string of them",
    "name_contains": "a part of a campaign's name, as non-empty text",
    "ids": 'a list of campaign ids (digits, quoted, e.g. "1000248")',
}


def bad_value(problem: Problem, naming: Naming) -> str:
    """A selector criterion of the wrong kind."""
    key = str(problem.param("key"))
    return (
        f"{_whose(problem)}select.{naming(key)} must be {_VALUE_RULES[key]} "
        f"(got {problem.param('got')})"
    )


def empty(problem: Problem, naming: Naming) -> str:
    """A selector without a criterion."""
    return (
        f"{_whose(problem)}select is empty: give labels, {naming('name_contains')} or ids "
        "(an empty selector would take every campaign of the workspace)"
    )


def select_with_id(problem: Problem, naming: Naming) -> str:
    """An entry that names a campaign and a selector."""
    return (
        f"{_whose(problem)}an entry is one campaign (id) or a group (select, with a name), "
        "not both: remove the id, or declare that campaign in an entry of its own (an entry by "
        "id wins over a group)"
    )


def matches_nothing(problem: Problem, naming: Naming) -> str:
    """A group whose selector selects no campaign."""
    return (
        f"{_whose(problem)}no campaign matches select ({problem.param('selector')}); "
        f"{problem.param('read'):,} campaigns were read. Check the selector "
        f"(`ocamba-campaigns list {problem.param('listing')}` lists what it selects), or set "
        f"{naming('allow_empty')}: true to keep a group that is empty for now."
    )


def conflict(problem: Problem, naming: Naming) -> str:
    """Two groups resume one campaign with different settings."""
    first, second = problem.param("groups")
    said = problem.param("settings")
    return (
        f"{title(problem.campaign_id, problem.name)} is selected by groups {first} and "
        f"{second}, which both resume it with different settings ({first}: {said[0]}; "
        f"{second}: {said[1]}). Make the two groups agree, narrow one selector, or declare the "
        "campaign by id (an entry by id wins over a group)."
    )


def member(render: Callable[[Problem, Naming], str]) -> Callable[[Problem, Naming], str]:
    """A member's own problem, said of its group."""

    def sentence(problem: Problem, naming: Naming) -> str:
        inner = problem.param("because")
        said = render(inner, naming) if isinstance(inner, Problem) else str(inner)
        return f"{_whose(problem)}{said}"

    return sentence


def not_listed(problem: Problem, naming: Naming) -> str:
    """A group missing from ocamba:declaredCampaigns (the native provider's list)."""
    key, entry = problem.param("list_key"), problem.param("entry")
    return (
        f"{_whose(problem)}declared but not listed in {key}, which must name every "
        "declaration of this program, groups included: a group's check must know every other "
        "declaration that may select its members (a pause wins; an entry by id wins over a "
        f"group). Add it to {key} under its resource name: {entry}"
    )


def listed_otherwise(problem: Problem, naming: Naming) -> str:
    """A group whose declaration differs from its entry in ocamba:declaredCampaigns."""
    return (
        f"{_whose(problem)}declared {naming(str(problem.param('key')))}: "
        f"{problem.param('declared')} but listed with {problem.param('listed')} in "
        f"{problem.param('list_key')}, which the whole run is counted from: make them agree."
    )


FAILURES_SHOWN = 20
"""Failed members named one by one in a group's error; the rest are counted."""


def failed(render: Callable[[Problem, Naming], str]) -> Callable[[Problem, Naming], str]:
    """A group update in which some members could not be changed."""

    def sentence(problem: Problem, naming: Naming) -> str:
        failures = [p for p in problem.param("failures") or () if isinstance(p, Problem)]
        each = [render(p, naming).rstrip(".") for p in failures[:FAILURES_SHOWN]]
        if len(failures) > FAILURES_SHOWN:
            each.append(f"and {len(failures) - FAILURES_SHOWN:,} more (each in the log above)")
        done = problem.param("done")
        return (
            f"{_whose(problem)}{len(failures)} of {problem.param('total')} member(s) could not "
            "be changed:\n  - " + "\n  - ".join(each) + "\n"
            f"The other changes of this run are done ({done} sent, each once). Nothing was "
            f"sent twice. A new `pulumi up` is safe from {problem.param('safe_from')} GMT "
            "(reads may show a write late until then): it reads each member's status first and "
            "sends only what is still needed."
        )

    return sentence


SENTENCES: dict[Code, Callable[[Problem, Naming], str]] = {
    Code.SELECTOR_NOT_A_MAPPING: not_a_mapping,
    Code.UNKNOWN_SELECTOR_KEY: unknown_key,
    Code.BAD_SELECTOR_VALUE: bad_value,
    Code.EMPTY_SELECTOR: empty,
    Code.SELECT_WITH_ID: select_with_id,
    Code.GROUP_EMPTY: matches_nothing,
    Code.GROUPS_CONFLICT: conflict,
    Code.GROUP_NOT_LISTED: not_listed,
    Code.GROUP_LISTED_OTHERWISE: listed_otherwise,
}
"""The group sentences that need no other sentence (GROUP_MEMBER and GROUP_FAILED render an
inner problem: wording/__init__.py wires them)."""


SKIPPED_WORDS = {
    Code.DRAFT: "skipped: a draft (publish it in Hood to include it)",
    Code.CANCELED: "skipped: canceled (cancel is permanent)",
    Code.ALREADY_SENT: "skipped: sent (it ran and finished; it cannot be paused)",
    Code.NEEDS_DECISION: "skipped: waits for an A/B winner (it cannot be paused)",
}
"""A member no write can change is left as it is: a group selects by label, and last season's
canceled campaign with the same label is no reason to fail the run."""


def member_line(group: str, campaign_id: str, name: str, words: str) -> str:
    """`ocamba: group bf: campaign 1000248 (Spring sale): joins: will resume now`."""
    return f"ocamba: group {group}: {title(campaign_id, name)}: {words}"


def group_line(group: str, members: int, counts: str) -> str:
    """`ocamba: group bf: 40 members (2 join, 1 leaves): 38 resume now, 2 in sync`."""
    return f"ocamba: group {group}: {members:,} member{'s' if members != 1 else ''}{counts}"
