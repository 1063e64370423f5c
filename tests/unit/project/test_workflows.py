"""The GitHub Actions workflows: valid YAML, the documented triggers and secrets, no command
that docs/ci.md does not document and a test tier does not run (the engine's commands in
tests/e2e/test_workflows.py, GitHub's in tests/ci, the release build in tests/release), and
the safety rules zizmor cannot see: least permissions, secrets only where pulumi runs, the
locked runtime install, no plan artifact, apply from main only.

Commands are compared by shape: program, subcommand and flags, ignoring `--stack <name>`,
`--non-interactive` and shell redirections (the e2e tier adds its own stack and output files).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.ci_commands import ALLOWED_COMMANDS, DOCS_ONLY, commands_in, signature
from tests.support.paths import REPO

WORKFLOWS = REPO / ".github" / "workflows"
DOCS = REPO / "docs" / "ci.md"

TOKEN_JOBS = {
    "preview.yml": "preview",
    "apply.yml": "apply",
    "drift.yml": "drift",
    "schedule.yml": "tick",
}
"""The jobs that hold the Hood token and the stack passphrase."""

SECRETS = {"OCAMBA_API_TOKEN", "PULUMI_CONFIG_PASSPHRASE"}


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


def test_the_five_workflows_exist_and_are_valid_yaml() -> None:
    names = sorted(path.name for path in WORKFLOWS.glob("*.yml"))

    assert names == ["apply.yml", "drift.yml", "preview.yml", "release.yml", "schedule.yml"]
    for name in names:
        assert _workflow(WORKFLOWS / name)["jobs"]


@pytest.mark.parametrize(
    ("name", "trigger"),
    [
        ("preview.yml", "pull_request"),
        ("apply.yml", "push"),
        ("drift.yml", "schedule"),
        ("release.yml", "push"),
        ("schedule.yml", "schedule"),
    ],
)
def test_each_workflow_runs_on_its_event(name: str, trigger: str) -> None:
    # PyYAML reads the bare key `on` as True (YAML 1.1).
    events = _workflow(WORKFLOWS / name)[True]

    assert trigger in events
    if name == "apply.yml":
        assert events["push"]["branches"] == ["main"]
    if name == "release.yml":
        assert events == {"push": {"tags": ["v*.*.*"]}}


def test_every_policed_command_is_allowed() -> None:
    for name, script in workflow_scripts():
        for command in commands_in(script):
            shape = signature(command)
            assert shape is None or shape in ALLOWED, f"{name}: {command!r} is not allowed"


def test_the_workflows_run_preview_summary_apply_and_drift_commands() -> None:
    used = {
        signature(command) for _, script in workflow_scripts() for command in commands_in(script)
    }

    assert ALLOWED - used == {signature(command) for command in DOCS_ONLY}


def test_every_allowed_command_is_documented_in_docs_ci() -> None:
    missing = ALLOWED - documented_signatures()

    assert not missing, f"not in docs/ci.md: {missing}"


def test_secrets_come_from_github_secrets_and_the_backend_from_a_variable() -> None:
    for name in TOKEN_JOBS:
        text = (WORKFLOWS / name).read_text()
        assert set(re.findall(r"secrets\.([A-Z_]+)", text)) == SECRETS, name
        env = _workflow(WORKFLOWS / name)["env"]
        assert env["PULUMI_BACKEND_URL"] == "${{ vars.PULUMI_BACKEND_URL }}"
    assert "secrets." not in (WORKFLOWS / "release.yml").read_text()


DUE = "python -m ocamba_provider.discovery due "


def test_secrets_reach_only_the_steps_that_run_pulumi() -> None:
    for name, job in TOKEN_JOBS.items():
        document = _workflow(WORKFLOWS / name)
        assert "secrets." not in str(document.get("env")) + str(document["jobs"][job].get("env"))
        for step in document["jobs"][job]["steps"]:
            if "secrets." not in str(step):
                continue
            assert set(step) >= {"env", "run"}, step
            if step["run"].startswith(DUE):
                # `due` reads the campaigns with the token alone: no passphrase, no state.
                assert set(step["env"]) == {"OCAMBA_API_TOKEN"}, step
                continue
            assert step["run"].startswith("pulumi "), step
            assert set(step["env"]) == SECRETS, step


def test_preview_upserts_one_comment_and_keeps_no_plan() -> None:
    steps = _workflow(WORKFLOWS / "preview.yml")["jobs"]["preview"]["steps"]
    scripts = "\n".join(step.get("run", "") for step in steps)

    assert "python -m tools.ci.pr_comment" in scripts
    assert "gh pr comment" not in scripts and "--edit-last" not in scripts
    upload = next(step for step in steps if str(step.get("uses", "")).startswith("actions/upload"))
    assert upload["with"]["path"] == "preview.json"


def test_no_workflow_saves_or_uploads_a_plan() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        parsed = str(_workflow(path))  # comments may explain why there is no plan
        assert "--save-plan" not in parsed and "plan.json" not in parsed, path.name


# --- supply chain and permissions -------------------------------------------------------

_USES = re.compile(r"^\s*(?:#\s*)?-?\s*uses:\s*(\S+)(.*)$", re.MULTILINE)


def test_every_action_is_pinned_by_commit_sha_with_its_version_in_a_comment() -> None:
    found = 0
    for path in WORKFLOWS.glob("*.yml"):
        for action, rest in _USES.findall(path.read_text()):
            found += 1
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), f"{path.name}: {action}"
            assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", rest), f"{path.name}: {action}{rest}"
    assert found >= 20  # the commented login variants are checked too


def test_every_checkout_drops_its_credentials() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        for job in _workflow(path)["jobs"].values():
            for step in job["steps"]:
                if str(step.get("uses", "")).startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, path.name


@pytest.mark.parametrize(
    ("name", "job", "permissions"),
    [
        ("preview.yml", "preview", {"contents": "read", "pull-requests": "write"}),
        ("apply.yml", "apply", {"contents": "read"}),
        ("drift.yml", "drift", {"contents": "read", "issues": "write"}),
        ("schedule.yml", "tick", {"contents": "read", "issues": "write"}),
        ("release.yml", "build", {"contents": "read"}),
        ("release.yml", "verify", {"contents": "read"}),
        ("release.yml", "publish", {"id-token": "write"}),
        ("release.yml", "github-release", {"contents": "write"}),
    ],
)
def test_each_job_gets_only_its_own_permissions(
    name: str, job: str, permissions: dict[str, str]
) -> None:
    document = _workflow(WORKFLOWS / name)

    assert document["permissions"] == {}
    assert document["jobs"][job]["permissions"] == permissions


def test_apply_and_drift_never_overlap_themselves_and_apply_is_never_cancelled() -> None:
    apply = _workflow(WORKFLOWS / "apply.yml")["concurrency"]
    drift = _workflow(WORKFLOWS / "drift.yml")["concurrency"]

    assert apply == {"group": "pulumi-apply", "cancel-in-progress": False}
    assert drift["group"] == "pulumi-drift" and drift["group"] != apply["group"]


def test_a_tick_shares_the_apply_group_so_two_runs_never_act_at_once() -> None:
    apply = _workflow(WORKFLOWS / "apply.yml")["concurrency"]
    tick = _workflow(WORKFLOWS / "schedule.yml")["concurrency"]

    assert tick == apply == {"group": "pulumi-apply", "cancel-in-progress": False}


def test_a_tick_is_unattended_runs_up_only_when_due_and_keeps_one_issue() -> None:
    document = _workflow(WORKFLOWS / "schedule.yml")
    job = document["jobs"]["tick"]
    steps = {step.get("id"): step for step in job["steps"] if step.get("id")}

    assert document[True]["schedule"] == [{"cron": "*/15 * * * *"}]
    assert document["env"]["OCAMBA_UNATTENDED"] == "1"
    assert job["if"] == "github.ref == 'refs/heads/main'"
    assert job["environment"] == "production-schedule"  # no required reviewer on a cron
    assert steps["due"]["run"].startswith(DUE) and "|| test $? -eq 3" in steps["due"]["run"]
    assert steps["up"]["if"] == "steps.due.outputs.due == 'true'"
    assert "--continue-on-error" in steps["up"]["run"]
    issue = next(step for step in job["steps"] if "tick_issue" in step.get("run", ""))
    assert issue["if"] == "always()"
    assert "steps.due.outputs.late == 'true'" in issue["env"]["OUTCOME"]


def test_no_other_workflow_is_unattended() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        if path.name != "schedule.yml":
            assert "OCAMBA_UNATTENDED" not in path.read_text(), path.name


def test_a_manual_apply_takes_the_one_run_override_as_an_input_behind_approval() -> None:
    document = _workflow(WORKFLOWS / "apply.yml")
    inputs = document[True]["workflow_dispatch"]["inputs"]

    assert set(inputs) == {"allow_transitions"} and inputs["allow_transitions"]["default"] == ""
    assert document["env"]["OCAMBA_ALLOW_TRANSITIONS"] == "${{ inputs.allow_transitions }}"
    assert document["jobs"]["apply"]["environment"] == "production"


def test_a_manual_apply_runs_only_from_main_in_the_protected_environment() -> None:
    document = _workflow(WORKFLOWS / "apply.yml")
    job = document["jobs"]["apply"]

    assert "workflow_dispatch" in document[True]
    assert job["if"] == "github.ref == 'refs/heads/main'"
    assert job["environment"] == "production"


def test_the_token_jobs_install_only_the_locked_runtime_and_the_pinned_engine() -> None:
    for name, job in TOKEN_JOBS.items():
        scripts = [
            s["run"] for s in _workflow(WORKFLOWS / name)["jobs"][job]["steps"] if "run" in s
        ]
        commands = [command for script in scripts for command in commands_in(script)]
        assert "make setup-runtime" in commands, name
        assert not [c for c in commands if c in ("make setup", "make setup-pinned")], name
        assert not [c for c in commands if re.search(r"\bpip\b|\buv\b|\bpipx\b", c)], name


def test_each_token_job_carries_the_commented_backend_login_variants() -> None:
    for name, job in TOKEN_JOBS.items():
        text = (WORKFLOWS / name).read_text()
        commented = [line for line in text.splitlines() if line.lstrip().startswith("# - uses:")]
        assert [line.split("uses: ")[1].split("@")[0] for line in commented] == [
            "aws-actions/configure-aws-credentials",
            "google-github-actions/auth",
            "pulumi/auth-actions",
        ], name
        assert re.search(r"^\s+# id-token: write", text, re.MULTILINE), name
        assert "id-token" not in str(_workflow(WORKFLOWS / name)["jobs"][job]["permissions"])


def uncommented(text: str) -> str:
    """The workflow with its indented commented YAML (`# - uses:`, `#   with:`, `# id-token:`)
    turned back into YAML; prose comments, and the header's, stay comments."""
    return re.sub(r"^( {4,})# (?=- |  |id-token: )", r"\1", text, flags=re.MULTILINE)


@pytest.mark.parametrize(("name", "job"), sorted(TOKEN_JOBS.items()))
def test_the_backend_login_variants_are_valid_steps_once_uncommented(name: str, job: str) -> None:
    document = yaml.safe_load(uncommented((WORKFLOWS / name).read_text()))
    steps = document["jobs"][job]["steps"]
    first_pulumi = next(
        i for i, step in enumerate(steps) if step.get("run", "").startswith("pulumi")
    )

    logins = [step for step in steps[:first_pulumi] if "auth" in step.get("uses", "")]
    logins += [step for step in steps[:first_pulumi] if "aws-actions" in step.get("uses", "")]

    assert document["jobs"][job]["permissions"]["id-token"] == "write"
    assert sorted(step["uses"].split("@")[0] for step in logins) == [
        "aws-actions/configure-aws-credentials",
        "google-github-actions/auth",
        "pulumi/auth-actions",
    ]
    assert all(set(step) == {"uses", "with"} for step in logins)
    assert {"role-to-assume", "workload_identity_provider", "organization"} <= {
        key for step in logins for key in step["with"]
    }


def test_release_publishes_by_trusted_publishing_from_its_environment() -> None:
    jobs = _workflow(WORKFLOWS / "release.yml")["jobs"]
    publish = jobs["publish"]

    # Nothing is published before the artifacts were installed and run (the verify job).
    assert publish["needs"] == ["build", "verify"] and publish["environment"] == "pypi"
    (step,) = [s for s in publish["steps"] if "pypa/gh-action-pypi-publish" in s.get("uses", "")]
    assert "with" not in step  # no password, no token: OIDC


def _downloads(job: dict[str, Any]) -> dict[str, str]:
    return {
        s["with"]["name"]: s["with"]["path"]
        for s in job["steps"]
        if str(s.get("uses", "")).startswith("actions/download-artifact@")
    }


def test_release_builds_every_asset_and_uploads_the_python_files_apart() -> None:
    build = _workflow(WORKFLOWS / "release.yml")["jobs"]["build"]
    scripts = "\n".join(step.get("run", "") for step in build["steps"])
    uploads = {
        s["with"]["name"]: s["with"]["path"]
        for s in build["steps"]
        if str(s.get("uses", "")).startswith("actions/upload-artifact@")
    }

    for tool in ("tools.plugin_archive", "tools.native_schema", "tools.nodejs_sdk --pack"):
        assert f"python -m {tool}" in scripts
    # PyPI takes only dist/: the assets travel in an artifact of their own.
    assert uploads == {"dist": "dist/", "assets": "assets/"}


def test_release_verifies_from_the_artifacts_before_anything_is_published() -> None:
    jobs = _workflow(WORKFLOWS / "release.yml")["jobs"]
    verify = jobs["verify"]
    commands = [c for s in verify["steps"] if "run" in s for c in commands_in(s["run"])]

    assert verify["needs"] == "build"
    assert _downloads(verify) == {"dist": "dist/", "assets": "assets/"}
    assert "python -m tools.ci.release_check --dist dist --assets assets" in " ".join(commands)
    # The checkout's package is never what the check installs.
    assert not [c for c in commands if re.search(r"\bpip\b.*(-e|\s\.)(\s|$)", c)]
    assert jobs["github-release"]["needs"] == ["build", "verify", "publish"]


def test_the_github_release_attaches_the_python_files_and_every_asset() -> None:
    job = _workflow(WORKFLOWS / "release.yml")["jobs"]["github-release"]
    (step,) = [s for s in job["steps"] if "run" in s]

    assert _downloads(job) == {"dist": "dist/", "assets": "assets/"}
    assert step["run"].startswith('gh release create "$TAG" dist/* assets/* ')
    assert step["env"]["GH_TOKEN"] == "${{ github.token }}"


def test_make_lint_runs_the_workflow_linters() -> None:
    makefile = (REPO / "Makefile").read_text()

    assert re.search(r"^lint: .*\blint-workflows\b", makefile, re.MULTILINE)
    assert "tools/actionlint.sh" in makefile and "zizmor --offline" in makefile


def test_signature_ignores_stack_flag_and_redirections() -> None:
    assert signature(
        'pulumi preview --stack "$S" --non-interactive --refresh --json --show-sames '
        "--save-plan plan.json > preview.json"
    ) == signature("pulumi preview --refresh --json --show-sames --save-plan plan.json")
    assert signature("gh pr comment 1 --body-file comment.md") is None
    assert signature("pulumi destroy --yes") not in ALLOWED
