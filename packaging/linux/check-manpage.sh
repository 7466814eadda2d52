#!/usr/bin/env bash
# Checks that the man page and the --help texts name the same options.
#   packaging/linux/check-manpage.sh FLARECHAT_BINARY MANPAGE
# Runs `flarechat --help`, then `--help` of every command listed under "Commands:", and of every
# subcommand a command's usage names (`flarechat key new --help`...), collects each --option
# those texts define, and compares them with the --options the man page's source mentions
# (written \-\-name in roff). Exit 0 when both sets are equal; 1, listing the differences, when
# an option is missing from the man page or the man page has one that no --help lists; 2 on a
# usage error or when a --help fails. So the page names no other program's long options.
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 FLARECHAT_BINARY MANPAGE" >&2
    exit 2
fi
bin="$1"
page="$2"
[ -x "$bin" ] || { echo "check-manpage: $bin is not an executable" >&2; exit 2; }
[ -r "$page" ] || { echo "check-manpage: cannot read $page" >&2; exit 2; }

# --help needs no display, but Qt is told anyway; English, whatever the system's language.
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" FLARECHAT_LANG=en LC_ALL=C.UTF-8

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

help_of() { # help_of NAME ARGS... : the --help text of `flarechat ARGS... --help` into $work/NAME
    local name="$1"
    shift
    local limit=()
    if command -v timeout >/dev/null; then limit=(timeout 30); fi
    if ! "${limit[@]}" "$bin" "$@" --help >"$work/$name" 2>"$work/$name.err"; then
        echo "check-manpage: '$bin $* --help' failed: $(cat "$work/$name.err")" >&2
        exit 2
    fi
}

# The option lines of a help text's "Options:" section: "  -m, --model <model>  ..." -> model.
options_of() {
    awk '/^Options:/ { on = 1; next } /^[^ ]/ { on = 0 } on' "$1" |
        grep -oE '^ +(-[A-Za-z0-9?], )?--[A-Za-z0-9][A-Za-z0-9-]*' | sed -E 's/.*--//' || true
}

help_of top
commands="$(awk '/^Commands:/ { on = 1; next } /^[^ ]/ { on = 0 } on && NF { print $1 }' "$work/top")"
[ -n "$commands" ] || { echo "check-manpage: 'flarechat --help' lists no commands" >&2; exit 2; }
texts=(top)
for c in $commands; do
    help_of "$c" "$c"
    texts+=("$c")
    if ! grep -q '^Options:' "$work/$c"; then
        # A command of subcommands (key): its usage lines name them, "flarechat key new ...".
        subs="$(grep -oE "flarechat $c [a-z][a-z-]*" "$work/$c" | awk '{ print $3 }' | sort -u)"
        [ -n "$subs" ] || { echo "check-manpage: 'flarechat $c --help' lists neither options nor subcommands" >&2; exit 2; }
        for s in $subs; do
            help_of "$c-$s" "$c" "$s"
            texts+=("$c-$s")
        done
    fi
done

for t in "${texts[@]}"; do options_of "$work/$t"; done | sort -u >"$work/help-options"
# The man page's: every \-\-name in the source (roff escapes each hyphen as \-).
grep -oE '\\-\\-[A-Za-z0-9]([A-Za-z0-9]|\\-)*' "$page" | sed -e 's/\\-/-/g' -e 's/^--//' | sort -u >"$work/man-options"

missing="$(comm -23 "$work/help-options" "$work/man-options")"
extra="$(comm -13 "$work/help-options" "$work/man-options")"
status=0
if [ -n "$missing" ]; then
    echo "check-manpage: options in a --help but not in $page:"
    awk '{ print "  --" $0 }' <<<"$missing"
    status=1
fi
if [ -n "$extra" ]; then
    echo "check-manpage: options in $page that no --help lists:"
    awk '{ print "  --" $0 }' <<<"$extra"
    status=1
fi
if [ "$status" -eq 0 ]; then
    echo "check-manpage: $(wc -l <"$work/help-options") options in ${#texts[@]} --help texts, all in $page and no other"
fi
exit "$status"
