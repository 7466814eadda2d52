#!/usr/bin/env bash
# Formats every C++ file in the repository with the pinned clang-format (.clang-format at the root).
#   scripts/format.sh          rewrite the files that are not formatted
#   scripts/format.sh --check  change nothing; list the files that are not formatted and fail (CI)
# The version is pinned because clang-format's output differs between releases: 14 is what Debian 12
# ships and what Ubuntu 24.04 packages as clang-format-14 (scripts/install-deps.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
FORMAT="${CLANG_FORMAT:-clang-format-14}"
if ! command -v "$FORMAT" >/dev/null; then
    scripts/install-deps.sh
fi
mapfile -t files < <(git ls-files '*.cpp' '*.h')
if [ "${1:-}" = "--check" ]; then
    bad=()
    for f in "${files[@]}"; do
        if ! "$FORMAT" --dry-run -Werror "$f" >/dev/null 2>&1; then
            bad+=("$f")
        fi
    done
    if ((${#bad[@]})); then
        echo "Not formatted with $("$FORMAT" --version) (run scripts/format.sh):" >&2
        printf '  %s\n' "${bad[@]}" >&2
        exit 1
    fi
    echo "All ${#files[@]} C++ files are formatted."
else
    "$FORMAT" -i "${files[@]}"
fi
