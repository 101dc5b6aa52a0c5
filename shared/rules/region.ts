/**
 * GB/T 2260 region codes nest by prefix: province 2 digits, city 4, county 6, township 9
 * (110108010 is in 110108, in 1101, in 11).
 */
const PREFIX_LENGTHS = [2, 4, 6, 9] as const

/**
 * The region codes from the province down to this one, the code itself last:
 * 110108010 → [11, 1101, 110108, 110108010]. Callers that want the most local first reverse it.
 */
export function regionChain(code: string): string[] {
  return PREFIX_LENGTHS.filter((n) => code.length >= n).map((n) => code.slice(0, n))
}
