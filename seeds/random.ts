/** Small deterministic generators, so a fresh database and the tests are repeatable. */

/** mulberry32: a seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** FNV-1a hash of a string into [0, 2^32): a stable per-row coin for choices keyed by code. */
export function hashString(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

export const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!

const HEX = '0123456789abcdef'

/** A uuid-shaped (version 4 layout) id drawn from `rand`, so two fresh databases agree on their ids. */
export function seededUuid(rand: () => number): string {
  let hex = ''
  for (let i = 0; i < 32; i++) hex += HEX[Math.floor(rand() * 16)]
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`
}
