/**
 * What does the password-strength estimate cost the server's event loop?
 *
 *   npx tsx bench/password-strength.ts
 *
 * Builds the estimator as the server does (shared/rules/password-strength.ts: first 32 characters,
 * at most 10 l33t variants) and, as the baseline in the same run, zxcvbn-ts with its defaults
 * (256 characters, 100 variants). Times one build of each, then the median of 5 checks per
 * password: typical ones, and adversarial 128-character ones (the longest the schema accepts).
 * For scale, one scrypt hash at the server's cost (N=2^17) runs on the thread pool, not the loop.
 */
import { scryptSync } from 'node:crypto'
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { adjacencyGraphs, dictionary as common } from '@zxcvbn-ts/language-common'
import { dictionary as english } from '@zxcvbn-ts/language-en'
import { chineseDictionary } from '../shared/rules/password-dictionary-zh'
import { createPasswordEstimator } from '../shared/rules/password-strength'

const time = <T>(fn: () => T): [T, number] => {
  const start = performance.now()
  const value = fn()
  return [value, performance.now() - start]
}
const median = (fn: () => unknown) => {
  const runs = Array.from({ length: 5 }, () => time(fn)[1]).sort((a, b) => a - b)
  return runs[2]!
}

const [ours, oursBuild] = time(() => createPasswordEstimator())
const [defaults, defaultsBuild] = time(
  () => new ZxcvbnFactory({ dictionary: { ...common, ...english, ...chineseDictionary }, graphs: adjacencyGraphs }),
)
for (let i = 0; i < 20; i++) {
  ours(`warm-up-${i}`, [])
  defaults.check(`warm-up-${i}`)
}

let seed = 7
const random = (n: number) =>
  Array.from({ length: n }, () => String.fromCharCode(33 + ((seed = (seed * 16807) % 2147483647) % 94))).join('')
const cases: Array<[string, string]> = [
  ['Demo-2026!', 'Demo-2026!'],
  ['P@ssw0rd', 'P@ssw0rd'],
  ['woaini1314', 'woaini1314'],
  ['16 random', random(16)],
  ['32 random', random(32)],
  ['128 random', random(128)],
  ['128 l33t symbols', '4@1!|0$5'.repeat(16)],
  ['128 "p@$$w0rd"', 'p@$$w0rd'.repeat(16)],
  ['128 digits (dates)', '19850101'.repeat(16)],
]

console.log(`build: ours ${oursBuild.toFixed(0)} ms, defaults ${defaultsBuild.toFixed(0)} ms (once per process)`)
console.log('| password | length | ours (ms, median of 5) | zxcvbn-ts defaults (ms) | defaults / ours |')
console.log('| --- | ---: | ---: | ---: | ---: |')
for (const [label, password] of cases) {
  const a = median(() => ours(password, []))
  const b = median(() => defaults.check(password))
  console.log(`| ${label} | ${password.length} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b / a).toFixed(1)}× |`)
}
const scrypt = median(() => scryptSync('Demo-2026!', 'salt-salt-salt-1', 64, { N: 131072, r: 8, p: 1, maxmem: 256 * 1024 * 1024 }))
console.log(`\none scrypt hash (N=2^17, r=8): ${scrypt.toFixed(0)} ms, on the thread pool`)
