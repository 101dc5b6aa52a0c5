/** One regionChain: the province first, the code itself last, for every GB/T 2260 level. */
import { expect, it } from 'vitest'
import { regionChain } from '../../shared/rules/region'

it('lists the region codes from the province down to the code itself', () => {
  expect(regionChain('110108010')).toEqual(['11', '1101', '110108', '110108010'])
  expect(regionChain('110108')).toEqual(['11', '1101', '110108'])
  expect(regionChain('11')).toEqual(['11'])
  expect(regionChain('')).toEqual([])
})
