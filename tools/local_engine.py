"""The environment every local run of the engine uses: demo, e2e tests and the bench.

A local file backend, passphrase-encrypted secrets, no update checks or plugin downloads,
and the engine `make setup` put on .venv/bin first on the PATH.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ENGINE_BIN = REPO / ".venv" / "bin"


def local_engine_env(state_dir: Path, passphrase: str) -> dict[str, str]:
    """Variables for a `pulumi` run whose state lives in `state_dir`."""
    return {
        "PULUMI_BACKEND_URL": f"file://{state_dir}",
        "PULUMI_CONFIG_PASSPHRASE": passphrase,
        "PULUMI_SKIP_UPDATE_CHECK": "1",
        "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
        "PATH": f"{ENGINE_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_COLOR": "1",
    }
