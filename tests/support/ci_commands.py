"""The commands CI may run, as docs/ci.md documents them, and which tier runs each."""

from __future__ import annotations

import os
import re
import shlex

ALLOWED_COMMANDS = (
    "make setup-runtime",
    "pulumi preview --refresh --diff",
    "pulumi preview --refresh --json --show-sames",
    "python -m ocamba_provider.summary preview.json --problems problems.jsonl --output comment.md",
    'python -m tools.ci.pr_comment --pr "$PR" --body-file comment.md',
    "pulumi up --yes --refresh",
    "pulumi preview --refresh --expect-no-changes --json --show-sames",
    "python -m ocamba_provider.summary drift.json --problems problems.jsonl --output drift.md",
    'python -m tools.ci.drift_issue --outcome "$OUTCOME" --body-file drift.md',
    # The scheduled tick: is a run due, then an unattended up that does not stop at one failure.
    'python -m ocamba_provider.discovery due "stacks/Pulumi.$PULUMI_STACK.yaml" '
    '--outputs "$GITHUB_OUTPUT"',
    "pulumi up --yes --refresh --continue-on-error",
    'python -m tools.ci.tick_issue --outcome "$OUTCOME" --body-file tick.md',
    'python -m tools.ci.release_version "$TAG"',
    "python -m pip install --require-hashes --no-deps -r requirements/release.txt",
    "python -m build --no-isolation",
    "python -m tools.plugin_archive --wheel-dir dist --output assets",
    "python -m tools.native_schema --output assets",
    "python -m tools.nodejs_sdk --pack assets",
    "python -m tools.ci.release_check --dist dist --assets assets --engine .venv/bin/pulumi",
    # The strict variant in docs/ci.md: save and apply a plan within one run.
    "pulumi preview --refresh --json --show-sames --save-plan plan.json",
    "pulumi up --yes --refresh --plan plan.json",
)
"""Every pulumi / python -m / make command CI may run: tests/unit/project/test_workflows.py
holds the workflows and docs/ci.md to it, tests/e2e/test_workflows.py runs the engine's."""

DOCS_ONLY = frozenset(ALLOWED_COMMANDS[-2:])
"""Documented for the strict variant, in no workflow: a saved plan holds encrypted secrets."""

NOT_ON_THE_ENGINE = frozenset(
    command
    for command in ALLOWED_COMMANDS
    if command.startswith(("make ", "python -m tools.", "python -m pip", "python -m build"))
)
"""Run by the e2e tier's siblings instead: tests/ci (GitHub), tests/release (the release build,
its assets and tools.ci.release_check), `make setup-*`."""


PROGRAMS = {"pulumi", "python", "python3", "make"}
_IGNORED_FLAGS = {"--non-interactive"}
_VALUED_IGNORED = {"--stack", "-s"}
_REDIRECTIONS = re.compile(r"^\d?(>>?|<)(&\d)?$")


def signature(command: str) -> tuple[str, ...] | None:
    """The shape of one simple command, or None if it is not one we police."""
    try:
        tokens = shlex.split(command, comments=True)
    except ValueError:
        return None
    while tokens and (re.match(r"^[A-Z_]+=", tokens[0]) or tokens[0] in ("!", "time", "then")):
        tokens = tokens[1:]
    if not tokens or os.path.basename(tokens[0]) not in PROGRAMS:
        return None
    program = os.path.basename(tokens[0]).removesuffix("3")
    rest: list[str] = []
    skip = False
    for token in tokens[1:]:
        if skip:
            skip = False
        elif token in _VALUED_IGNORED or _REDIRECTIONS.match(token):
            skip = not token.endswith(("&1", "&2"))
        elif token not in _IGNORED_FLAGS and not token.startswith(("--stack=", ">", "2>")):
            rest.append(token)
    return (program, *sorted(rest))


def commands_in(script: str) -> list[str]:
    """The simple commands of a shell script: lines joined, split on && || ; |."""
    joined = script.replace("\\\n", " ")
    found: list[str] = []
    for line in joined.splitlines():
        if line.strip().startswith("#"):
            continue
        found += [part.strip() for part in re.split(r"&&|\|\||;|\|", line) if part.strip()]
    return found
