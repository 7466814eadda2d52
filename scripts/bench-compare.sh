#!/usr/bin/env bash
# Runs two builds' bench_core side by side, alternating, and prints each benchmark's median CPU
# time for both and the ratio new / old. For "no row slower than before" checks after a change:
#   git worktree add ../old <commit> && (cd ../old && cmake --preset bench && cmake --build --preset bench --target bench_core)
#   cmake --build --preset bench --target bench_core
#   scripts/bench-compare.sh ../old/build/bench/bench/bench_core build/bench/bench/bench_core
# ROUNDS (default 5) alternations of REPS (default 5) repetitions each; the median is over all
# ROUNDS x REPS repetitions of a row. Extra arguments go to both binaries (e.g. --benchmark_filter=).
set -euo pipefail
old="$1"; new="$2"; shift 2
rounds="${ROUNDS:-5}"; reps="${REPS:-5}"
out="$(mktemp -d)"
for ((i = 1; i <= rounds; ++i)); do
    for side in old new; do
        bin="$old"; [ "$side" = new ] && bin="$new"
        "$bin" --benchmark_repetitions="$reps" --benchmark_enable_random_interleaving=true \
            --benchmark_out="$out/$side-$i.json" --benchmark_out_format=json "$@" >/dev/null
    done
done
echo "== $(date -u '+%F %T UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $rounds rounds x $reps repetitions, alternating"
jq -rs --arg rounds "$rounds" '
    def times(side): [ .[] | select(.side == side) | .benchmarks[] | select(.run_type == "iteration")
        | {name: .run_name, ns: (.cpu_time * ({"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[.time_unit]))} ];
    def median: sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
    def fmt: if . >= 1e6 then "\(. / 1e6 * 1000 | round / 1000) ms" elif . >= 1e3 then "\(. / 1e3 * 100 | round / 100) us" else "\(. * 10 | round / 10) ns" end;
    (times("old") | group_by(.name) | map({key: .[0].name, value: (map(.ns) | median)}) | from_entries) as $old
    | (times("new") | group_by(.name) | map({key: .[0].name, value: (map(.ns) | median)}) | from_entries) as $new
    | ["benchmark", "old", "new", "new/old"], (($old | keys_unsorted)[] as $k
    | [$k, ($old[$k] | fmt), ($new[$k] // 0 | fmt), (if $new[$k] then ($new[$k] / $old[$k] * 1000 | round / 1000 | tostring) else "-" end)])
    | @tsv' <(for f in "$out"/old-*.json; do jq '. + {side: "old"}' "$f"; done; for f in "$out"/new-*.json; do jq '. + {side: "new"}' "$f"; done) | column -t -s $'\t'
echo "(raw results: $out)"
