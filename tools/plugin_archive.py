"""Build the plugin archive `pulumi plugin install resource ocamba <version> --file` accepts.

    python -m tools.plugin_archive [--output DIR]   # -> DIR/pulumi-resource-ocamba-v<ver>.tar.gz

The archive holds one launcher script, `pulumi-resource-ocamba`,. The
launcher names no virtualenv: it runs `python3` from the PATH (or $OCAMBA_PYTHON), which must
have the ocamba-campaigns package installed, e.g. the venv of the project that runs Pulumi.
"""

from __future__ import annotations

import argparse
import io
import tarfile
from pathlib import Path

from ocamba_provider import __version__

REPO = Path(__file__).resolve().parents[1]
LAUNCHER = """#!/bin/sh
# pulumi-resource-ocamba: the native Ocamba provider, from an interpreter that has the
# ocamba-campaigns package (python3 on PATH, or OCAMBA_PYTHON).
exec "${OCAMBA_PYTHON:-python3}" -u -m ocamba_provider.native "$@"
"""


def _add(archive: tarfile.TarFile, name: str, text: str, mode: int) -> None:
    data = text.encode()
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = mode
    archive.addfile(info, io.BytesIO(data))


def build(output: Path) -> Path:
    """Write the archive into `output` and return its path."""
    output.mkdir(parents=True, exist_ok=True)
    path = output / f"pulumi-resource-ocamba-v{__version__}.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        _add(archive, "pulumi-resource-ocamba", LAUNCHER, 0o755)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=REPO / "dist")
    print(build(parser.parse_args().output))


if __name__ == "__main__":
    main()
