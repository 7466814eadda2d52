#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a bounded number of iterations.
#   scripts/fuzz.sh [RUNS]   (default 200000 runs per target)
set -euo pipefail
cd "$(dirname "$0")/.."
# ccache (when installed) shares objects between checkouts in different folders.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
runs="${1:-200000}"
scripts/install-deps.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
export QT_QPA_PLATFORM=offscreen
for f in build/fuzz/tests/fuzz/fuzz_*; do
    [ -f "$f" ] && [ -x "$f" ] || continue
    name=$(basename "$f")
    corpus="tests/fuzz/corpus/${name#fuzz_}"
    work=$(mktemp -d)
    [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/
    echo "== $name: $runs runs"
    "$f" -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$work" 2>&1 | tail -n 12
    rm -rf "$work"
done
