#!/usr/bin/env bash
# Raw HTTP checks of `flarechat serve` with curl: the SSE wire format, CORS preflight, the
# access checks and the HTTP-level errors in OpenAI's shape. Run by run_e2e.sh:
#   curl_checks.sh http://127.0.0.1:PORT KEY
# Prints TAP ("ok N - ...", "not ok N - ...") and "# pass N" / "# fail N"; exits 1 on a failure.
# JSON is checked with node (the e2e tests need it anyway). Every curl call is time-bounded.
set -uo pipefail

base="${1:?usage: curl_checks.sh BASE_URL KEY}"
key="${2:?usage: curl_checks.sh BASE_URL KEY}"
hostport="${base#http://}"
port="${hostport##*:}"
work="$(mktemp -d "${TMPDIR:-/tmp}/flarechat-curl.XXXXXX")"
trap 'rm -rf "$work"' EXIT

pass=0
fail=0
n=0
H="$work/headers"
B="$work/body"
code=""

# req [curl args...] URL — fills $H, $B and $code.
req() {
    : >"$H"
    : >"$B"
    code="$(curl -sS --max-time 10 -D "$H" -o "$B" -w '%{http_code}' "$@" 2>"$work/curl.err")" || {
        echo "# curl failed: $(cat "$work/curl.err")"
        code="000"
    }
}
# hdr NAME — the value of the last header NAME of the last response (CR and outer spaces trimmed).
hdr() {
    grep -i "^$1:" "$H" | tail -1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//; s/ *$//'
}
# fail_because MESSAGE — prints diagnostics, returns 1.
fail_because() {
    echo "#   $1"
    echo "#   status: $code"
    sed 's/^/#   < /' "$H" | tr -d '\r' | head -20
    head -c 1500 "$B" | sed 's/^/#   | /'
    echo
    return 1
}
expect_status() {
    local want
    for want in "$@"; do
        [ "$code" = "$want" ] && return 0
    done
    fail_because "expected status $*"
}
# expect_error_shape [TYPE] [CODE] — the body is {"error":{"message":str,"type":str,"param":..,"code":..}}.
expect_error_shape() {
    local out
    out="$(node -e '
        const fs = require("fs");
        const [file, type, code] = process.argv.slice(1);
        let d;
        try { d = JSON.parse(fs.readFileSync(file, "utf8")); } catch (e) { console.log("body is not JSON: " + e.message); process.exit(1); }
        const e = d && d.error;
        const bad = [];
        if (!e || typeof e !== "object") bad.push("no error object");
        else {
            if (typeof e.message !== "string" || !e.message) bad.push("error.message not a non-empty string");
            if (typeof e.type !== "string") bad.push("error.type not a string");
            if (!("param" in e)) bad.push("error.param missing");
            if (!("code" in e)) bad.push("error.code missing");
            if (type && e.type !== type) bad.push(`error.type ${JSON.stringify(e.type)} != ${type}`);
            if (code && e.code !== code) bad.push(`error.code ${JSON.stringify(e.code)} != ${code}`);
        }
        if (bad.length) { console.log(bad.join("; ")); process.exit(1); }
    ' "$B" "${1:-}" "${2:-}")" || fail_because "OpenAI error shape: $out"
}
expect_header_matches() { # NAME REGEX (case-insensitive)
    local v
    v="$(hdr "$1")"
    printf '%s' "$v" | grep -Eqi -- "$2" || fail_because "header $1 '$v' does not match /$2/"
}

check() { # DESCRIPTION FUNCTION
    n=$((n + 1))
    if "$2"; then
        pass=$((pass + 1))
        echo "ok $n - $1"
    else
        fail=$((fail + 1))
        echo "not ok $n - $1"
    fi
}

auth=(-H "Authorization: Bearer $key")
json=(-H "Content-Type: application/json")

# --- SSE -----------------------------------------------------------------------------------
sse_format() {
    req -N "${auth[@]}" "${json[@]}" \
        -d '{"model":"gemma-3","stream":true,"messages":[{"role":"user","content":"raw server sent events"}]}' \
        "$base/v1/chat/completions"
    expect_status 200 || return 1
    expect_header_matches Content-Type '^text/event-stream' || return 1
    local out
    out="$(node -e '
        const body = require("fs").readFileSync(process.argv[1], "utf8");
        const bad = [];
        if (body.includes("\r")) bad.push("CR in the stream (OpenAI uses LF only)");
        if (!body.endsWith("data: [DONE]\n\n")) bad.push("does not end with data: [DONE] and a blank line: " + JSON.stringify(body.slice(-40)));
        const events = body.split("\n\n");
        if (events.pop() !== "") bad.push("trailing data after the last blank line");
        let done = 0, chunks = 0, content = "", finishes = 0, first = null;
        for (const ev of events) {
            const lines = ev.split("\n");
            for (const line of lines) {
                if (line.startsWith(":")) continue; // comment (keep-alive)
                if (!line.startsWith("data: ")) { bad.push("line is not \"data: ...\": " + JSON.stringify(line)); continue; }
                const payload = line.slice(6);
                if (payload === "[DONE]") { done++; continue; }
                if (done) bad.push("data after [DONE]");
                let c;
                try { c = JSON.parse(payload); } catch (e) { bad.push("not JSON: " + payload); continue; }
                if (lines.length !== 1) bad.push("an event with several data lines");
                chunks++;
                first ??= c;
                if (c.object !== "chat.completion.chunk") bad.push("object " + c.object);
                if (!/^chatcmpl-/.test(c.id)) bad.push("id " + c.id);
                if (c.id !== first.id) bad.push("id changes");
                for (const ch of c.choices || []) {
                    content += ch.delta?.content ?? "";
                    if (ch.finish_reason) finishes++;
                }
            }
        }
        if (done !== 1) bad.push(`${done} [DONE] events`);
        if (chunks < 3) bad.push(`only ${chunks} chunks`);
        if (first && first.choices[0]?.delta?.role !== "assistant") bad.push("first chunk has no assistant role");
        if (finishes !== 1) bad.push(`${finishes} finish_reason chunks`);
        if (content !== "You said: raw server sent events") bad.push("content " + JSON.stringify(content));
        if (bad.length) { console.log(bad.join("; ")); process.exit(1); }
    ' "$B")" || fail_because "SSE format: $out"
}
check "SSE: text/event-stream, 'data: {json}' events separated by blank lines, ends with data: [DONE]" sse_format

sse_legacy_completions() {
    req -N "${auth[@]}" "${json[@]}" -d '{"model":"llama-3.3-70b","stream":true,"prompt":"legacy stream"}' \
        "$base/v1/completions"
    expect_status 200 || return 1
    expect_header_matches Content-Type '^text/event-stream' || return 1
    tail -c 14 "$B" | grep -q '^data: \[DONE\]$' || fail_because "no final data: [DONE]"
}
check "SSE: /v1/completions streams and ends with data: [DONE]" sse_legacy_completions

stream_error_is_http_error() {
    req -N "${auth[@]}" "${json[@]}" \
        -d '{"model":"no-such-model","stream":true,"messages":[{"role":"user","content":"x"}]}' "$base/v1/chat/completions"
    expect_status 404 || return 1
    expect_header_matches Content-Type '^application/json' || return 1
    expect_error_shape invalid_request_error model_not_found
}
check "SSE: an error before the first byte is an HTTP error in JSON, not a stream" stream_error_is_http_error

nonstream_json() {
    req "${auth[@]}" "${json[@]}" -d '{"model":"gemma-3","messages":[{"role":"user","content":"plain json"}]}' \
        "$base/v1/chat/completions"
    expect_status 200 || return 1
    expect_header_matches Content-Type '^application/json'
}
check "non-streaming reply is application/json" nonstream_json

# --- CORS ----------------------------------------------------------------------------------
cors_preflight() {
    req -X OPTIONS -H "Origin: http://example.com" -H "Access-Control-Request-Method: POST" \
        -H "Access-Control-Request-Headers: authorization,content-type" "$base/v1/chat/completions"
    expect_status 204 200 || return 1
    [ -n "$(hdr Access-Control-Allow-Origin)" ] || fail_because "no Access-Control-Allow-Origin" || return 1
    expect_header_matches Access-Control-Allow-Origin '^(\*|http://example\.com)$' || return 1
    expect_header_matches Access-Control-Allow-Headers 'authorization' || return 1
    expect_header_matches Access-Control-Allow-Headers 'content-type' || return 1
    expect_header_matches Access-Control-Allow-Methods 'POST' || return 1
    expect_header_matches Access-Control-Max-Age '^[0-9]+$'
}
check "CORS preflight: 204/200 with Allow-Origin, Allow-Headers (authorization, content-type), Allow-Methods, Max-Age" cors_preflight

cors_preflight_without_key() {
    # Browsers never send credentials on a preflight: it must not need a key.
    req -X OPTIONS -H "Origin: http://example.com" -H "Access-Control-Request-Method: GET" "$base/v1/models"
    expect_status 204 200
}
check "CORS preflight needs no key" cors_preflight_without_key

cors_private_network() {
    req -X OPTIONS -H "Origin: https://app.example.com" -H "Access-Control-Request-Method: POST" \
        -H "Access-Control-Request-Headers: authorization" -H "Access-Control-Request-Private-Network: true" \
        "$base/v1/chat/completions"
    expect_status 204 200 || return 1
    expect_header_matches Access-Control-Allow-Private-Network '^true$'
}
check "CORS preflight: Access-Control-Allow-Private-Network when asked" cors_private_network

cors_actual_request() {
    req "${auth[@]}" -H "Origin: http://example.com" "$base/v1/models"
    expect_status 200 || return 1
    expect_header_matches Access-Control-Allow-Origin '^(\*|http://example\.com)$'
}
check "CORS: an actual request with Origin gets Access-Control-Allow-Origin" cors_actual_request

cors_on_error() {
    # A browser can only read an error (401) when it carries CORS headers too.
    req -H "Origin: http://example.com" "$base/v1/models"
    expect_status 401 || return 1
    expect_header_matches Access-Control-Allow-Origin '^(\*|http://example\.com)$'
}
check "CORS: a 401 carries Access-Control-Allow-Origin as well" cors_on_error

# --- who may call --------------------------------------------------------------------------
no_key_401() {
    req "${json[@]}" -d '{"model":"gemma-3","messages":[{"role":"user","content":"x"}]}' "$base/v1/chat/completions"
    expect_status 401 || return 1
    expect_error_shape invalid_request_error invalid_api_key
}
check "no key: 401 invalid_api_key in OpenAI's shape" no_key_401

wrong_key_401() {
    req -H "Authorization: Bearer sk-flarechat-not-the-key" "$base/v1/models"
    expect_status 401 || return 1
    expect_error_shape invalid_request_error invalid_api_key || return 1
    ! grep -q 'sk-flarechat-not-the-key' "$B" || fail_because "the wrong key is echoed back"
}
check "wrong key: 401 invalid_api_key, key not echoed" wrong_key_401

bad_host_403() {
    req "${auth[@]}" -H "Host: evil.example.com" "$base/v1/models"
    expect_status 403 || return 1
    expect_error_shape
}
check "Host: evil.example.com (DNS rebinding): 403 in OpenAI's shape" bad_host_403

bad_host_with_port_403() {
    req "${auth[@]}" -H "Host: attacker.test:$port" "$base/v1/models"
    expect_status 403
}
check "Host: attacker.test:PORT: 403" bad_host_with_port_403

good_hosts() {
    local h
    for h in "localhost:$port" "127.0.0.1:$port" "localhost" "[::1]:$port"; do
        req "${auth[@]}" -H "Host: $h" "$base/v1/models"
        expect_status 200 || { echo "#   Host: $h"; return 1; }
    done
}
check "Host: localhost / 127.0.0.1 / [::1] (with and without port): allowed" good_hosts

health_open() {
    req "$base/health"
    expect_status 200 || return 1
    expect_header_matches Content-Type '^application/json' || return 1
    grep -q '"status"' "$B" || fail_because "no status in /health" || return 1
    ! grep -q "$key" "$B" || fail_because "/health shows the key" || return 1
    ! grep -q 'fake-token-for-tests' "$B" || fail_because "/health shows the Cloudflare token"
}
check "GET /health answers without a key and shows no secret" health_open

# --- HTTP-level errors ---------------------------------------------------------------------
unknown_path_404() {
    req "${auth[@]}" "$base/v1/no-such-endpoint"
    expect_status 404 || return 1
    expect_error_shape
}
check "unknown path: 404 in OpenAI's shape" unknown_path_404

wrong_method_405() {
    req "${auth[@]}" "$base/v1/chat/completions"
    expect_status 405 || return 1
    expect_header_matches Allow 'POST' || return 1
    expect_error_shape
}
check "GET /v1/chat/completions: 405 with Allow: POST, OpenAI's shape" wrong_method_405

wrong_method_models_405() {
    req "${auth[@]}" "${json[@]}" -d '{}' "$base/v1/models"
    expect_status 405 || return 1
    expect_header_matches Allow 'GET'
}
check "POST /v1/models: 405 with Allow: GET" wrong_method_models_405

invalid_json_400() {
    req "${auth[@]}" "${json[@]}" -d '{"model": "gemma-3", "messages": [' "$base/v1/chat/completions"
    expect_status 400 || return 1
    expect_error_shape invalid_request_error
}
check "invalid JSON: 400 invalid_request_error" invalid_json_400

json_not_object_400() {
    req "${auth[@]}" "${json[@]}" -d '[1,2,3]' "$base/v1/chat/completions"
    expect_status 400 || return 1
    expect_error_shape invalid_request_error
}
check "JSON that is not an object: 400" json_not_object_400

temperature_400() {
    req "${auth[@]}" "${json[@]}" -d '{"model":"gemma-3","temperature":9,"messages":[{"role":"user","content":"x"}]}' \
        "$base/v1/chat/completions"
    expect_status 400 || return 1
    expect_error_shape invalid_request_error || return 1
    grep -q '"param":"temperature"' "$B" || fail_because "param is not temperature"
}
check "temperature 9: 400 with param temperature" temperature_400

# --- connection handling -------------------------------------------------------------------
keep_alive() {
    # curl reuses one connection for two URLs when the server keeps it alive.
    local log="$work/keepalive.log"
    curl -sS --max-time 10 -v "${auth[@]}" -o /dev/null "$base/v1/models" -o /dev/null "$base/v1/models/gemma-3" 2>"$log"
    code=$?
    [ "$code" = 0 ] || { echo "#   curl exit $code"; sed 's/^/#   /' "$log" | tail -20; return 1; }
    grep -qi 're-using existing connection\|reusing existing connection' "$log" || {
        echo "#   connection not reused"
        grep -i 'connect\|connection' "$log" | sed 's/^/#   /'
        return 1
    }
}
check "keep-alive: two requests on one connection" keep_alive

head_or_options_models() {
    req -I "${auth[@]}" "$base/health"
    expect_status 200 405 || return 1
}
check "HEAD /health answers (200 or 405), no hang" head_or_options_models

echo "# pass $pass"
echo "# fail $fail"
[ "$fail" = 0 ]
