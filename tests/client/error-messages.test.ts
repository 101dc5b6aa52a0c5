/**
 * Every error code the server can answer (shared/schemas/error-codes.ts) has words in both languages,
 * in the general messages (`errors.*`) and in the outbox's (`sync.reason.*`): a code added to the
 * union without messages fails here (and in the type check).
 */
import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../shared/schemas/error-codes'
import { errorMessagesEn, errorMessagesZhCN } from '../../client/i18n/error-messages'
import zhCN from '../../client/i18n/zh-CN'
import en from '../../client/i18n/en'
import { syncMessages } from '../../client/features/sync/messages'

const hasHan = (s: string) => /\p{Script=Han}/u.test(s)

describe('error messages', () => {
  it('has a zh-CN and an English message for every code', () => {
    const missing = ERROR_CODES.filter((code) => !errorMessagesZhCN[code]?.trim() || !errorMessagesEn[code]?.trim())
    expect(missing).toEqual([])
    // the Chinese is Chinese and the English is not
    expect(ERROR_CODES.filter((code) => !hasHan(errorMessagesZhCN[code]!))).toEqual([])
    expect(ERROR_CODES.filter((code) => hasHan(errorMessagesEn[code]!))).toEqual([])
  })

  it('knows no code the server cannot answer (no stale words)', () => {
    expect(Object.keys(errorMessagesZhCN).sort()).toEqual([...ERROR_CODES].sort())
    expect(Object.keys(errorMessagesEn).sort()).toEqual([...ERROR_CODES].sort())
  })

  it('reaches every code through the app messages and the outbox reasons, in both languages', () => {
    const scopes = [zhCN.errors, en.errors, syncMessages['zh-CN'].sync.reason, syncMessages.en.sync.reason] as Record<string, string>[]
    for (const scope of scopes) expect(ERROR_CODES.filter((code) => !scope[code])).toEqual([])
  })
})
