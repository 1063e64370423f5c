"""python -m tools.ci.release_check --dist dist --assets assets: a release runs from its artifacts.

release.yml runs this between building and publishing; tests/release runs it on a local build.
Nothing comes from the checkout but this script and the engine it is pointed at:

1. the wheel from `dist/` goes into a fresh venv (`pip install <wheel>[emulator]`, its
   dependencies from the index, as a user's project gets them), which serves the emulator and
   lists its campaigns with the wheel's own `ocamba-campaigns` command;
2. the linux-amd64 plugin archive from `assets/` is installed with `pulumi plugin install` into
   an empty Pulumi home, with nothing on the PATH but a bare venv (no package, no SDK), and
   serves the schema asset and a preview of a YAML program against that emulator; the preview
   must read the campaign and send nothing.

Standard library only: the job that runs it installs nothing else. Exits 1 naming the step.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

CAMPAIGN = "1000248"
TOKEN = "release-check-token"
PROGRAM = f"""name: release-check
runtime: yaml
resources:
  spring-sale:
    type: ocamba:CampaignRunState
    properties: {{campaignId: "{CAMPAIGN}", state: active, runImmediately: true}}
"""


class CheckFailed(Exception):
    """One step of the check did not hold."""


def run(step: str, command: list[str], **kwargs: Any) -> str:
    """Run one command; its stdout. Raises CheckFailed naming the step, with its output."""
    done = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)
    if done.returncode != 0:
        raise CheckFailed(f"{step}: exit {done.returncode}\n{done.stdout}\n{done.stderr}")
    return str(done.stdout)


def only(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    if len(found) != 1:
        raise CheckFailed(f"expected one {pattern} in {folder}, found {[p.name for p in found]}")
    return found[0]


def install_wheel(wheel: Path, work: Path) -> Path:
    venv = work / "wheel-venv"
    run("create the wheel's venv", [sys.executable, "-m", "venv", str(venv)])
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    run("install the wheel", [*pip, f"{wheel}[emulator]"], cwd=work)
    return venv


def start_emulator(venv: Path, work: Path) -> tuple[subprocess.Popen[str], str]:
    seed = work / "seed.json"
    seed.write_text(
        json.dumps({"campaigns": [{"id": CAMPAIGN, "name": "Spring sale", "status": "paused"}]})
    )
    command = [str(venv / "bin" / "python"), "-m", "ocamba_provider.emulator", "--port", "0"]
    command += ["--token", TOKEN, "--seed", str(seed)]
    emulator = subprocess.Popen(command, cwd=work, stdout=subprocess.PIPE, text=True)
    assert emulator.stdout is not None
    url = emulator.stdout.readline().strip()
    if not url.startswith("http://127.0.0.1:"):
        emulator.kill()
        raise CheckFailed(f"the wheel's emulator did not start (said {url!r})")
    return emulator, url


def ledger(url: str) -> list[object]:
    with urllib.request.urlopen(f"{url}/_emulator/ledger", timeout=30) as answer:
        actions: list[object] = json.load(answer)["actions"]
    return actions


def preview_with_plugin(engine: Path, archive: Path, schema: Path, url: str, work: Path) -> str:
    version = archive.name.removeprefix("pulumi-resource-ocamba-v").split("-")[0]
    bare = work / "bare-venv"
    run("create a bare python3", [sys.executable, "-m", "venv", "--without-pip", str(bare)])
    project = work / "project"
    project.mkdir()
    (project / "Pulumi.yaml").write_text(PROGRAM)
    (work / "state").mkdir()
    env = {
        "HOME": os.environ.get("HOME", str(work)),
        "PATH": str(bare / "bin"),
        "PULUMI_HOME": str(work / "pulumi-home"),
        "PULUMI_BACKEND_URL": f"file://{work / 'state'}",
        "PULUMI_CONFIG_PASSPHRASE": "release-check",
        "PULUMI_SKIP_UPDATE_CHECK": "1",
        "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
        "PULUMI_IGNORE_AMBIENT_PLUGINS": "true",
        "PEX_ROOT": str(work / "pex-root"),
        "NO_COLOR": "1",
    }
    pulumi = [str(engine)]
    where = {"cwd": project, "env": env}
    run(
        "install the plugin archive",
        [*pulumi, "plugin", "install", "resource", "ocamba", version, "--file", str(archive)],
        **where,
    )
    served = json.loads(
        run("get the schema", [*pulumi, "package", "get-schema", "ocamba"], **where)
    )
    if served != json.loads(schema.read_text()):
        raise CheckFailed(f"the plugin serves another schema than {schema.name}")
    run("create the stack", [*pulumi, "stack", "init", "release-check"], **where)
    run("set the URL", [*pulumi, "config", "set", "ocamba:apiUrl", url], **where)
    run("set the token", [*pulumi, "config", "set", "--secret", "ocamba:apiToken", TOKEN], **where)
    return run("preview", [*pulumi, "preview", "--diff", "--non-interactive"], **where)


def check(dist: Path, assets: Path, engine: Path) -> list[str]:
    """Every step, in order; what each showed."""
    wheel = only(dist, "ocamba_campaigns-*-py3-none-any.whl")
    archive = only(assets, "pulumi-resource-ocamba-v*-linux-amd64.tar.gz")
    schema = only(assets, "pulumi-resource-ocamba-v*-schema.json")
    shown = []
    with tempfile.TemporaryDirectory(prefix="release-check-") as scratch:
        work = Path(scratch)
        venv = install_wheel(wheel, work)
        emulator, url = start_emulator(venv, work)
        try:
            env = {**os.environ, "OCAMBA_API_TOKEN": TOKEN}
            listed = run(
                "list campaigns with the wheel",
                [str(venv / "bin" / "ocamba-campaigns"), "list", "--api-url", url],
                env=env,
                cwd=work,
            )
            if CAMPAIGN not in listed:
                raise CheckFailed(f"ocamba-campaigns list did not show {CAMPAIGN}:\n{listed}")
            shown.append(f"wheel {wheel.name}: ocamba-campaigns list read {CAMPAIGN}")
            preview = preview_with_plugin(engine, archive, schema, url, work)
            if 'observedStatus: "paused"' not in preview or ledger(url):
                raise CheckFailed(
                    f"the preview did not read {CAMPAIGN} or sent a write:\n{preview}"
                )
            shown.append(f"plugin {archive.name}: schema and preview with a bare python3")
        finally:
            emulator.terminate()
            emulator.wait(timeout=30)
    return shown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.ci.release_check", description=__doc__)
    parser.add_argument("--dist", type=Path, required=True, help="the wheel and the sdist")
    parser.add_argument("--assets", type=Path, required=True, help="plugin archives, schema")
    parser.add_argument("--engine", type=Path, default=Path(".venv/bin/pulumi"))
    args = parser.parse_args(argv)
    try:
        for line in check(args.dist, args.assets, args.engine.absolute()):
            print(f"release_check: {line}")
    except CheckFailed as failed:
        print(f"release_check: {failed}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
