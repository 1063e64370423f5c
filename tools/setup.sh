#!/usr/bin/env bash
# make setup: the virtualenv, the package, and a Pulumi engine on .venv/bin. Idempotent; a warm
# run takes seconds. Prints which way the engine was obtained.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo/.venv"
bin="$venv/bin"
python="${PYTHON:-python3}"

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
# The stamp changes with pyproject.toml (Python hashes it: sha256sum is not on every OS).
digest="$("$python" -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest()[:16])' "$repo/pyproject.toml")"
stamp="$venv/.installed-$digest"
if [ ! -f "$stamp" ]; then
  say "installing ocamba-campaigns (editable, extras emulator+dev)"
  "$bin/pip" install --quiet --disable-pip-version-check -e "$repo[dev]"
  rm -f "$venv"/.installed-*
  touch "$stamp"
else
  say "python packages up to date"
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
  if [ -n "$ambient_version" ] && version_ok "${ambient_version%%-*}" "$min_version"; then
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

say "ready: $("$bin/pulumi" version) on $bin"
