"""python -m tools.native_schema --output DIR: the native provider's schema as a release asset.

Writes DIR/pulumi-resource-ocamba-v<version>-schema.json: ocamba_provider/native/schema.json
with this release's version, the document `pulumi-resource-ocamba` serves (`pulumi package
get-schema ocamba`). Standard library only: the release job has not installed the package.
tests/release/test_release_assets.py holds it equal to what the provider serves.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ocamba_provider._version import __version__

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "ocamba_provider" / "native" / "schema.json"


def asset_name() -> str:
    return f"pulumi-resource-ocamba-v{__version__}-schema.json"


def write(output: Path) -> Path:
    """The stamped schema in `output`; its path."""
    schema = json.loads(SOURCE.read_text())
    schema["version"] = __version__
    output.mkdir(parents=True, exist_ok=True)
    path = output / asset_name()
    path.write_text(json.dumps(schema, indent=2) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, required=True)
    print(write(parser.parse_args().output))


if __name__ == "__main__":
    main()
