#!/bin/sh
# `make check`: every test suite in a build with warnings as errors, then
# the core and CLI suites again in a build with AddressSanitizer and
# UndefinedBehaviorSanitizer. Ends with "N passed, N failed[, N skipped]",
# counting meson's tests across both runs, and fails when any test or
# build fails.
set -u
cd "$(dirname "$0")/.."

BUILDDIR=${BUILDDIR:-_build}
ASAN_BUILDDIR=${ASAN_BUILDDIR:-_build-asan}
build_failures=0

configure () {
  dir=$1
  shift
  if [ -f "$dir/build.ninja" ]; then
    return 0
  fi
  meson setup "$dir" --werror "$@"
}

# Counts one run's results from meson's JSON log: passed failed skipped.
count_results () {
  /usr/bin/python3 - "$1/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
try:
    with open(sys.argv[1]) as log:
        for line in log:
            result = json.loads(line)["result"]
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
except FileNotFoundError:
    pass
print(passed, failed, skipped)
PY
}

run_suites () {
  dir=$1
  shift
  rm -f "$dir/meson-logs/testlog.json"
  if ! meson compile -C "$dir"; then
    echo "The build in $dir failed." >&2
    build_failures=$((build_failures + 1))
    return
  fi
  meson test -C "$dir" --print-errorlogs --num-processes 2 "$@"
}

echo "== Build with warnings as errors, and every test suite"
if configure "$BUILDDIR"; then
  run_suites "$BUILDDIR"
else
  build_failures=$((build_failures + 1))
fi

echo "== Core and CLI suites under AddressSanitizer and UndefinedBehaviorSanitizer"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="fast_unwind_on_malloc=0:suppressions=$(pwd)/tests/lsan.supp"
if configure "$ASAN_BUILDDIR" -Dgui=disabled -Dbuildtype=debug \
     -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fno-sanitize-recover=all; then
  run_suites "$ASAN_BUILDDIR" --suite core --suite cli
else
  build_failures=$((build_failures + 1))
fi

set -- $(count_results "$BUILDDIR")
passed=$1 failed=$2 skipped=$3
set -- $(count_results "$ASAN_BUILDDIR")
passed=$((passed + $1))
failed=$((failed + $2 + build_failures))
skipped=$((skipped + $3))

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi

[ "$failed" -eq 0 ]
