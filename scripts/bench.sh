#!/usr/bin/env bash
# Builds the "bench" preset (Release) and runs every benchmark in bench/, printing medians.
#   scripts/bench.sh                         10 repetitions of everything
#   REPS=20 scripts/bench.sh                 more repetitions
#   scripts/bench.sh --benchmark_filter=Sse  extra arguments go to every benchmark executable
#   FULL=1 scripts/bench.sh                  build the whole preset (tests too), not only bench/
# Results: build/bench/results/<bench>-<UTC time>.json (Google Benchmark JSON, aggregates only)
# and build/bench/results/<bench>.json, a copy of the latest run.
# Timings on a shared machine are noisy: compare rows of one run side by side, quote medians.
# Repetitions are randomly interleaved across benchmarks, so a burst of load from another
# process spreads over every row instead of skewing the one that happened to run then.
set -euo pipefail
cd "$(dirname "$0")/.."
reps="${REPS:-10}"

cmake --preset bench >/dev/null
benches=()
for src in bench/bench_*.cpp; do
    benches+=("$(basename "$src" .cpp)")
done
if [ "${FULL:-0}" = 1 ]; then
    cmake --build --preset bench
else
    cmake --build --preset bench --target "${benches[@]}"
fi

results=build/bench/results
mkdir -p "$results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
echo "== $(date -u '+%F %T UTC'), $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)," \
     "load $(cut -d' ' -f1-3 /proc/loadavg), repetitions $reps"
for b in "${benches[@]}"; do
    out="$results/$b-$stamp.json"
    "build/bench/bench/$b" \
        --benchmark_repetitions="$reps" \
        --benchmark_report_aggregates_only=true \
        --benchmark_enable_random_interleaving=true \
        --benchmark_out="$out" --benchmark_out_format=json \
        "$@" >/dev/null
    cp "$out" "$results/$b.json"
    echo "== $b (medians of $reps repetitions; CPU time; cv = stddev/mean of CPU time) -> $out"
    jq -r '
        def fmt: if . >= 1e9 then "\(. / 1e9 * 100 | round / 100) G"
                 elif . >= 1e6 then "\(. / 1e6 * 100 | round / 100) M"
                 elif . >= 1e3 then "\(. / 1e3 * 100 | round / 100) k"
                 else "\(. * 100 | round / 100) " end;
        (.benchmarks | map(select(.aggregate_name == "cv")) | map({key: .run_name, value: .cpu_time}) | from_entries) as $cv
        | .benchmarks | map(select(.aggregate_name == "median"))
        | sort_by(.family_index, .per_family_instance_index) | .[]
        | (.cpu_time * ({"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[.time_unit])) as $ns
        | [.run_name,
           (if $ns >= 1e6 then "\($ns / 1e6 * 1000 | round / 1000) ms"
            elif $ns >= 1e3 then "\($ns / 1e3 * 1000 | round / 1000) us"
            else "\($ns * 10 | round / 10) ns" end),
           (if .bytes_per_second then "\(.bytes_per_second | fmt)B/s" else "" end),
           (if .["events/s"] then "\(.["events/s"] | fmt)events/s" else "" end),
           "cv \(($cv[.run_name] // 0) * 1000 | round / 10)%"]
        | @tsv' "$out" | column -t -s $'\t'
done
