#!/usr/bin/env bash
# Runs every test: unit and integration (SQLite and PostgreSQL) in a Release build, the same
# under ASan+UBSan, and the browser tests (Chromium + axe-core). Called by `make test`.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JOBS="${JOBS:-2}"
start=$(date +%s)
passed=0; failed=0; failures=()
step() { echo; echo "=== $* ==="; }
record() { if [[ $1 -eq 0 ]]; then passed=$((passed+1)); else failed=$((failed+1)); failures+=("$2"); fi; }

bash scripts/setup.sh --test || { echo "setup failed"; exit 1; }

step "Module boundaries (scripts/check_boundaries.py, and its self-test)"
python3 scripts/check_boundaries.py && python3 scripts/check_boundaries.py --self-test; record $? "module boundaries"

step "PostgreSQL (throwaway server)"
PG_URL="$(bash scripts/pg.sh start)" || { echo "could not start PostgreSQL"; exit 1; }
export GOLDTHREAD_TEST_POSTGRES_URL="$PG_URL"
echo "$PG_URL"

step "SMTP servers on loopback (scripts/smtp_sink.py)"
# One for the SQLite suite and the browser tests, one for the PostgreSQL suite: the two
# engines' suites run at the same time (ctest -j2), and a test reads the mail its run sent.
SMTP_PIDS=(); SMTP_DIRS=()
start_sink() {  # start_sink VAR_SUFFIX
  local port dir
  port="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  dir="$(mktemp -d -t goldthread-smtp.XXXXXX)"
  /usr/bin/python3 scripts/smtp_sink.py --port "$port" --dir "$dir" &
  SMTP_PIDS+=($!); SMTP_DIRS+=("$dir")
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  export "GOLDTHREAD_TEST_SMTP_PORT$1=$port" "GOLDTHREAD_TEST_SMTP_DIR$1=$dir"
  echo "SMTP${1:- (default)}: 127.0.0.1:$port -> $dir"
}
stop_smtp() {
  for p in "${SMTP_PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  rm -rf "${SMTP_DIRS[@]}"
}
trap 'stop_smtp; bash scripts/pg.sh stop' EXIT
start_sink ""
start_sink "_POSTGRES"

build() {  # build DIR TARGET|all extra-cmake-args...
  local dir=$1 target=$2; shift 2
  if [[ $target == all ]]; then target=""; fi
  cmake -S . -B "$dir" -G Ninja -DGOLDTHREAD_TESTS=ON "$@" >/dev/null && ninja -C "$dir" -j"$JOBS" $target
}

# Which builds run the unit and integration tests (docs/DECISIONS.md, "make test builds the
# tests once"): the ASan+UBSan build, always; the Release build too with RELEASE_TESTS=1, or
# alone with SKIP_ASAN=1 (a quick local run). The Release build always makes the server the
# browser tests drive, so -O3's own warnings (-Werror) are checked on every run.
RELEASE_TESTS="${RELEASE_TESTS:-0}"
if [[ "${SKIP_ASAN:-0}" == 1 ]]; then RELEASE_TESTS=1; fi

# The opinion engine's real-data tests read ../shared/data/polis from the source root; where
# that folder exists (here and in CI) a conversation that cannot be found fails the run
# instead of being skipped.
if [[ -d "$ROOT/../shared/data/polis" ]]; then export GOLDTHREAD_REQUIRE_SHARED_DATA=1; fi

if [[ $RELEASE_TESTS == 1 ]]; then
  step "Release build (server and tests)"
  build build/release all -DCMAKE_BUILD_TYPE=Release; rc=$?
else
  step "Release build (the server)"
  build build/release goldthread -DCMAKE_BUILD_TYPE=Release; rc=$?
fi
record $rc "release build"
if [[ $rc -eq 0 ]]; then
  if [[ $RELEASE_TESTS == 1 ]]; then
    step "Release: unit and integration tests (SQLite, PostgreSQL)"
    ctest --test-dir build/release --output-on-failure -j"$JOBS"; record $? "release ctest"
  fi
  step "Browser tests (Chromium, axe-core WCAG 2.2 AA)"
  node --test --test-concurrency=1 tests/e2e/; record $? "browser tests"
fi

if [[ "${SKIP_ASAN:-0}" != 1 ]]; then
  # clang builds the sanitized tests in a little over half of GCC's CPU time; line tables are
  # all a sanitizer report needs (docs/DECISIONS.md, "The sanitizer build uses clang"). The
  # Release build, the one `make run` serves, stays GCC. ASAN_CXX=g++ chooses GCC instead.
  ASAN_CXX="${ASAN_CXX:-clang++-14}"
  asan_flags=(-DCMAKE_CXX_COMPILER="$ASAN_CXX")
  if [[ "$ASAN_CXX" == clang* ]]; then asan_flags+=(-DCMAKE_CXX_FLAGS_DEBUG=-gline-tables-only); fi
  step "ASan+UBSan build ($ASAN_CXX)"
  build build/asan all -DCMAKE_BUILD_TYPE=Debug -DGOLDTHREAD_SANITIZE=ON "${asan_flags[@]}"; rc=$?
  record $rc "asan build"
  if [[ $rc -eq 0 ]]; then
    step "ASan+UBSan: unit and integration tests"
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
      ctest --test-dir build/asan --output-on-failure -j"$JOBS"; record $? "asan ctest"
  fi
fi

echo
echo "make test took $(( $(date +%s) - start )) s"
for f in "${failures[@]+"${failures[@]}"}"; do echo "FAILED: $f"; done
echo "test steps: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
