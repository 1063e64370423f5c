"""Generate the Node.js SDK of the native provider and type-check an example program with it.

    python -m tools.nodejs_sdk [--output DIR]      (make sdk-nodejs)
    python -m tools.nodejs_sdk --pack DIR          (release.yml: DIR/ocamba-pulumi-ocamba-<v>.tgz)

1. builds tools/nodejs-sdkgen (Go, pinned to the engine's pkg/v3; cached like the engine):
   `pulumi package gen-sdk --language nodejs` needs the Node language host, whose Go module
   the module proxy here does not serve, so the generator is called directly;
2. writes the SDK from ocamba_provider/native/schema.json into DIR (default dist/nodejs);
3. installs typescript and @pulumi/pulumi from npm once into the cache, and runs `tsc` in
   strict mode over the SDK and examples/nodejs/index.ts. Fails when anything does not compile.

With --pack, the checked SDK is then stamped with this release's version, compiled to `bin/`
with its own tsconfig (JavaScript and declarations, as Pulumi's published SDKs are) and packed
with `npm pack`: the tarball a release attaches, installable with `npm install <file>`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ocamba_provider._version import __version__

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


def pack(into: Path) -> Path:
    """The SDK of this release as an npm tarball in `into`.

    Raises:
        subprocess.CalledProcessError: generating, compiling or packing failed.
    """
    into.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        sdk = generate(Path(scratch) / "sdk")
        type_check(sdk)
        package = json.loads((sdk / "package.json").read_text())
        package["version"] = __version__  # the generator leaves a ${VERSION} placeholder
        (sdk / "package.json").write_text(json.dumps(package, indent=4) + "\n")
        (sdk / "node_modules").symlink_to(node_modules())
        tsc = node_modules() / ".bin" / "tsc"
        subprocess.run([str(tsc), "-p", str(sdk)], cwd=sdk, check=True)
        for name in ("package.json", "README.md"):
            shutil.copy(sdk / name, sdk / "bin" / name)
        npm = ["npm", "pack", "--silent", "--pack-destination", str(into.resolve())]
        done = subprocess.run(npm, cwd=sdk / "bin", check=True, capture_output=True, text=True)
    return into / done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=REPO / "dist" / "nodejs")
    parser.add_argument("--pack", type=Path, help="write the release tarball into this folder")
    args = parser.parse_args()
    if args.pack:
        print(pack(args.pack))
        return
    sdk = generate(args.output)
    type_check(sdk)
    print(f"nodejs SDK in {sdk}: it and examples/nodejs/index.ts compile (tsc --strict)")


if __name__ == "__main__":
    main()
