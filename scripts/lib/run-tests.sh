#!/usr/bin/env bash
# ds_run_tests REPORT [VITEST ARGS…]: runs vitest with its JSON report written to REPORT, then prints
# the summary of that report (per workspace, failing tests by name) whether or not tests failed. Returns
# non-zero when a test failed or vitest itself did. Run from the repository root.
ds_run_tests() {
  # Absolute: vitest resolves --outputFile against its --root.
  local report
  report="$(realpath -m "$1")"
  shift
  # A report left by an earlier run must not stand in for one this run failed to write.
  rm -f "$report"
  mkdir -p "$(dirname "$report")"
  local vitest_status=0
  npx vitest run --reporter=default --reporter=json --outputFile="$report" "$@" || vitest_status=$?
  npx tsx scripts/lib/test-summary.ts "$report" || return $?
  return "$vitest_status"
}
