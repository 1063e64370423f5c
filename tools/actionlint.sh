#!/usr/bin/env bash
# tools/actionlint.sh [ARGS...]: run actionlint, the version pinned in tools/actionlint/go.mod.
# Built once from its Go module (go.sum checks the sources) into the same cache as the engine,
# outside the work tree; later runs take a fraction of a second. No prebuilt download: the
# only network this needs is the Go module proxy.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$repo/tools/actionlint"
version="$(awk '$1 == "github.com/rhysd/actionlint" {print $2}' "$module/go.mod")"
cache="${OCAMBA_CACHE_DIR:-$HOME/.cache/ocamba-campaigns}/actionlint-$version"

if [ ! -x "$cache/bin/actionlint" ]; then
  command -v go >/dev/null 2>&1 || {
    echo "actionlint: Go is needed once to build actionlint $version (https://go.dev/dl/)" >&2
    exit 1
  }
  echo "actionlint: building $version from its Go module (first time only)" >&2
  # bin.tmp then one rename, so an interrupted build never looks complete (as tools/setup.sh).
  rm -rf "$cache/bin.tmp"
  mkdir -p "$cache/bin.tmp"
  (cd "$module" && GOFLAGS=-mod=mod GOBIN="$cache/bin.tmp" go install \
    -ldflags "-X github.com/rhysd/actionlint.version=$version" \
    github.com/rhysd/actionlint/cmd/actionlint)
  rm -rf "$cache/bin"
  mv "$cache/bin.tmp" "$cache/bin"
fi

cd "$repo"
exec "$cache/bin/actionlint" "$@"
