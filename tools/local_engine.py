"""The environment every local run of the engine uses: demo, e2e tests and the bench.

A local file backend, passphrase-encrypted secrets, no update checks or plugin downloads,
and the engine `make setup` put on the venv's bin first on the PATH.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def venv_under_test() -> Path:
    """The virtualenv this interpreter runs in, else the repository's `.venv`.

    `make setup` builds `.venv`; `make test-compat` builds one venv per end of the supported SDK
    range (tools/compat.py) with the same engine and hosts on its bin, and runs the tiers with
    its interpreter: the engine, the language host and both providers then use that SDK.
    """
    if sys.prefix != sys.base_prefix:
        return Path(sys.prefix)
    return REPO / ".venv"


ENGINE_BIN = venv_under_test() / "bin"


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
