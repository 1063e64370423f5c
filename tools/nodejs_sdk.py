"""Generate the Node.js SDK of the native provider and type-check an example program with it.

    python -m tools.nodejs_sdk [--output DIR]      (make sdk-nodejs)

1. builds tools/nodejs-sdkgen (Go, pinned to the engine's pkg/v3; cached like the engine):
   `pulumi package gen-sdk --language nodejs` needs the Node language host, whose Go module
   the module proxy here does not serve, so the generator is called directly;
2. writes the SDK from ocamba_provider/native/schema.json into DIR (default dist/nodejs);
3. installs typescript and @pulumi/pulumi from npm once into the cache, and runs `tsc` in
   strict mode over the SDK and examples/nodejs/index.ts. Fails when anything does not compile.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("OCAMBA_CACHE_DIR", Path.home() / ".cache" / "ocamba-campaigns"))
GENERATOR_MODULE = REPO / "tools" / "nodejs-sdkgen"
# The generator of pkg/v3 v3.274.1 emits `pulumi.runtime.existsResource`, which npm's
# @pulumi/pulumi 3.248 lacks: the SDK is pinned to the first release after the engine's.
NPM_PACKAGES = ("@pulumi/pulumi@3.276.0", "typescript@5.9", "@types/node@20")


def _pkg_version() -> str:
    for line in (GENERATOR_MODULE / "go.mod").read_text().splitlines():
        parts = line.split()
        if parts[:1] == ["github.com/pulumi/pulumi/pkg/v3"]:
            return parts[1]
    raise SystemExit("tools/nodejs-sdkgen/go.mod does not pin github.com/pulumi/pulumi/pkg/v3")


def generator() -> Path:
    """The sdkgen binary, built on first use."""
    binary = CACHE / f"nodejs-sdkgen-{_pkg_version()}" / "nodejs-sdkgen"
    if not binary.exists():
        binary.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["go", "build", "-o", str(binary), "."],
            cwd=GENERATOR_MODULE,
            env={**os.environ, "GOFLAGS": "-mod=mod"},
            check=True,
        )
    return binary


def node_modules() -> Path:
    """typescript and @pulumi/pulumi from npm, installed once into the cache."""
    root = CACHE / "node-tsc"
    stamp = root / ".installed"
    wanted = " ".join(NPM_PACKAGES)
    if not stamp.exists() or stamp.read_text() != wanted:
        root.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--silent", *NPM_PACKAGES],
            cwd=root,
            check=True,
        )
        stamp.write_text(wanted)
    return root / "node_modules"


def generate(output: Path) -> Path:
    """The Node.js SDK of the schema, written into `output`."""
    shutil.rmtree(output, ignore_errors=True)
    schema = REPO / "ocamba_provider" / "native" / "schema.json"
    subprocess.run([str(generator()), str(schema), str(output)], check=True)
    return output


def type_check(sdk: Path) -> None:
    """`tsc --strict --noEmit` over the SDK and the example program.

    Raises:
        subprocess.CalledProcessError: something does not compile.
    """
    modules = node_modules()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        shutil.copytree(sdk, work / "sdk")
        shutil.copy(REPO / "examples" / "nodejs" / "index.ts", work / "index.ts")
        (work / "node_modules").symlink_to(modules)
        config = {
            "compilerOptions": {
                "strict": True,
                "noEmit": True,
                "target": "es2020",
                "module": "commonjs",
                "moduleResolution": "node",
                "baseUrl": ".",
                "paths": {"@ocamba/pulumi-ocamba": ["./sdk"]},
            },
            "files": ["index.ts"],
        }
        (work / "tsconfig.json").write_text(json.dumps(config))
        tsc = [str(modules / ".bin" / "tsc"), "-p", str(work)]
        compiled = subprocess.run(tsc, cwd=work, check=False)
        if compiled.returncode != 0:
            # tsc has printed each error with its file and line above.
            raise SystemExit(
                "sdk-nodejs: the generated SDK or examples/nodejs/index.ts does not compile "
                "(tsc errors above); fix the example, or the schema it was generated from"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=REPO / "dist" / "nodejs")
    sdk = generate(parser.parse_args().output)
    type_check(sdk)
    print(f"nodejs SDK in {sdk}: it and examples/nodejs/index.ts compile (tsc --strict)")


if __name__ == "__main__":
    main()
