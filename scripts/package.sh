#!/usr/bin/env bash
# Builds FlareChat's Linux packages into dist/: flarechat_<version>_<arch>.deb,
# flarechat-<version>-1.<arch>.rpm and flarechat-<version>-Linux.tar.gz (the same install tree,
# prefix /usr). Prints their names. See packaging/README.md; scripts/package-test.sh proves them.
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
scripts/install-deps.sh packaging
cmake --preset package >/dev/null
cmake --build --preset package
rm -rf dist/_CPack_Packages
(cd build/package && cpack -C Release)
rm -rf dist/_CPack_Packages
ls -1 dist/flarechat[_-]*.{deb,rpm,tar.gz} 2>/dev/null
