#!/usr/bin/env bash
# The real coding agents, headless, through `flarechat launch` against the fake Workers AI: Codex
# CLI (`codex exec`) on /v1/responses and Claude Code (`claude -p`) on /v1/messages, each pinned
# in tests/e2e/agents/package-lock.json and installed by scripts/install-e2e.sh --agents. The
# fake's model calls the agent's first tool with the prompt as its argument and answers the
# tool's result with "Tool result: <output>", so a run proves a whole tool round trip: the
# agent's request read, its tool call streamed back, its tool run and its result sent and
# answered. Every wait is bounded; the fake is always killed.
#
#   run_agents.sh --flarechat PATH --fake PATH --agent codex|claude
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
flarechat="" fake="" agent=""
while [ $# -gt 0 ]; do
    case "$1" in
    --flarechat) flarechat="$2"; shift 2 ;;
    --fake) fake="$2"; shift 2 ;;
    --agent) agent="$2"; shift 2 ;;
    *) echo "run_agents: unknown argument $1" >&2; exit 2 ;;
    esac
done
[ -x "$flarechat" ] && [ -x "$fake" ] || { echo "run_agents: --flarechat and --fake executables are required" >&2; exit 2; }
case "$agent" in codex | claude) ;; *) echo "run_agents: --agent codex|claude" >&2; exit 2 ;; esac
flarechat="$(cd "$(dirname "$flarechat")" && pwd)/$(basename "$flarechat")" # it runs from another folder
fake="$(cd "$(dirname "$fake")" && pwd)/$(basename "$fake")"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/flarechat-agents.XXXXXX")"
fake_pid=""
cleanup() {
    [ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null
    if [ "${keep:-0}" = 1 ]; then echo "run_agents: logs kept in $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; keep=1; exit 1; }

timeout -k 5 240 "$root/scripts/install-e2e.sh" --agents >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; fail "installing the pinned agents"; }
modules="$here/agents/node_modules"
mkdir -p "$tmp/bin" "$tmp/home" "$tmp/work"
case "$agent" in
codex) ln -s "$modules/.bin/codex" "$tmp/bin/codex" ;;
claude) # the native binary itself: its wrapper needs an install script, which npm ci --ignore-scripts skips
    native="$(ls "$modules"/@anthropic-ai/claude-code-linux-*/claude 2>/dev/null | head -1)"
    [ -x "$native" ] || fail "no Claude Code binary for this platform under $modules"
    ln -s "$native" "$tmp/bin/claude" ;;
esac

"$fake" --token-delay-ms 1 >"$tmp/fake.out" 2>"$tmp/fake.err" &
fake_pid=$!
for _ in $(seq 1 200); do grep -q '^TOKEN ' "$tmp/fake.out" 2>/dev/null && break; sleep 0.05; done
grep -q '^TOKEN ' "$tmp/fake.out" || fail "fake-workers-ai did not start"
fake_port="$(awk '$1 == "PORT" {print $2}' "$tmp/fake.out")"

launch() {
    (cd "$tmp/work" && HOME="$tmp/home" CODEX_HOME="$tmp/home/.codex" PATH="$tmp/bin:$PATH" \
        CLOUDFLARE_ACCOUNT_ID="$(awk '$1 == "ACCOUNT" {print $2}' "$tmp/fake.out")" \
        CLOUDFLARE_API_TOKEN="$(awk '$1 == "TOKEN" {print $2}' "$tmp/fake.out")" \
        QT_LOGGING_RULES="flarechat.*=false" \
        timeout -k 5 120 "$flarechat" launch "$agent" --api-base "http://127.0.0.1:$fake_port/client/v4" \
            --no-keychain --settings "$tmp/settings.ini" -- "$@" </dev/null >"$tmp/agent.out" 2>"$tmp/agent.err")
}
mkdir -p "$tmp/home/.codex"

if [ "$agent" = codex ]; then
    launch exec --skip-git-repo-check --json "echo flarechat-agent-ok"
    rc=$?
    cat "$tmp/agent.out"
    [ "$rc" -eq 0 ] || { cat "$tmp/agent.err"; fail "flarechat launch codex exited with $rc"; }
    grep -q '"type":"turn.completed"' "$tmp/agent.out" || fail "codex did not complete its turn"
    grep -q '"type":"command_execution"' "$tmp/agent.out" || fail "codex ran no tool call"
    grep '"type":"agent_message"' "$tmp/agent.out" | grep -q 'Tool result: .*flarechat-agent-ok' \
        || fail "codex's answer is not the fake's reply to the tool's output"
else
    launch -p "echo flarechat-agent-ok" --output-format json
    rc=$?
    cat "$tmp/agent.out"; echo
    [ "$rc" -eq 0 ] || { cat "$tmp/agent.err"; fail "flarechat launch claude exited with $rc"; }
    node -e '
        const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        if (r.type !== "result" || r.subtype !== "success" || r.is_error) throw new Error("not a success: " + r.subtype);
        if (!(r.num_turns >= 2)) throw new Error("no tool round trip: " + r.num_turns + " turns");
        if (!/^Tool result: /.test(r.result)) throw new Error("unexpected result: " + r.result);
    ' "$tmp/agent.out" || fail "claude -p did not answer with the fake's reply after a tool round trip"
fi
echo "PASS: $agent through flarechat launch"
