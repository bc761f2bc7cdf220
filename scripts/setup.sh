#!/usr/bin/env bash
# Installs everything goldthread needs on Debian 12, idempotently.
# Usage: scripts/setup.sh [--test]   (--test adds what `make test` needs)
set -euo pipefail
cd "$(dirname "$0")/.."

RUN_PKGS=(
  build-essential cmake ninja-build ccache pkg-config
  libboost-dev libboost-system-dev
  libsqlite3-dev libpq-dev
  nlohmann-json3-dev libkainjow-mustache-dev libsodium-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev
  libeigen3-dev libspdlog-dev libfmt-dev libcli11-dev
  prometheus-cpp-dev libcurl4-openssl-dev libhowardhinnant-date-dev tzdata
  nodejs npm
)
TEST_PKGS=(
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  postgresql-15 clang-14 libclang-rt-14-dev
  chromium wrk python3-sklearn python3-numpy sqlite3 python3-aiosmtpd openssl python3-icalendar python3-feedparser
)

want=("${RUN_PKGS[@]}")
if [[ "${1:-}" == "--test" ]]; then want+=("${TEST_PKGS[@]}"); fi

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# nodejs/npm may come from outside Debian (e.g. a preinstalled node): accept a working npm.
if command -v npm >/dev/null 2>&1; then
  filtered=(); for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: Debian packages present"
fi

# npm packages (locked). Reinstall only when the lock file changed.
if [[ ! -d node_modules || package-lock.json -nt node_modules/.stamp ]]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.stamp
fi
