#!/usr/bin/env bash
# End-to-end tests of `flarechat serve` with real clients. Starts the fake Workers AI server
# and `flarechat serve` on free ports with a generated key, waits for /health, runs the checks,
# then stops the server with a signal and checks it exits 0 (clean shutdown). Both processes are
# always killed, whatever happens. Every wait is bounded.
#
#   run_e2e.sh --flarechat PATH --fake PATH [--suite sdk|anthropic|curl|all]
#
#   sdk   the official OpenAI SDK for JavaScript (openai_sdk.test.mjs under `node --test`);
#         installs the pinned npm packages first when missing (scripts/install-e2e.sh)
#   anthropic  the official Anthropic SDK for JavaScript on /v1/messages (anthropic_sdk.test.mjs),
#         the npm packages likewise
#   responses  the official OpenAI SDK's responses API on /v1/responses (responses_sdk.test.mjs)
#   curl  raw HTTP checks with curl (curl_checks.sh), then SIGINT while a stream is open
#   all   both (default)
#
# Prints "N passed, N failed" last; exits 1 on any failure. Logs go to a temporary directory
# that is printed and kept when something failed (FLARECHAT_E2E_KEEP=1 keeps it always).
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
flarechat=""
fake=""
suite="all"
while [ $# -gt 0 ]; do
    case "$1" in
    --flarechat) flarechat="$2"; shift 2 ;;
    --fake) fake="$2"; shift 2 ;;
    --suite) suite="$2"; shift 2 ;;
    -h | --help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "run_e2e: unknown argument $1" >&2; exit 2 ;;
    esac
done
[ -x "$flarechat" ] || { echo "run_e2e: --flarechat PATH (executable) is required" >&2; exit 2; }
[ -x "$fake" ] || { echo "run_e2e: --fake PATH (executable) is required" >&2; exit 2; }
case "$suite" in sdk | anthropic | responses | curl | all) ;; *) echo "run_e2e: --suite sdk|anthropic|responses|curl|all" >&2; exit 2 ;; esac

passed=0
failed=0
fake_pid=""
server_pid=""
bg_pids=()
tmp="$(mktemp -d "${TMPDIR:-/tmp}/flarechat-e2e.XXXXXX")"

log() { echo "run_e2e: $*"; }
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# stop_pid PID SIGNAL SECONDS — signals PID, waits up to SECONDS, then SIGKILLs it.
stop_pid() {
    local pid="$1" sig="$2" secs="$3" i
    [ -n "$pid" ] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    kill "-$sig" "$pid" 2>/dev/null
    for ((i = 0; i < secs * 20; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.05
    done
    log "pid $pid ignored SIG$sig for ${secs}s; killing it"
    kill -KILL "$pid" 2>/dev/null
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    for p in "${bg_pids[@]}"; do stop_pid "$p" TERM 2; done
    stop_pid "$server_pid" TERM 5
    stop_pid "$fake_pid" TERM 5
    wait 2>/dev/null
    if [ "$failed" -gt 0 ] || [ "$rc" -ne 0 ] || [ "${FLARECHAT_E2E_KEEP:-0}" = 1 ]; then
        log "logs kept in $tmp"
    else
        rm -rf "$tmp"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

# run_child CMD... — runs CMD in the background and waits for it, so that a signal to this
# script (CTest's timeout, Ctrl-C) is handled at once instead of after CMD ends. Returns its status.
run_child() {
    "$@" &
    local pid=$!
    bg_pids+=("$pid")
    wait "$pid"
}

# wait_for FILE REGEX SECONDS PID — waits until a line of FILE matches REGEX (while PID lives).
wait_for() {
    local file="$1" re="$2" secs="$3" pid="$4" i
    for ((i = 0; i < secs * 20; i++)); do
        grep -Eq -- "$re" "$file" 2>/dev/null && return 0
        kill -0 "$pid" 2>/dev/null || { grep -Eq -- "$re" "$file" 2>/dev/null && return 0; return 1; }
        sleep 0.05
    done
    return 1
}

show_logs() {
    for f in "$tmp"/fake.err "$tmp"/server.out "$tmp"/server.err; do
        [ -s "$f" ] || continue
        echo "----- $(basename "$f") (last 40 lines)"
        tail -n 40 "$f"
    done
    echo "-----"
}

finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ] && exit 0
    exit 1
}

# The processes never touch the developer's own settings, caches, keychain or log files.
export XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME"
export QT_QPA_PLATFORM=offscreen
unset FLARECHAT_API_KEYS CLOUDFLARE_ACCOUNT_ID CLOUDFLARE_API_TOKEN
# A proxy in the environment must not catch loopback traffic (curl, node, Qt).
export NO_PROXY="127.0.0.1,localhost,::1${NO_PROXY:+,$NO_PROXY}" no_proxy="127.0.0.1,localhost,::1${no_proxy:+,$no_proxy}"

# node and npm as CMake found them (they may not be on CTest's PATH).
[ -n "${FLARECHAT_E2E_NODE_DIR:-}" ] && export PATH="$FLARECHAT_E2E_NODE_DIR:$PATH"

# --- npm packages (sdk suite) ------------------------------------------------------------------
if [ "$suite" != curl ]; then
    command -v node >/dev/null || { fail "node not found"; finish; }
    if ! run_child timeout -k 5 120 "$root/scripts/install-e2e.sh" >"$tmp/install.log" 2>&1; then
        cat "$tmp/install.log"
        fail "installing the pinned npm packages (scripts/install-e2e.sh)"
        finish
    fi
    [ -s "$tmp/install.log" ] && sed 's/^/run_e2e: /' "$tmp/install.log"
fi

# --- fake Workers AI ---------------------------------------------------------------------------
"$fake" --token-delay-ms 5 >"$tmp/fake.out" 2>"$tmp/fake.err" &
fake_pid=$!
if ! wait_for "$tmp/fake.out" '^TOKEN ' 10 "$fake_pid"; then
    fail "fake-workers-ai did not start within 10 s"
    show_logs
    finish
fi
fake_port="$(awk '$1 == "PORT" {print $2}' "$tmp/fake.out")"
account="$(awk '$1 == "ACCOUNT" {print $2}' "$tmp/fake.out")"
token="$(awk '$1 == "TOKEN" {print $2}' "$tmp/fake.out")"
log "fake Workers AI on port $fake_port"

# --- flarechat serve ---------------------------------------------------------------------------
key="sk-flarechat-e2e$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
start_server() {
    : >"$tmp/server.out"
    CLOUDFLARE_ACCOUNT_ID="$account" CLOUDFLARE_API_TOKEN="$token" \
        "$flarechat" serve --port 0 --api-base "http://127.0.0.1:$fake_port/client/v4" --no-keychain \
        --settings "$tmp/settings.ini" --log-file "$tmp/requests.log" --api-key "$key" \
        >>"$tmp/server.out" 2>>"$tmp/server.err" &
    server_pid=$!
    if ! wait_for "$tmp/server.out" 'http://127\.0\.0\.1:[0-9]+/v1' 15 "$server_pid"; then
        fail "flarechat serve did not print its address within 15 s"
        show_logs
        finish
    fi
    port="$(grep -Eo 'http://127\.0\.0\.1:[0-9]+/v1' "$tmp/server.out" | head -1 | sed 's|.*:||; s|/v1||')"
    base="http://127.0.0.1:$port"
    local i
    for ((i = 0; i < 200; i++)); do # /health within 10 s
        if curl -sf --max-time 2 -o /dev/null "$base/health"; then
            log "flarechat serve on $base (pid $server_pid)"
            return 0
        fi
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.05
    done
    fail "GET $base/health did not answer within 10 s"
    show_logs
    finish
}

# stop_server_checked SIGNAL — the server must exit 0 within 10 s of SIGNAL (clean shutdown).
stop_server_checked() {
    local sig="$1" i rc
    if ! kill -0 "$server_pid" 2>/dev/null; then
        wait "$server_pid"
        rc=$?
        fail "flarechat serve stayed up through the tests (it exited early, status $rc)"
        show_logs
        server_pid=""
        return
    fi
    kill "-$sig" "$server_pid"
    for ((i = 0; i < 200; i++)); do
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.05
    done
    if kill -0 "$server_pid" 2>/dev/null; then
        fail "flarechat serve still running 10 s after SIG$sig"
        kill -KILL "$server_pid" 2>/dev/null
        wait "$server_pid" 2>/dev/null
        server_pid=""
        show_logs
        return
    fi
    wait "$server_pid"
    rc=$?
    server_pid=""
    if [ "$rc" -eq 0 ]; then
        pass "flarechat serve exits 0 on SIG$sig"
    else
        fail "flarechat serve exits 0 on SIG$sig (it exited with status $rc)"
        show_logs
    fi
}

# tap_counts FILE WHAT — adds the "# pass N" / "# fail N" of a TAP file to the totals.
tap_counts() {
    local p f
    p="$(grep -E '^# pass [0-9]+' "$1" | tail -1 | awk '{print $3}')"
    f="$(grep -E '^# fail [0-9]+' "$1" | tail -1 | awk '{print $3}')"
    if [ -z "$p" ] || [ -z "$f" ]; then
        fail "$2: no summary (runner crashed or timed out)"
        return
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    [ "$f" -eq 0 ] || grep -E '^ *not ok ' "$1" | sed 's/^ */FAIL: /'
}

start_server

# --- the official OpenAI SDK -------------------------------------------------------------------
if [ "$suite" = sdk ] || [ "$suite" = all ]; then
    log "openai SDK $(node -p 'require(process.argv[1]).version' "$here/node_modules/openai/package.json"), node $(node --version)"
    FLARECHAT_E2E_BASE_URL="$base/v1" FLARECHAT_E2E_API_KEY="$key" \
        run_child timeout -k 5 150 node --test --test-concurrency=1 \
        --test-reporter=spec --test-reporter-destination=stdout \
        --test-reporter=tap --test-reporter-destination="$tmp/sdk.tap" \
        "$here/openai_sdk.test.mjs"
    rc=$?
    [ "$rc" -eq 124 ] && fail "node --test timed out after 150 s"
    tap_counts "$tmp/sdk.tap" "openai SDK tests"
    [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ] && fail "node --test exited with status $rc"
fi

# --- the official Anthropic SDK ----------------------------------------------------------------
if [ "$suite" = anthropic ] || [ "$suite" = all ]; then
    log "anthropic SDK $(node -p 'require(process.argv[1]).version' "$here/node_modules/@anthropic-ai/sdk/package.json"), node $(node --version)"
    FLARECHAT_E2E_BASE_URL="$base/v1" FLARECHAT_E2E_API_KEY="$key" \
        run_child timeout -k 5 150 node --test --test-concurrency=1 \
        --test-reporter=spec --test-reporter-destination=stdout \
        --test-reporter=tap --test-reporter-destination="$tmp/anthropic.tap" \
        "$here/anthropic_sdk.test.mjs"
    rc=$?
    [ "$rc" -eq 124 ] && fail "node --test (anthropic) timed out after 150 s"
    tap_counts "$tmp/anthropic.tap" "anthropic SDK tests"
    [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ] && fail "node --test (anthropic) exited with status $rc"
fi

# --- the official OpenAI SDK's Responses API ------------------------------------------------
if [ "$suite" = responses ] || [ "$suite" = all ]; then
    log "openai SDK $(node -p 'require(process.argv[1]).version' "$here/node_modules/openai/package.json") (responses), node $(node --version)"
    FLARECHAT_E2E_BASE_URL="$base/v1" FLARECHAT_E2E_API_KEY="$key" \
        run_child timeout -k 5 150 node --test --test-concurrency=1 \
        --test-reporter=spec --test-reporter-destination=stdout \
        --test-reporter=tap --test-reporter-destination="$tmp/responses.tap" \
        "$here/responses_sdk.test.mjs"
    rc=$?
    [ "$rc" -eq 124 ] && fail "node --test (responses) timed out after 150 s"
    tap_counts "$tmp/responses.tap" "openai SDK responses tests"
    [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ] && fail "node --test (responses) exited with status $rc"
fi

# --- curl ----------------------------------------------------------------------------------
if [ "$suite" = curl ] || [ "$suite" = all ]; then
    command -v curl >/dev/null || { fail "curl not found"; finish; }
    run_child timeout -k 5 120 "$here/curl_checks.sh" "$base" "$key" >"$tmp/curl.tap" 2>&1
    cat "$tmp/curl.tap"
    tap_counts "$tmp/curl.tap" "curl checks"
fi

# --- shutdown --------------------------------------------------------------------------------
if [ "$suite" = sdk ] || [ "$suite" = anthropic ] || [ "$suite" = responses ]; then
    stop_server_checked TERM
else
    # SIGINT while a stream is open: the server finishes or cancels it and exits 0; the client's
    # stream ends (complete, or cut) instead of hanging.
    words="$(printf 'word%d ' $(seq 1 200))"
    curl -sS -N --max-time 20 -H "Authorization: Bearer $key" -H "Content-Type: application/json" \
        -d "{\"model\":\"gemma-3\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"$words\"}]}" \
        "$base/v1/chat/completions" >"$tmp/open-stream.txt" 2>"$tmp/open-stream.err" &
    stream_pid=$!
    bg_pids+=("$stream_pid")
    if wait_for "$tmp/open-stream.txt" '"content":"' 10 "$stream_pid"; then
        stop_server_checked INT
        ended=0
        for ((i = 0; i < 200; i++)); do
            kill -0 "$stream_pid" 2>/dev/null || { ended=1; break; }
            sleep 0.05
        done
        if [ "$ended" = 1 ]; then
            wait "$stream_pid"
            how="cut (curl status $?)"
            tail -c 20 "$tmp/open-stream.txt" | grep -q 'data: \[DONE\]' && how="finished with [DONE]"
            pass "a stream open at SIGINT ends within 10 s: $how"
        else
            fail "a stream open at SIGINT was still open 10 s after the server exited"
        fi
    else
        fail "the stream for the shutdown check did not start"
        stop_server_checked INT
    fi
fi

finish
