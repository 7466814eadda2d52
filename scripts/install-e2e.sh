#!/usr/bin/env bash
# Installs the pinned npm packages of the end-to-end tests (tests/e2e: the official `openai`
# SDK and the official `@anthropic-ai/sdk`) into tests/e2e/node_modules with `npm ci`, exactly as package-lock.json says.
# Does nothing when they are already installed from the same package-lock.json, so it works
# offline once it has run; reinstalls when package-lock.json changed.
#   scripts/install-e2e.sh           install if missing or stale
#   scripts/install-e2e.sh --force   reinstall
#   scripts/install-e2e.sh --agents  the same for the coding agents (tests/e2e/agents: Codex CLI and
#                                    Claude Code, ~360 MB of native binaries), which only the agent
#                                    tests need
# Safe to run concurrently (a lock serialises installs). Needs node and npm.
set -euo pipefail
cd "$(dirname "$0")/../tests/e2e"

force=0
agents=0
for arg in "$@"; do
    case "$arg" in
    --force) force=1 ;;
    --agents) agents=1 ;;
    *) echo "install-e2e: unknown argument $arg" >&2; exit 2 ;;
    esac
done
[ "$agents" = 1 ] && cd agents

for tool in node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "install-e2e: $tool not found; install Node.js 20 or newer (e.g. apt-get install nodejs npm)" >&2
        exit 1
    fi
done

stamp=node_modules/.flarechat-package-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"

up_to_date() {
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] || return 1
    if [ "$agents" = 1 ]; then
        [ -f node_modules/@openai/codex/package.json ] && [ -f node_modules/@anthropic-ai/claude-code/package.json ]
    else
        [ -f node_modules/openai/package.json ] && [ -f node_modules/@anthropic-ai/sdk/package.json ]
    fi
}

install() {
    if [ "$force" = 0 ] && up_to_date; then
        return 0
    fi
    echo "install-e2e: npm ci in $PWD"
    # --ignore-scripts: nothing here needs install scripts; no audit/fund round trips.
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    echo "$want" >"$stamp"
}

if command -v flock >/dev/null 2>&1; then
    # Two CTest tests may start at once on a fresh checkout: one installs, the other waits.
    # The lock file lives outside the tree (it is left in place: removing it would let a third
    # process lock a new file while the second still waits on the old one).
    lock="${TMPDIR:-/tmp}/flarechat-e2e-install-$(printf '%s' "$PWD" | sha256sum | cut -c1-16).lock"
    exec 9>"$lock"
    flock -w 300 9 || { echo "install-e2e: timed out waiting for another install" >&2; exit 1; }
    install
else
    install
fi
