import { describe, expect, it } from 'vitest'
import { humanText, textProblem, textProblemOf } from '../../shared/schemas/human-text'
import { PersonName } from '../../shared/schemas/common'
import { ActivityInput } from '../../shared/schemas/activity'
import { ProfilePatch } from '../../shared/schemas/user'

const name = humanText({ label: 'name', max: 40 })
const description = humanText({ label: 'description', min: 0, max: 4000, multiline: true })

function refusal(schema: typeof name, text: string) {
  const result = schema.safeParse(text)
  if (result.success) throw new Error(`accepted ${JSON.stringify(text)}`)
  return { problem: textProblemOf(result.error.issues[0]!), message: result.error.issues[0]!.message }
}

describe('humanText', () => {
  it.each([
    ['NUL', '张\u0000三', 'control', 'U+0000'],
    ['VT', '张\u000B三', 'control', 'U+000B'],
    ['ESC', '张\u001B[31m三', 'control', 'U+001B'],
    ['DEL', '张\u007F三', 'control', 'U+007F'],
    ['NEL', '张\u0085三', 'control', 'U+0085'],
    ['a line break in a one-line field', '张\n三', 'control', 'U+000A'],
    ['a tab in a one-line field', '张\t三', 'control', 'U+0009'],
    ['zero-width space only', '\u200B\u200B', 'invisible', 'U+200B'],
    ['a name plus U+200B', '张三\u200B', 'invisible', 'U+200B'],
    ['zero-width non-joiner', '张\u200C三', 'invisible', 'U+200C'],
    ['word joiner', '张\u2060三', 'invisible', 'U+2060'],
    ['soft hyphen', 'Zhang\u00ADSan', 'invisible', 'U+00AD'],
    ['right-to-left override', '\u202Egpj.exe', 'invisible', 'U+202E'],
    ['left-to-right embedding', 'a\u202Ab', 'invisible', 'U+202A'],
    ['pop directional formatting', 'a\u202Cb', 'invisible', 'U+202C'],
    ['right-to-left isolate', 'a\u2067b', 'invisible', 'U+2067'],
    ['pop directional isolate', 'a\u2069b', 'invisible', 'U+2069'],
    ['right-to-left mark', 'a\u200Fb', 'invisible', 'U+200F'],
    ['Hangul filler (a blank-looking name)', '\u3164', 'invisible', 'U+3164'],
    ['a lone surrogate', 'a\uD800b', 'invisible', 'U+D800'],
    ['a joiner between letters', 'a\u200Db', 'invisible', 'U+200D'],
    ['a joiner at the end of an emoji', '👍\u200D', 'invisible', 'U+200D'],
    ['line separator', '张\u2028三', 'separator', 'U+2028'],
    ['paragraph separator', '张\u2029三', 'separator', 'U+2029'],
  ])('refuses %s, saying so in words', (_label, text, problem, at) => {
    const r = refusal(name, text)
    expect(r.problem).toBe(problem)
    expect(r.message).toContain(at)
    expect(r.message).toMatch(/^name must not contain (control|invisible|the Unicode line)/)
  })

  it('refuses what is empty after trimming, with the field’s own words', () => {
    expect(refusal(name, ' \u3000 ').message).toBe('name is required')
    expect(refusal(humanText({ label: 'title', min: 2, max: 80 }), ' 讲 ').message).toBe('title is at least 2 characters')
  })

  it('normalises to NFC and trims (the same words compare equal)', () => {
    const decomposed = 'Jose\u0301 Lo\u0308we'
    expect(name.parse(`  ${decomposed}  `)).toBe('José Löwe')
    expect(name.parse(decomposed)).toBe(name.parse('José Löwe'))
    expect(name.parse('\uFEFF张三 ')).toBe('张三') // a leading BOM is whitespace to trim, not a refusal
  })

  it('keeps ordinary Chinese text, full-width spaces, punctuation and emoji', () => {
    expect(name.parse('欧阳　娜娜·Ａ')).toBe('欧阳　娜娜·Ａ')
    expect(name.parse('李雷 🎉')).toBe('李雷 🎉')
  })

  it('allows a zero-width joiner inside an emoji sequence, in one-line and multiline fields', () => {
    for (const emoji of ['👨‍👩‍👧', '👩🏽‍💻', '🏳️‍🌈']) {
      expect(name.parse(`科普 ${emoji}`)).toBe(`科普 ${emoji}`)
      expect(description.parse(`第一行\n${emoji} 第二行`)).toBe(`第一行\n${emoji} 第二行`)
    }
  })

  it('keeps line breaks and tabs in multiline fields (a pasted \\r\\n becomes \\n) and nothing else', () => {
    expect(description.parse('第一行\r\n第二行\r第三行\n\t缩进')).toBe('第一行\n第二行\n第三行\n\t缩进')
    expect(refusal(description, '第一行\u000B第二行').problem).toBe('control')
    expect(refusal(description, '第一行\u2028第二行').problem).toBe('separator')
    expect(description.parse('  ')).toBe('')
  })

  it('counts length after normalising', () => {
    expect(name.safeParse('e\u0301'.repeat(40)).success).toBe(true) // 80 code units, 40 after NFC
    expect(refusal(name, 'x'.repeat(41)).message).toBe('name is at most 40 characters')
  })

  it('guards the real fields: person names, profile text, activity title, venue and description', () => {
    expect(PersonName.safeParse('张三\u200B').success).toBe(false)
    expect(ProfilePatch.safeParse({ bio: 'hi\u202E' }).success).toBe(false)
    expect(ProfilePatch.safeParse({ employer: '中科院\u0000' }).success).toBe(false)
    const activity = {
      orgId: 'cast-110108',
      kind: 'academic',
      title: '科普讲座',
      venueAddress: '海淀区科协',
      description: '',
      startsAt: '2026-12-10T06:00:00Z',
      endsAt: '2026-12-10T08:00:00Z',
      registrationOpensAt: '2026-12-01T00:00:00Z',
      registrationClosesAt: '2026-12-10T05:00:00Z',
      capacity: 10,
    }
    expect(ActivityInput.safeParse(activity).success).toBe(true)
    for (const bad of [{ title: '科普\u2028讲座' }, { venueAddress: '\u202E海淀' }, { description: 'a\u0000' }]) {
      expect(ActivityInput.safeParse({ ...activity, ...bad }).success, JSON.stringify(bad)).toBe(false)
    }
  })

  it('textProblem finds the first refused character', () => {
    expect(textProblem('ok')).toBeNull()
    expect(textProblem('a\u200Bb\u0000')).toEqual({ problem: 'control', at: 'U+0000' })
  })
})
