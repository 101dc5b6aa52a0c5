/**
 * The English message tree holds no Chinese and no full-width punctuation (，。：；！？（）“”、…),
 * and the two trees have the same keys; counts in English go through vue-i18n plurals.
 */
import { describe, expect, it } from 'vitest'
import zhCN from '../../client/i18n/zh-CN'
import en from '../../client/i18n/en'
import { createAppI18n } from '../../client/i18n/index'

/** Every leaf of a message tree as [dotted key, text]. */
function leaves(tree: unknown, prefix = ''): Array<[string, string]> {
  if (typeof tree === 'string') return [[prefix, tree]]
  if (Array.isArray(tree)) return tree.flatMap((v, i) => leaves(v, `${prefix}[${i}]`))
  if (tree && typeof tree === 'object') return Object.entries(tree).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k))
  return []
}

/** Han, kana, CJK punctuation (U+3000–303F) and the full-width forms (U+FF00–FFEF). */
const NOT_ENGLISH = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u
describe('English and Chinese messages', () => {
  it('has no Chinese and no full-width punctuation in English', () => {
    const bad = leaves(en)
      .filter(([, text]) => NOT_ENGLISH.test(text))
      .map(([key, text]) => `${key}: ${text}`)
    expect(bad).toEqual([])
  })

  it('has the same keys in both languages', () => {
    expect(leaves(en).map(([k]) => k)).toEqual(leaves(zhCN).map(([k]) => k))
  })

  it('says "1 place left" and "2 places left": English counts are plurals', () => {
    const { t } = createAppI18n('en').global
    // as the views call them: the named n is the count
    expect(t('act.placesLeft', { n: 1 })).toBe('1 place left')
    expect(t('act.placesLeft', { n: 2 })).toBe('2 places left')
    expect(t('orgs.results', { n: 1 })).toBe('1 organisation')
    expect(t('orgs.results', { n: 0 })).toBe('0 organisations')
    expect(t('act.creditHours', { n: 1.5 })).toBe('1.5 hours')
    expect(t('me.logoutPending', { n: 1 })).toMatch(/^1 item has not/)
    // Chinese has one form and is unchanged
    expect(createAppI18n('zh-CN').global.t('act.placesLeft', { n: 1 })).toBe('剩余 1 个名额')
  })
})
