#!/usr/bin/env bash
# Builds FlareChat with its tests and runs every test.
#   scripts/test.sh          the "ci" preset (optimised, warnings as errors)
#   scripts/test.sh asan     the AddressSanitizer + UBSan preset
set -euo pipefail
cd "$(dirname "$0")/.."
# ccache (when installed) shares objects between checkouts in different folders.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
preset="${1:-ci}"
scripts/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"

export QT_QPA_PLATFORM=offscreen
if [ "$preset" = asan ]; then
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp"
fi
# A private D-Bus session (and keyring) so tests never touch the developer's own.
exec dbus-run-session -- bash -c '
    # A non-empty password: with an empty one gnome-keyring creates no login collection to store in.
    echo -n "flarechat-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true
    ctest --test-dir "build/'"$preset"'" --output-on-failure -j2
'
