#!/usr/bin/env bash
# Installs what FlareChat needs to build, test and run on Debian 12 / Ubuntu 24.04.
#   scripts/install-deps.sh            building, testing, running
#   scripts/install-deps.sh packaging  also building and proving the packages (scripts/package*.sh)
# Only packages that are missing are installed; sudo is used when not root.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config ccache
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-svg-dev qtkeychain-qt6-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n libgl-dev
    libbenchmark-dev clang libclang-rt-dev clang-format-14
    dbus dbus-x11 gnome-keyring xvfb xauth curl openssl
    # Chinese glyphs in the screenshots the window tests take (docs/screenshots/)
    fonts-wqy-microhei
    # the tests of packaging/: the desktop file, the AppStream metainfo, the man page
    desktop-file-utils appstream groff-base binutils
)
if [ "${1:-}" = packaging ]; then
    packages+=(dpkg-dev fakeroot file rpm lintian debootstrap)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if ((${#missing[@]})); then
    echo "Installing: ${missing[*]}"
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
