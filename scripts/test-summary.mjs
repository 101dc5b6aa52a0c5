#!/usr/bin/env node
// Prints the one-line CI summary `N passed, N failed[, N skipped]` from vitest's JSON report
// (`vitest run --reporter=json --outputFile.json=<file>`), and exits 1 when anything failed.
//
// A test file that fails before its tests run (import error, failing beforeAll) has no failed
// test in the counts, and a run that crashed writes no report at all: both count as failures,
// so a broken run can never print "0 failed".
//
// Usage: node scripts/test-summary.mjs test-results/vitest.json
import { existsSync, readFileSync } from 'node:fs'

const file = process.argv[2] ?? 'test-results/vitest.json'

/** @returns {{ passed: number, failed: number, skipped: number }} */
function summarise(report) {
  const passed = report.numPassedTests ?? 0
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
  let failed = report.numFailedTests ?? 0
  for (const suite of report.testResults ?? []) {
    const failedTests = (suite.assertionResults ?? []).filter((t) => t.status === 'failed').length
    if (suite.status === 'failed' && failedTests === 0) failed += 1
  }
  if (report.success === false && failed === 0) failed = 1 // e.g. an unhandled error between tests
  return { passed, failed, skipped }
}

function formatSummary({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : '')
}

let counts
if (!existsSync(file)) {
  console.error(`test-summary: no report at ${file} (vitest did not run or crashed before reporting)`)
  counts = { passed: 0, failed: 1, skipped: 0 }
} else {
  try {
    counts = summarise(JSON.parse(readFileSync(file, 'utf8')))
  } catch (err) {
    console.error(`test-summary: cannot read ${file}: ${err.message}`)
    counts = { passed: 0, failed: 1, skipped: 0 }
  }
}
console.log(formatSummary(counts))
process.exitCode = counts.failed > 0 ? 1 : 0
