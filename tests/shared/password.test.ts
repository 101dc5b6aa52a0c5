import { describe, expect, it } from 'vitest'
import { checkNewPassword, MIN_PASSWORD_SCORE, passwordProblem } from '../../shared/rules/password'
import { ESTIMATED_LENGTH } from '../../shared/rules/password-strength'
import { DEMO_PASSWORD } from '../../seeds/demo'

// The 48 the old hand-written list refused: the estimator must refuse every one of them too.
const OLD_LIST = [
  '12345678',
  '123456789',
  '1234567890',
  '87654321',
  '11111111',
  '00000000',
  '88888888',
  '66666666',
  '12341234',
  '11223344',
  'password',
  'password1',
  'password123',
  'passw0rd',
  'qwertyui',
  'qwerty123',
  'iloveyou',
  'abc12345',
  'abcd1234',
  'a1234567',
  'aa123456',
  'a123456789',
  '1q2w3e4r',
  '1qaz2wsx',
  'zxcvbnm1',
  'asdfghjk',
  'woaini1314',
  '5201314520',
  '147258369',
  '123123123',
  '11112222',
  '123qweasd',
  'qweasdzxc',
  'admin123',
  'administrator',
  'welcome1',
  'letmein1',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'dragon123',
  'monkey123',
  'superman',
  'trustno1',
  'q1w2e3r4',
  '1234qwer',
  'qwer1234',
]

describe('new password rule', () => {
  it.each([
    // what the outside attack found passing (issue 10)
    'P@ssw0rd',
    'qwertyuiop',
    '1qaz2wsx3edc',
    'Aa123456789',
    // pinyin and Chinese number codes (our own dictionary: no @zxcvbn-ts package covers Chinese)
    'Woaini1314!',
    'zhangwei1985',
    'Zhangwei1985!',
    '5201314woaini',
    'wangfang888',
    'qq5201314',
    'Liwei19900101',
  ])('refuses %s as too easy to guess', async (password) => {
    const verdict = await checkNewPassword(password, { phone: '13812345678' })
    expect(verdict.problem).toBe('too_guessable')
    expect(verdict.estimate!.score).toBeLessThan(MIN_PASSWORD_SCORE)
  })

  it('refuses every password of the old list', async () => {
    for (const password of OLD_LIST) expect((await checkNewPassword(password)).problem, password).not.toBeNull()
  })

  it.each([DEMO_PASSWORD, 'Kexie-2026!', 'New-pass-2026', 'Join-Haidian-2026', 'correct horse battery staple', 'Kx9#mPq2vL'])(
    'accepts %s',
    async (password) => {
      expect(DEMO_PASSWORD).toBe('Demo-2026!')
      const verdict = await checkNewPassword(password, { phone: '13812345678', name: '张三' })
      expect(verdict.problem).toBeNull()
      expect(verdict.estimate!.score).toBeGreaterThanOrEqual(MIN_PASSWORD_SCORE)
    },
  )

  it('counts the person’s own name and number as known words', async () => {
    expect((await checkNewPassword('Zhangsan-2026', {})).problem).toBeNull()
    const own = await checkNewPassword('Zhangsan-2026', { name: 'zhangsan' })
    expect(own.problem).toBe('too_guessable')
    expect(own.estimate!.warning).toBe('userInputs')
  })

  it('answers feedback as keys the UI words itself', async () => {
    const { estimate } = await checkNewPassword('qwertyuiop')
    expect(estimate!.warning).toBe('topHundred')
    expect(estimate!.suggestions).toContain('anotherWord')
  })

  it('keeps the cheap checks ahead of the estimate', async () => {
    expect(passwordProblem('short')).toBe('too_short')
    expect(passwordProblem('x13812345678', '13812345678')).toBe('same_as_phone')
    expect(passwordProblem('𝟘𝟘𝟘𝟘𝟘𝟘𝟘𝟘')).toBe('one_kind') // astral characters count as one character each
    expect(await checkNewPassword('x13812345678', { phone: '13812345678' })).toEqual({ problem: 'same_as_phone', estimate: null })
  })

  it('judges a long password by its first characters', async () => {
    const strong = 'Kx9#mPq2vL-tr7!'
    expect((await checkNewPassword(`${strong}${'a'.repeat(100)}`)).problem).toBeNull()
    expect((await checkNewPassword(`${'password'.repeat(ESTIMATED_LENGTH / 8)}${strong}`)).problem).toBe('too_guessable')
  })
})
