#!/usr/bin/env node
// CI's dependency audit: fails on high or critical advisories in what we ship (--omit=dev).
// Where the registry's audit endpoint cannot be reached (this workplace's registry mirror answers
// 405 to the bulk advisory request), it says so plainly and does not fail: "could not check" is
// not "vulnerable", and the run must not hinge on an endpoint we do not control.
import { spawnSync } from 'node:child_process'

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' })
let report
try {
  report = JSON.parse(run.stdout || '{}')
} catch {
  report = {}
}
const counts = report.metadata?.vulnerabilities
if (!counts) {
  const reason = report.error?.summary || report.message || (run.stderr || '').trim().split('\n').pop()
  console.log(`audit: could not check advisories (${reason || 'no report'}); not failing the run`)
  process.exit(0)
}
const serious = (counts.high ?? 0) + (counts.critical ?? 0)
console.log(`audit: ${JSON.stringify(counts)}`)
if (serious > 0) {
  console.error(`audit: ${serious} high or critical advisories in production dependencies`)
  process.exit(1)
}
