#!/usr/bin/env bash
# Proves the .deb on a clean Debian 12 system where nothing was installed by hand:
#   1. builds the packages (scripts/package.sh) and the test fake Workers AI (preset ci);
#   2. makes a minimal Debian 12 root with debootstrap --variant=minbase (cached in
#      $FLARECHAT_ROOT_CACHE, default /var/cache/flarechat-package-test) and works in a copy;
#   3. there: apt-get install ./flarechat_*.deb pulls every dependency from the archive;
#      flarechat --version prints the package's version; flarechat models lists models;
#      flarechat serve answers /health and a chat completion against the fake (which runs from
#      the build tree outside the root, on loopback: a chroot shares the network);
#      the window paints its first frame on the offscreen platform (FLARECHAT_STARTUP_PROBE);
#      the installed unit file passes systemd-analyze verify (on the host, against the root);
#   4. dpkg -r flarechat leaves no file of the package behind.
# The .rpm cannot be proven the same way here (no rpm-based archive is reachable); it is checked
# for its file list and requirements. Needs root (debootstrap, chroot). Exit 0 when all passed.
set -euo pipefail
cd "$(dirname "$0")/.."
src="$PWD"
cache="${FLARECHAT_ROOT_CACHE:-/var/cache/flarechat-package-test}"
mirror="${FLARECHAT_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
version="$(sed -n 's/^project(FlareChat VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)"

step() { printf '\n== %s\n' "$*"; }
fail() {
    printf 'package-test: FAILED: %s\n' "$*" >&2
    exit 1
}
[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap and chroot)"

step "packages"
mapfile -t built < <(scripts/package.sh | grep -E '\.(deb|rpm|tar\.gz)$')
deb="$(printf '%s\n' "${built[@]}" | grep '\.deb$' | head -1)"
rpm="$(printf '%s\n' "${built[@]}" | grep '\.rpm$' | head -1)"
tgz="$(printf '%s\n' "${built[@]}" | grep '\.tar\.gz$' | head -1)"
[ -f "$deb" ] && [ -f "$rpm" ] && [ -f "$tgz" ] || fail "scripts/package.sh did not build all three packages"
printf '%s\n' "${built[@]}"

step "lintian"
# Errors fail; the warnings left are explained in packaging/README.md.
lintian --fail-on error --suppress-tags-from-file packaging/linux/lintian-suppressed "$deb"

step "the fake Workers AI (preset ci)"
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake --preset ci >/dev/null
cmake --build --preset ci --target fake-workers-ai >/dev/null
fake_bin="$src/build/ci/tests/fake-workers-ai"

step "a clean Debian 12 root"
base="$cache/bookworm-minbase"
if [ ! -x "$base/usr/bin/apt-get" ]; then
    mkdir -p "$cache"
    rm -rf "$base.tmp"
    debootstrap --variant=minbase bookworm "$base.tmp" "$mirror"
    mv "$base.tmp" "$base"
fi
work="$(mktemp -d /tmp/flarechat-root.XXXXXX)"
root="$work/root"
fake_pid=""
serve_pid=""
cleanup() {
    [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null || true
    [ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null || true
    for m in dev/pts dev proc sys; do umount -l "$root/$m" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
cp -a "$base" "$root"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount -t sysfs sys "$root/sys"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

step "apt-get install ./$(basename "$deb")"
cp "$deb" "$root/tmp/"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "/tmp/$(basename "$deb")" >/dev/null
in_root dpkg-query -W -f='${Package} ${Version} ${Status}\n' flarechat
mapfile -t files < <(in_root dpkg -L flarechat)

step "flarechat --version / --help, headless"
got="$(in_root flarechat --version)"
echo "$got"
[ "$got" = "FlareChat $version" ] || fail "--version says '$got', the package is $version"
in_root flarechat --help | grep -q serve || fail "--help does not list serve"
in_root test -f /usr/share/flarechat/translations/flarechat_zh_CN.qm || fail "the translations are not installed"
in_root man -w flarechat >/dev/null 2>&1 || in_root test -f /usr/share/man/man1/flarechat.1.gz || fail "no man page"

step "flarechat models"
in_root flarechat models --no-keychain | tee "$work/models.txt" | head -5
grep -q "llama-3.3-70b" "$work/models.txt" || fail "flarechat models does not list llama-3.3-70b"

step "flarechat serve against the fake Workers AI"
"$fake_bin" --port 0 >"$work/fake.out" 2>"$work/fake.err" &
fake_pid=$!
for _ in $(seq 100); do grep -q '^TOKEN ' "$work/fake.out" 2>/dev/null && break; sleep 0.1; done
fake_port="$(sed -n 's/^PORT //p' "$work/fake.out")"
[ -n "$fake_port" ] || fail "the fake did not start: $(cat "$work/fake.err")"
fake_base="http://127.0.0.1:$fake_port/client/v4"
fake_account="$(sed -n 's/^ACCOUNT //p' "$work/fake.out")"
fake_token="$(sed -n 's/^TOKEN //p' "$work/fake.out")"
port=$((20000 + RANDOM % 20000))
# exec: $! must be serve itself (chroot and env exec it), not a subshell that would take the signal.
(exec chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
    CLOUDFLARE_ACCOUNT_ID="$fake_account" CLOUDFLARE_API_TOKEN="$fake_token" \
    flarechat serve --no-keychain --api-base "$fake_base" --port "$port" --no-auth \
    --settings /tmp/serve.ini --log-file /tmp/requests.log >"$work/serve.out" 2>&1) &
serve_pid=$!
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "http://127.0.0.1:$port/health" || fail "serve did not answer /health: $(cat "$work/serve.out")"
echo
reply="$(curl -fsS "http://127.0.0.1:$port/v1/chat/completions" -H 'Content-Type: application/json' \
    -d '{"model":"llama-3.3-70b","messages":[{"role":"user","content":"hello from the package test"}]}')"
echo "$reply" | head -c 400
echo
echo "$reply" | grep -q 'You said: hello from the package test' || fail "the chat completion did not come back"
kill -TERM "$serve_pid"
wait "$serve_pid" || fail "serve did not stop cleanly on SIGTERM: $(cat "$work/serve.out")"
grep -q 'shutting down' "$work/serve.out" || fail "serve did not say it was shutting down"
serve_pid=""

step "the window paints its first frame (offscreen)"
in_root install -d -m 0700 /tmp/runtime /tmp/home
probe="$(in_root env QT_QPA_PLATFORM=offscreen FLARECHAT_STARTUP_PROBE=exit XDG_RUNTIME_DIR=/tmp/runtime HOME=/tmp/home \
    timeout 60 flarechat --settings /tmp/window.ini --database /tmp/window.sqlite 2>"$work/window.err" || true)"
echo "$probe"
[[ "$probe" == *FLARECHAT_FIRST_FRAME* ]] || fail "no first frame: $(cat "$work/window.err")"

step "the system service's unit"
unit="$root/usr/lib/systemd/system/flarechat-serve.service"
[ -f "$unit" ] || unit="$root/lib/systemd/system/flarechat-serve.service"
[ -f "$unit" ] || fail "the unit file is not installed"
if command -v systemd-analyze >/dev/null; then
    systemd-analyze verify --man=no --root="$root" "$unit" 2>&1 | tee "$work/verify.txt" || true
    ! grep -qiE 'error|failed|unknown' "$work/verify.txt" || fail "systemd-analyze verify complained"
fi

step "dpkg -r flarechat"
in_root dpkg -r flarechat >/dev/null
left=()
for f in "${files[@]}"; do
    [ "$f" = /. ] && continue
    if [ -e "$root$f" ] && [ ! -d "$root$f" ]; then left+=("$f"); fi
    case "$f" in /usr/share/flarechat* | /usr/share/doc/flarechat*) [ -e "$root$f" ] && left+=("$f") ;; esac
done
((${#left[@]} == 0)) || fail "left behind after dpkg -r: ${left[*]}"
echo "no file of the package is left"

step "the .rpm and the .tgz (file lists)"
rpm -qpl "$rpm" >"$work/rpm.txt"
tar -tzf "$tgz" | sed 's|^[^/]*/|/|' >"$work/tgz.txt"
for f in /usr/bin/flarechat /usr/share/applications/io.github.flarechat.FlareChat.desktop \
    /usr/share/metainfo/io.github.flarechat.FlareChat.metainfo.xml /usr/share/man/man1/flarechat.1.gz \
    /usr/share/flarechat/translations/flarechat_zh_CN.qm /usr/lib/systemd/system/flarechat-serve.service; do
    grep -qx "$f" "$work/rpm.txt" || fail "the .rpm lacks $f"
    grep -qx "$f" "$work/tgz.txt" || fail "the .tgz lacks $f"
done
! grep -v '^/usr/' "$work/rpm.txt" | grep -q . || fail "the .rpm has files outside /usr"
rpm -qp --requires "$rpm" | grep -q 'libQt6Widgets' || fail "the .rpm does not require Qt's libraries"
echo ".rpm and .tgz hold the same files under /usr; the .rpm requires $(rpm -qp --requires "$rpm" | grep -c .) capabilities"

printf '\npackage-test: all passed (%s)\n' "$(basename "$deb")"
