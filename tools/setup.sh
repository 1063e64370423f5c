#!/usr/bin/env bash
# make setup: the virtualenv, the package, and a Pulumi engine on .venv/bin. Idempotent; a warm
# run takes seconds. Prints which way the engine was obtained.
#
# Two switches, for CI (make setup-runtime sets both, make setup-pinned the second):
#   OCAMBA_SETUP_PROFILE=runtime      only the runtime dependencies, from the hashed lock
#                                     requirements/runtime.txt: no test or lint toolchain in a
#                                     job that holds the Hood token;
#   OCAMBA_REQUIRE_PINNED_ENGINE=1    an installed pulumi counts only at exactly the pinned
#                                     version, else the pinned one is used or built: what the
#                                     tests ran is what CI runs. Workstations keep any >= 3.200.
#
# And two for the compatibility tier (make test-compat, tools/compat.py):
#   OCAMBA_VENV=DIR                   set up DIR instead of .venv;
#   OCAMBA_SDK_CONSTRAINTS=FILE       the dev profile's pip constraints: which Pulumi SDK of
#                                     pyproject.toml's range to install (default
#                                     requirements/sdk-newest.txt, the version CI tests).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${OCAMBA_VENV:-$repo/.venv}"
bin="$venv/bin"
python="${PYTHON:-python3}"
profile="${OCAMBA_SETUP_PROFILE:-dev}"
require_pinned="${OCAMBA_REQUIRE_PINNED_ENGINE:-0}"
lock="$repo/requirements/runtime.txt"
constraints="${OCAMBA_SDK_CONSTRAINTS:-$repo/requirements/sdk-newest.txt}"

# The pinned engine: keep in step with tools/pulumi-engine/go.mod.
engine_version="$(awk '$1 == "github.com/pulumi/pulumi/pkg/v3" {print $2}' "$repo/tools/pulumi-engine/go.mod")"
engine_version="${engine_version#v}"
min_version="3.200.0"   # oldest CLI whose dynamic providers receive stack config in configure()
cache="${OCAMBA_CACHE_DIR:-$HOME/.cache/ocamba-campaigns}/engine-v$engine_version"

say() { printf 'setup: %s\n' "$*"; }

# --- Python side ---------------------------------------------------------------------------
if [ ! -x "$bin/python" ]; then
  say "creating $venv"
  "$python" -m venv "$venv"
fi
# The stamp changes with pyproject.toml, the lock and the SDK constraints (Python hashes them:
# sha256sum is not on every OS), and with the profile.
digest="$("$python" -c 'import hashlib, sys; print(hashlib.sha256(b"".join(open(f, "rb").read() for f in sys.argv[1:])).hexdigest()[:16])' "$repo/pyproject.toml" "$lock" "$constraints")"
stamp="$venv/.installed-$profile-$digest"
if [ -f "$stamp" ]; then
  say "python packages up to date ($profile)"
elif [ "$profile" = "runtime" ]; then
  say "installing the runtime dependencies from requirements/runtime.txt (hashes required)"
  "$bin/pip" install --quiet --disable-pip-version-check --require-hashes --no-deps -r "$lock"
  # setuptools and wheel come from the lock too, hence no build isolation.
  "$bin/pip" install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e "$repo"
  rm -f "$venv"/.installed-*
  touch "$stamp"
elif [ "$profile" = "dev" ]; then
  say "installing ocamba-campaigns (editable, extras emulator+dev; $(grep -h '^pulumi==' "$constraints"))"
  # The SDK from a constraints file: pyproject.toml admits a range, the tiers test its ends.
  "$bin/pip" install --quiet --disable-pip-version-check -c "$constraints" -e "$repo[dev]"
  rm -f "$venv"/.installed-*
  touch "$stamp"
else
  say "OCAMBA_SETUP_PROFILE must be dev or runtime, not '$profile'"
  exit 2
fi

# --- Engine -------------------------------------------------------------------------------
version_ok() {  # version_ok FOUND MIN: FOUND >= MIN
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

# A pulumi on PATH that is not our own .venv/bin one (compared as files, not spellings).
ambient=""
for dir in $(printf '%s' "$PATH" | tr ':' ' '); do
  candidate="$dir/pulumi"
  [ -x "$candidate" ] && [ ! -d "$candidate" ] || continue
  [ -e "$bin/pulumi" ] && [ "$candidate" -ef "$bin/pulumi" ] && continue
  ambient_version="$("$candidate" version 2>/dev/null | sed 's/^v//' || true)"
  if [ "$require_pinned" = "1" ]; then
    if [ "$ambient_version" = "$engine_version" ]; then
      ambient="$candidate"
    else
      say "ignoring $candidate: version '${ambient_version:-unknown}' is not the pinned $engine_version"
    fi
  elif [ -n "$ambient_version" ] && version_ok "${ambient_version%%-*}" "$min_version"; then
    ambient="$candidate"
  else
    say "ignoring $candidate: version '${ambient_version:-unknown}' is older than $min_version"
  fi
  break
done

if [ -n "$ambient" ]; then
  engine_dir="$(dirname "$(readlink -f "$ambient")")"
  say "engine: using installed pulumi v$ambient_version at $ambient"
  host_source="installed"
elif [ -x "$cache/bin/pulumi" ]; then
  engine_dir="$cache/bin"
  say "engine: using cached build of pulumi v$engine_version at $cache/bin"
  host_source="built"
elif command -v go >/dev/null 2>&1; then
  say "engine: building pulumi v$engine_version from its Go module (first time only; several minutes)"
  # Everything goes into bin.tmp first and becomes bin in one rename, so an interrupted
  # build never leaves a cache that the next run would take for complete.
  rm -rf "$cache/bin.tmp"
  mkdir -p "$cache/bin.tmp"
  (cd "$repo/tools/pulumi-engine" && \
    GOFLAGS=-mod=mod GOBIN="$cache/bin.tmp" go install \
      -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$engine_version" \
      github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  # pulumi-language-python-exec ships in the SDK module's files; keep a copy with the engine.
  sdk_dir="$(cd "$repo/tools/pulumi-engine" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)"
  cp "$sdk_dir/python/cmd/pulumi-language-python-exec" "$cache/bin.tmp/"
  chmod +x "$cache/bin.tmp/pulumi-language-python-exec"
  rm -rf "$cache/bin"
  mv "$cache/bin.tmp" "$cache/bin"
  engine_dir="$cache/bin"
  say "engine: built pulumi v$engine_version into $cache/bin"
  host_source="built"
else
  say "engine: no pulumi and no Go; using Pulumi's official installer (needs internet)"
  curl -fsSL https://get.pulumi.com | sh -s -- --version "$engine_version" --install-root "$cache"
  engine_dir="$cache/bin"
  host_source="installed"
fi

# A hard link (or a copy), not a symlink: the engine looks for its bundled plugins next to its
# own resolved path, and warns on every run when the ones on $PATH live elsewhere.
if [ -L "$bin/pulumi" ] || [ ! "$bin/pulumi" -ef "$engine_dir/pulumi" ]; then
  rm -f "$bin/pulumi"
  ln "$engine_dir/pulumi" "$bin/pulumi" 2>/dev/null || cp "$engine_dir/pulumi" "$bin/pulumi"
fi

if [ "$host_source" = "installed" ] && [ -x "$engine_dir/pulumi-language-python" ]; then
  ln -sf "$engine_dir/pulumi-language-python" "$bin/pulumi-language-python"
  say "language host: the installed pulumi-language-python"
else
  # The Go language host module is not reachable here; see tools/pulumi_language_host.py.
  printf '#!/bin/sh\nexec "%s" -u "%s" "$@"\n' "$bin/python" "$repo/tools/pulumi_language_host.py" \
    > "$bin/pulumi-language-python"
  chmod +x "$bin/pulumi-language-python"
  say "language host: tools/pulumi_language_host.py (Python, on the SDK's own LanguageServer)"
fi
if [ -f "$engine_dir/pulumi-language-python-exec" ]; then
  ln -sf "$engine_dir/pulumi-language-python-exec" "$bin/pulumi-language-python-exec"
fi
# Dynamic providers run in this interpreter, so the provider sees the venv's packages.
printf '#!/bin/sh\nexec "%s" -u -m pulumi.dynamic "$@"\n' "$bin/python" > "$bin/pulumi-resource-pulumi-python"
chmod +x "$bin/pulumi-resource-pulumi-python"

# --- Pulumi YAML language host (for the native provider's YAML programs) -------------------
# Built like the engine from its pinned Go module (tools/pulumi-yaml-host/go.mod) and cached
# beside it; an installed pulumi-language-yaml next to an installed engine is used as it is.
yaml_version="$(awk '$1 == "github.com/pulumi/pulumi-yaml" {print $2}' "$repo/tools/pulumi-yaml-host/go.mod")"
yaml_cache="${OCAMBA_CACHE_DIR:-$HOME/.cache/ocamba-campaigns}/pulumi-yaml-$yaml_version"
if [ -x "$engine_dir/pulumi-language-yaml" ]; then
  yaml_host="$engine_dir/pulumi-language-yaml"
  say "yaml host: the installed pulumi-language-yaml"
elif [ -x "$yaml_cache/bin/pulumi-language-yaml" ]; then
  yaml_host="$yaml_cache/bin/pulumi-language-yaml"
  say "yaml host: using cached build of pulumi-language-yaml $yaml_version"
elif command -v go >/dev/null 2>&1; then
  say "yaml host: building pulumi-language-yaml $yaml_version from its Go module (first time only)"
  rm -rf "$yaml_cache/bin.tmp"
  mkdir -p "$yaml_cache/bin.tmp"
  (cd "$repo/tools/pulumi-yaml-host" && \
    GOFLAGS=-mod=mod GOBIN="$yaml_cache/bin.tmp" go install \
      github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml)
  rm -rf "$yaml_cache/bin"
  mv "$yaml_cache/bin.tmp" "$yaml_cache/bin"
  yaml_host="$yaml_cache/bin/pulumi-language-yaml"
else
  yaml_host=""
  say "yaml host: no Go and no installed pulumi-language-yaml; YAML programs will not run"
fi
if [ -n "$yaml_host" ]; then
  ln -sf "$yaml_host" "$bin/pulumi-language-yaml"
fi
# --- Mermaid's parser (dev only): the PR comment's gantt block is parsed by it in the tests --
mermaid_dir="$repo/tools/mermaid"
mermaid_stamp="$mermaid_dir/node_modules/.installed-$("$python" -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest()[:16])' "$mermaid_dir/package-lock.json")"
if [ "$profile" != "dev" ]; then
  :
elif [ -f "$mermaid_stamp" ]; then
  say "mermaid parser up to date"
elif command -v npm >/dev/null 2>&1; then
  say "installing Mermaid's parser (tools/mermaid, npm ci, pinned by its package-lock.json)"
  (cd "$mermaid_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  touch "$mermaid_stamp"
else
  say "mermaid parser: no npm on PATH; tests/unit/summary/test_gantt_parses.py will fail"
fi

# pulumi-resource-ocamba (the native provider) is a console script of the package: pip put it
# on $bin with this venv's interpreter.

say "ready: $("$bin/pulumi" version) on $bin"
