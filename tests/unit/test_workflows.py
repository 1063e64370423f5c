"""The GitHub Actions workflows: valid YAML, the documented triggers and secrets, and no command
that docs/ci.md does not document and the e2e tier (tests/e2e/test_workflows.py) does not run.

Commands are compared by shape: program, subcommand and flags, ignoring `--stack <name>`,
`--non-interactive` and shell redirections (the e2e tier adds its own stack and output files).
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = REPO / ".github" / "workflows"
DOCS = REPO / "docs" / "ci.md"

ALLOWED_COMMANDS = (
    "make setup",
    "pulumi preview --refresh --diff",
    "pulumi preview --refresh --json --show-sames --save-plan plan.json",
    "python -m ocamba_provider.summary preview.json --output comment.md",
    "pulumi up --yes --refresh",
    "pulumi up --yes --refresh --plan plan.json",
    "pulumi preview --refresh --expect-no-changes",
)
"""Every pulumi / python -m / make command CI may run. The e2e tier imports this list."""

SECRETS = {"OCAMBA_API_TOKEN", "PULUMI_CONFIG_PASSPHRASE"}
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


def _workflow(path: Path) -> dict[Any, Any]:
    document = yaml.safe_load(path.read_text())
    assert isinstance(document, dict), path
    return document


def workflow_scripts() -> list[tuple[str, str]]:
    """(workflow file name, run script) of every step."""
    scripts = []
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for job in _workflow(path)["jobs"].values():
            scripts += [(path.name, step["run"]) for step in job["steps"] if "run" in step]
    return scripts


def documented_signatures() -> set[tuple[str, ...]]:
    text = DOCS.read_text()
    snippets = re.findall(r"```[a-z]*\n(.*?)```", text, re.DOTALL)
    snippets += re.findall(r"(?<!`)`([^`\n]+)`(?!`)", text)
    found = set()
    for snippet in snippets:
        for command in commands_in(snippet):
            shape = signature(command)
            if shape:
                found.add(shape)
    return found


ALLOWED = {signature(command) for command in ALLOWED_COMMANDS}


def test_the_three_workflows_exist_and_are_valid_yaml() -> None:
    names = sorted(path.name for path in WORKFLOWS.glob("*.yml"))

    assert names == ["apply.yml", "drift.yml", "preview.yml"]
    for name in names:
        assert _workflow(WORKFLOWS / name)["jobs"]


@pytest.mark.parametrize(
    ("name", "trigger"),
    [("preview.yml", "pull_request"), ("apply.yml", "push"), ("drift.yml", "schedule")],
)
def test_each_workflow_runs_on_its_event(name: str, trigger: str) -> None:
    # PyYAML reads the bare key `on` as True (YAML 1.1).
    events = _workflow(WORKFLOWS / name)[True]

    assert trigger in events
    if trigger == "push":
        assert events["push"]["branches"] == ["main"]


def test_every_policed_command_is_allowed() -> None:
    for name, script in workflow_scripts():
        for command in commands_in(script):
            shape = signature(command)
            assert shape is None or shape in ALLOWED, f"{name}: {command!r} is not allowed"


def test_the_workflows_run_preview_summary_apply_and_drift_commands() -> None:
    used = {
        signature(command) for _, script in workflow_scripts() for command in commands_in(script)
    }

    assert ALLOWED - used == {signature("pulumi up --yes --refresh --plan plan.json")}


def test_every_allowed_command_is_documented_in_docs_ci() -> None:
    missing = ALLOWED - documented_signatures()

    assert not missing, f"not in docs/ci.md: {missing}"


def test_secrets_come_from_github_secrets_and_the_backend_from_a_variable() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        text = path.read_text()
        assert set(re.findall(r"secrets\.([A-Z_]+)", text)) == SECRETS, path.name
        env = _workflow(path)["env"]
        assert env["PULUMI_BACKEND_URL"] == "${{ vars.PULUMI_BACKEND_URL }}"
        assert env["OCAMBA_API_TOKEN"] == "${{ secrets.OCAMBA_API_TOKEN }}"


def test_preview_posts_the_comment_and_keeps_the_plan() -> None:
    steps = _workflow(WORKFLOWS / "preview.yml")["jobs"]["preview"]["steps"]
    scripts = "\n".join(step.get("run", "") for step in steps)

    assert "gh pr comment" in scripts and "--edit-last" in scripts
    upload = next(step for step in steps if str(step.get("uses", "")).startswith("actions/upload"))
    assert "plan.json" in upload["with"]["path"]


def test_signature_ignores_stack_flag_and_redirections() -> None:
    assert signature(
        'pulumi preview --stack "$S" --non-interactive --refresh --json --show-sames '
        "--save-plan plan.json > preview.json"
    ) == signature("pulumi preview --refresh --json --show-sames --save-plan plan.json")
    assert signature("gh pr comment 1 --body-file comment.md") is None
    assert signature("pulumi destroy --yes") not in ALLOWED
