"""Build the self-contained plugin archives `pulumi plugin install resource ocamba <v> --file`
accepts, one per platform.

    python -m tools.plugin_archive [--output DIR] [--platform linux-amd64 ...]   # make plugin
    # -> DIR/pulumi-resource-ocamba-v<version>-<platform>.tar.gz

Each archive holds a PEX (`ocamba.pex`: the package's wheel and every locked runtime dependency
of requirements/runtime.txt, hash-checked, for each Python it carries) and a launcher,
`pulumi-resource-ocamba`, that runs it with the first interpreter on the PATH that the PEX has
wheels for. grpcio and the other binary dependencies ship one wheel per CPython ABI, so the
archive carries CPython 3.11, 3.12 and 3.13 and needs one of them; with none, the launcher
says which it needs and which it found, and exits 1. Nothing else need be installed: a YAML or
TypeScript team runs it with a bare `python3`.

The wheels are downloaded once per lock and platform into ~/.cache/ocamba-campaigns/
(pip, hashes required), then pex assembles offline. A foreign platform (darwin-arm64) is built
the same way; it cannot run here, so tests/release reads its wheels' tags instead.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from ocamba_provider import __version__
from tools.plugin_platforms import PLATFORMS, PYTHONS, Platform

REPO = Path(__file__).resolve().parents[1]
LOCK = REPO / "requirements" / "runtime.txt"
PEX_NAME = "ocamba.pex"
LAUNCHER_NAME = "pulumi-resource-ocamba"
# Build-time only (setuptools, wheel), or never imported by the SDK (debugpy: the official
# language host's debugger; pulumi requires it, the plugin never loads it): left out.
LEFT_OUT = ("setuptools", "wheel", "debugpy")
PIP_VERSION = "25.3"
"""The pip pex resolves with (its vendored 20.3 takes minutes for three platforms)."""

LAUNCHER = """#!/bin/sh
# pulumi-resource-ocamba __VERSION__: the native Ocamba provider, self-contained. ocamba.pex
# beside this file holds the package and its locked dependencies for CPython __CARRIED__;
# this runs it with the first of those on the PATH (or $OCAMBA_PYTHON). Shell builtins only:
# the PATH may hold nothing else.
carried="__CARRIED__"
case "$0" in */*) here="${0%/*}" ;; *) here=. ;; esac
fits() {
  "$1" -c 'import sys; v = "%d.%d" % sys.version_info[:2]
sys.exit(0 if sys.implementation.name == "cpython" and v in sys.argv[1].split() else 1)' \\
    "$carried" 2>/dev/null
}
if [ -n "${OCAMBA_PYTHON:-}" ]; then
  if fits "$OCAMBA_PYTHON"; then exec "$OCAMBA_PYTHON" "$here/ocamba.pex" "$@"; fi
  echo "pulumi-resource-ocamba: OCAMBA_PYTHON=$OCAMBA_PYTHON is not CPython $carried" >&2
  exit 1
fi
tried=""
for name in __CANDIDATES__ python3; do
  found="$(command -v "$name" 2>/dev/null)" || continue
  if fits "$found"; then exec "$found" "$here/ocamba.pex" "$@"; fi
  tried="${tried:+$tried, }$found"
done
echo "pulumi-resource-ocamba: needs CPython __NEEDS__ on the PATH (__NAMES__ or python3), \\
or OCAMBA_PYTHON naming one; found ${tried:-none}${tried:+ (not one of them)}." >&2
exit 1
"""


def launcher_text(pythons: tuple[str, ...] = PYTHONS) -> str:
    """The launcher script for an archive that carries `pythons`."""
    newest_first = tuple(reversed(pythons))
    names = " ".join(f"python{v}" for v in newest_first)
    replacements = {
        "__VERSION__": __version__,
        "__CARRIED__": " ".join(pythons),
        "__CANDIDATES__": names,
        "__NEEDS__": ", ".join(pythons[:-1]) + f" or {pythons[-1]}",
        "__NAMES__": ", ".join(f"python{v}" for v in pythons),
    }
    text = LAUNCHER
    for marker, value in replacements.items():
        text = text.replace(marker, value)
    return text


def archive_name(platform: str) -> str:
    return f"pulumi-resource-ocamba-v{__version__}-{platform}.tar.gz"


def cache_dir() -> Path:
    base = os.environ.get("OCAMBA_CACHE_DIR") or str(Path.home() / ".cache" / "ocamba-campaigns")
    return Path(base)


def locked_requirements() -> str:
    """requirements/runtime.txt less what the plugin never imports (LEFT_OUT)."""
    entries = re.split(r"\n(?=\S)", LOCK.read_text())
    kept = [
        e for e in entries if "==" in e and not e.startswith(("#", *(f"{n}==" for n in LEFT_OUT)))
    ]
    return "\n".join(entry.rstrip() for entry in kept) + "\n"


def _pip_download(platform: Platform, requirements: Path, into: Path) -> None:
    for python in PYTHONS:
        abi = "cp" + python.replace(".", "")
        tags = [arg for tag in platform.platform_tags for arg in ("--platform", tag)]
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
        command += ["--only-binary=:all:", "--implementation", "cp", "--python-version", python]
        command += [
            "--abi",
            abi,
            *tags,
            "--require-hashes",
            "-r",
            str(requirements),
            "-d",
            str(into),
        ]
        # Hashes from PyPI only: a local wheel folder in the pip config must not be used.
        env = {k: v for k, v in os.environ.items() if k != "PIP_FIND_LINKS"}
        subprocess.run(command, check=True, env=env)


def dependency_wheels(platform: Platform) -> Path:
    """A folder of every locked dependency's wheels for `platform` and PYTHONS, cached."""
    requirements = locked_requirements()
    key = hashlib.sha256(requirements.encode() + repr(PYTHONS).encode()).hexdigest()[:12]
    folder = cache_dir() / "plugin-wheels" / f"{platform.name}-{key}"
    if folder.is_dir():
        return folder
    # A folder of this build's own: two builds at once (the test tiers run in parallel) must
    # not download into, or delete, each other's partial folder.
    folder.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f"{folder.name}.", suffix=".tmp", dir=folder.parent))
    try:
        (partial / "requirements.txt").write_text(requirements)
        _pip_download(platform, partial / "requirements.txt", partial)
        try:
            partial.rename(folder)  # complete, or absent: a partial download is never reused
        except OSError:
            if not folder.is_dir():  # not a concurrent build that finished first
                raise
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return folder


def package_wheel(into: Path) -> Path:
    """This checkout's wheel (no build isolation: setuptools is in the venv)."""
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"]
    command += ["--no-build-isolation", "-w", str(into), str(REPO)]
    subprocess.run(command, check=True, capture_output=True)
    (wheel,) = into.glob("ocamba_campaigns-*.whl")
    return wheel


def build_pex(platform: Platform, wheel: Path, work: Path) -> Path:
    """ocamba.pex for `platform`: the wheel and the locked dependencies, resolved offline."""
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    requirements = work / "requirements.txt"
    requirements.write_text(
        locked_requirements() + f"ocamba-campaigns=={__version__} --hash=sha256:{digest}\n"
    )
    command = [sys.executable, "-m", "pex", "--pip-version", PIP_VERSION, "--no-pypi"]
    command += ["-f", str(dependency_wheels(platform)), "-f", str(wheel.parent)]
    command += ["-r", str(requirements), *(f"--exclude={name}" for name in LEFT_OUT)]
    for complete in platform.write_complete_platforms(work / "platforms"):
        command += ["--complete-platform", str(complete)]
    # No --interpreter-constraint: pex would add this machine's matching interpreter as a
    # target too, and resolve it against a foreign platform's wheels. The launcher chooses.
    command += ["--python-shebang", "/usr/bin/env python3"]
    # A venv in PEX_ROOT at first start: later starts are as fast as an installed package's.
    command += ["--venv", "--no-pre-install-wheels", "-c", LAUNCHER_NAME]
    command += ["--no-emit-warnings", "-o", str(work / PEX_NAME)]
    subprocess.run(command, check=True)
    return work / PEX_NAME


def _add(archive: tarfile.TarFile, name: str, data: bytes, mode: int) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = mode
    archive.addfile(info, io.BytesIO(data))


def build(
    output: Path, platforms: tuple[str, ...] = ("linux-amd64",), wheel_dir: Path | None = None
) -> list[Path]:
    """Write one archive per platform into `output`; return their paths. The package's wheel
    is the one in `wheel_dir` (a release's), else built from this checkout."""
    output.mkdir(parents=True, exist_ok=True)
    built = []
    with tempfile.TemporaryDirectory(prefix="ocamba-plugin-") as scratch:
        if wheel_dir is None:
            wheel = package_wheel(Path(scratch) / "wheel")
        else:
            # Alone in a folder: pex looks there for nothing else (not the sdist beside it).
            (released,) = wheel_dir.glob(f"ocamba_campaigns-{__version__}-*.whl")
            (Path(scratch) / "wheel").mkdir()
            wheel = Path(shutil.copy(released, Path(scratch) / "wheel"))
        for name in platforms:
            work = Path(scratch) / name
            work.mkdir()
            pex = build_pex(PLATFORMS[name], wheel, work)
            path = output / archive_name(name)
            with tarfile.open(path, "w:gz") as archive:
                _add(archive, LAUNCHER_NAME, launcher_text().encode(), 0o755)
                _add(archive, PEX_NAME, pex.read_bytes(), 0o644)
            built.append(path)
    return built


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=REPO / "dist")
    parser.add_argument(
        "--platform", choices=sorted(PLATFORMS), action="append", help="default: all"
    )
    parser.add_argument("--wheel-dir", type=Path, help="take the wheel from here (a release's)")
    args = parser.parse_args()
    for path in build(args.output, tuple(args.platform or PLATFORMS), args.wheel_dir):
        print(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
