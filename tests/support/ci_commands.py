"""The commands CI may run, as docs/ci.md documents them, and which tier runs each."""

from __future__ import annotations

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
    if command.startswith(("make ", "python -m tools.ci", "python -m pip", "python -m build"))
)
"""Run by the e2e tier's siblings instead: tests/ci (GitHub), tests/release, `make setup-*`."""
