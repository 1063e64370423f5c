"""`make demo`: the whole loop against the local emulator, with Pulumi's own output.

Start the emulator with a dozen campaigns, preview with --refresh --diff, render the
pull-request summary, apply, show the emulator's ledger and the new statuses, then prove
convergence with a preview that must find no changes. No credentials, no network.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import requests

from ocamba_provider.emulator import DEFAULT_TOKEN, Emulator, RateLimit, demo_campaigns
from tools.local_engine import local_engine_env

REPO = Path(__file__).resolve().parents[1]
STATE = REPO / ".pulumi-state" / "demo"
OUTPUT = REPO / "demo-output"
PASSPHRASE = "ocamba-demo"  # the demo stack's documented passphrase (stacks/Pulumi.local.yaml)


def banner(title: str) -> None:
    print(f"\n=== {title} " + "=" * max(0, 72 - len(title)), flush=True)


def pulumi(env: dict[str, str], *args: str, capture: bool = False) -> str:
    command = [str(REPO / ".venv" / "bin" / "pulumi"), *args, "--stack", "local"]
    print(f"$ pulumi {' '.join(args)} --stack local", flush=True)
    done = subprocess.run(
        command,
        cwd=REPO,
        env=env,
        text=True,
        check=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return done.stdout or ""


def show_campaigns(emulator: Emulator) -> None:
    ledger = emulator.control.ledger()
    print(f"{len(ledger)} applied action(s):")
    for entry in ledger:
        at = datetime.fromtimestamp(float(entry["at"]), UTC).strftime("%H:%M:%S.%f")[:-3]
        print(f"  {at}  {entry['action']:<6} {entry['campaign_id']}  {json.dumps(entry['body'])}")
    answer = requests.get(
        f"{emulator.url}/v1/hood/campaigns",
        params={"page": "1,100"},
        headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"},
        timeout=10,
    )
    answer.raise_for_status()
    print("\ncampaigns now:")
    for item in sorted(answer.json()["items"], key=lambda c: c["id"]):
        print(f"  {item['id']}  {item['status']:<15} {item['name']}")


def main() -> int:
    seed = demo_campaigns()  # the emulator's own demo workspace (python -m ...emulator)
    shutil.rmtree(STATE, ignore_errors=True)
    STATE.mkdir(parents=True)
    OUTPUT.mkdir(exist_ok=True)
    with Emulator(rate_limit=RateLimit(burst=10, steady=150)) as emulator:
        emulator.control.seed(seed)
        print(f"emulator: {emulator.url} with {len(seed)} campaigns (documented rate limits)")
        env = {
            **os.environ,
            **local_engine_env(STATE, PASSPHRASE),
            "OCAMBA_API_URL": emulator.url,
            "OCAMBA_API_TOKEN": DEFAULT_TOKEN,
        }
        subprocess.run(
            [str(REPO / ".venv" / "bin" / "pulumi"), "stack", "init", "local"],
            cwd=REPO,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

        banner("1. What a pull request would show: pulumi preview --refresh --diff")
        pulumi(env, "preview", "--refresh", "--diff", "--non-interactive")

        banner("2. The pull-request comment (python -m ocamba_provider.summary)")
        preview_json = OUTPUT / "preview.json"
        preview_json.write_text(
            pulumi(env, "preview", "--refresh", "--json", "--show-sames", capture=True)
        )
        subprocess.run(
            [sys.executable, "-m", "ocamba_provider.summary", str(preview_json)],
            cwd=REPO,
            env=env,
            check=True,
        )

        banner("3. The merge: pulumi up --yes")
        pulumi(env, "up", "--yes", "--non-interactive")

        banner("4. What the API saw: the emulator's ledger and the campaigns")
        show_campaigns(emulator)

        banner("5. Converged: pulumi preview --expect-no-changes")
        pulumi(env, "preview", "--expect-no-changes", "--non-interactive")
    print("\ndemo: done; state in .pulumi-state/demo, preview JSON in demo-output/")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as failure:
        print(
            f"demo: `{' '.join(failure.cmd[1:3])}` failed (exit {failure.returncode})",
            file=sys.stderr,
        )
        sys.exit(1)
