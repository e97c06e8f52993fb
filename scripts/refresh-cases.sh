#!/usr/bin/env bash
# Refreshes the project's copy of the conformance cases from ../shared/conformance/cases
# (the recorded-from-nginx originals). The project never reads ../shared at build,
# run or test time; this script is how its copy is kept current by hand.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
src="${1:-$here/../shared/conformance/cases}"
if [ ! -d "$src" ]; then
  echo "no cases folder at $src (pass one as the first argument)" >&2
  exit 1
fi
cp "$src"/*.json "$here/test/conformance/cases/"
echo "copied $(ls "$src"/*.json | wc -l) cases from $src"
