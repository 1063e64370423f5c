"""examples/gitlab/.gitlab-ci.yml: valid against GitLab's CI schema, and the recipe docs/gitlab.md
describes: one resource group, a preview that keeps one note, apply from the default branch in
the protected environment, a scheduled drift check, the flights tick, and only the commands
docs/ci.md runs. tests/e2e/test_gitlab_tick.py runs the tick's script on the real engine."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import yaml

from tests.support.ci_commands import ALLOWED_COMMANDS, commands_in, signature
from tests.support.paths import REPO, VENV

RECIPE = REPO / "examples" / "gitlab" / ".gitlab-ci.yml"
CHECK = [str(VENV / "bin" / "check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci"]
GITLAB_ONLY = {
    signature('python -m tools.ci.gitlab_note --mr "$CI_MERGE_REQUEST_IID" --body-file comment.md')
}


def recipe() -> dict[str, Any]:
    document = yaml.safe_load(RECIPE.read_text())
    assert isinstance(document, dict)
    return document


def jobs() -> dict[str, dict[str, Any]]:
    return {k: v for k, v in recipe().items() if isinstance(v, dict) and "script" in v}


def test_the_recipe_validates_against_gitlabs_ci_schema() -> None:
    done = subprocess.run([*CHECK, str(RECIPE)], capture_output=True, text=True, check=False)

    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_refuses_a_broken_recipe(tmp_path: Path) -> None:
    broken = tmp_path / ".gitlab-ci.yml"
    # A value GitLab does not know, in a real job: the schema must say no.
    text = RECIPE.read_text().replace("  stage: drift\n", "  stage: drift\n  when: sometimes\n")
    broken.write_text(text)

    done = subprocess.run([*CHECK, str(broken)], capture_output=True, text=True, check=False)

    assert "when: sometimes" in broken.read_text()
    assert done.returncode == 1 and "drift" in done.stdout


def test_every_job_holds_the_one_resource_group_and_is_never_interrupted() -> None:
    template = recipe()[".pulumi"]

    assert sorted(jobs()) == ["apply", "drift", "preview", "schedule"]
    assert all(job["extends"] == ".pulumi" for job in jobs().values())
    assert (template["resource_group"], template["interruptible"]) == ("ocamba-campaigns", False)


def test_preview_runs_on_merge_requests_and_keeps_one_note() -> None:
    preview = jobs()["preview"]

    assert preview["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert any("tools.ci.gitlab_note" in line for line in preview["script"])
    assert preview["script"][-1] == 'exit "$status"'


def test_apply_runs_from_the_default_branch_in_the_protected_environment() -> None:
    apply = jobs()["apply"]

    assert apply["environment"]["name"] == "production"
    assert apply["rules"][0]["if"].startswith("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH")
    assert apply["script"] == [
        'pulumi up --stack "$PULUMI_STACK" --non-interactive --yes --refresh'
    ]


def test_drift_runs_on_its_schedule_only() -> None:
    assert jobs()["drift"]["rules"] == [
        {"if": '$CI_PIPELINE_SOURCE == "schedule" && $OCAMBA_SCHEDULE == "drift"'}
    ]


def test_the_tick_runs_unattended_from_the_default_branchs_schedule_without_approval() -> None:
    tick = jobs()["schedule"]

    assert tick["rules"] == [
        {
            "if": '$CI_PIPELINE_SOURCE == "schedule" && $OCAMBA_SCHEDULE == "tick" '
            "&& $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"
        }
    ]
    assert tick["variables"] == {"OCAMBA_UNATTENDED": "1"}
    # Not `production`: its approval rule would hold every 15-minute tick.
    assert tick["environment"]["name"] == "production-schedule"


def test_the_tick_starts_the_engine_only_when_due_says_so() -> None:
    script = jobs()["schedule"]["script"]
    asks = next(i for i, line in enumerate(script) if line.startswith("ocamba-campaigns due "))
    applies = script.index(
        'pulumi up --stack "$PULUMI_STACK" --non-interactive --yes --refresh --continue-on-error'
    )

    assert asks < script.index('if [ "$due" -eq 3 ]; then exit 0; fi') < applies
    assert script.index('if [ "$due" -ne 0 ]; then exit "$due"; fi') < applies
    assert "late=true" in script[-1] and "exit 1" in script[-1]


def test_the_recipe_runs_only_the_commands_docs_ci_documents() -> None:
    allowed = {signature(c) for c in ALLOWED_COMMANDS} | GITLAB_ONLY
    scripts = [
        line
        for job in jobs().values()
        for line in [*recipe()[".pulumi"]["before_script"], *job["script"]]
    ]

    policed = [c for line in scripts for c in commands_in(line) if signature(c)]
    assert policed and all(signature(c) in allowed for c in policed), policed


def test_the_docs_name_the_token_that_can_post_notes() -> None:
    docs = " ".join((REPO / "docs" / "gitlab.md").read_text().split())

    assert "project access token" in docs and "`api`" in docs
    assert "`CI_JOB_TOKEN` cannot create or edit merge-request notes" in docs
