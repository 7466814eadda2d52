#!/usr/bin/env bash
# Builds FlareChat (Release) and starts it; any arguments are passed on to flarechat.
set -euo pipefail
cd "$(dirname "$0")/.."
# ccache (when installed) shares objects between checkouts in different folders.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
exec build/release/app/flarechat "$@"
