/**
 * The one CSV writer and the attendance export written with it: a UTF-8 BOM (Excel on Windows),
 * Beijing times (not UTC ISO), statuses and methods in words in the caller's language, formulas
 * neutralised. The .ics names the Beijing zone too.
 */
import { describe, expect, it } from 'vitest'
import { writeCsv, type CsvColumn } from '../../server/domain/csv'
import { exportLanguage, fromAcceptLanguage } from '../../server/domain/language'
import { renderCalendar } from '../../server/domain/ics'
import { admin, beijingContext, checkIn, makeActivity, person, register, STARTS_SOON } from './fixtures'

type Row = { name: string; at: string | null; status: string | null }
const COLUMNS: Array<CsvColumn<Row>> = [
  { header: '姓名', text: (r) => r.name },
  { header: '时间', instant: (r) => r.at },
  { header: '状态', code: (r) => r.status, labels: { registered: '已报名' } },
]
const bytes = async (res: Response) => [...new Uint8Array(await res.arrayBuffer())]

describe('the CSV writer', () => {
  it('starts with a byte-order mark and ends every line with CRLF', () => {
    const csv = writeCsv(COLUMNS, [{ name: '张三', at: null, status: null }])
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(csv.slice(1)).toBe('姓名,时间,状态\r\n张三,,\r\n')
  })

  it('writes instants on the Beijing clock and codes as their labels', () => {
    const csv = writeCsv(COLUMNS, [
      { name: 'a', at: '2026-12-01T17:05:00.000Z', status: 'registered' },
      { name: 'b', at: null, status: 'unheard_of' },
    ])
    const [, first, second] = csv.slice(1).split('\r\n')
    expect(first).toBe('a,2026-12-02 01:05,已报名')
    expect(second).toBe('b,,unheard_of') // a code without a label is written as is, never dropped
  })

  it('neutralises formulas and quotes what needs it', () => {
    const csv = writeCsv(COLUMNS, [
      { name: '=HYPERLINK("x")', at: null, status: null },
      { name: '@SUM(A1),x', at: null, status: null },
    ])
    expect(csv).toContain(`"'=HYPERLINK(""x"")",,`)
    expect(csv).toContain(`"'@SUM(A1),x",,`)
  })
})

describe('the export language', () => {
  it('takes lang first, then the best supported Accept-Language, else Chinese', () => {
    expect(exportLanguage('en', 'zh-CN')).toBe('en')
    expect(exportLanguage(undefined, 'en-GB,en;q=0.9')).toBe('en')
    expect(exportLanguage(undefined, 'fr-FR, en;q=0.5, zh;q=0.8')).toBe('zh-CN')
    expect(exportLanguage(undefined, 'zh-TW')).toBe('zh-CN')
    expect(exportLanguage(undefined, 'fr, de')).toBe('zh-CN')
    expect(exportLanguage(undefined, undefined)).toBe('zh-CN')
    expect(fromAcceptLanguage('en;q=0, zh;q=0.1')).toBe('zh-CN')
  })
})

describe('the attendance export', () => {
  async function scene() {
    const ctx = await beijingContext()
    const act = await makeActivity(ctx.db, { ...STARTS_SOON, capacity: 1 })
    const a = await person(ctx, { name: '张三' })
    const b = await person(ctx, { name: '李四' })
    await register(a, act.id)
    await register(b, act.id)
    const org = await admin(ctx, 'cast-110108')
    await checkIn(org, act.id, { phone: a.user.phone })
    await checkIn(org, act.id, { name: '+王五' })
    const get = (query: string, headers: Record<string, string> = {}) =>
      ctx.app.request(`/api/activities/${act.id}/attendance.csv${query}`, { headers: { cookie: org.a.cookie, ...headers } })
    return { ctx, get }
  }

  it('is Chinese by default: BOM, Beijing times, statuses and methods in words, formulas neutralised', async () => {
    const { get } = await scene()
    const res = await get('')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-language')).toBe('zh-CN')
    const raw = await bytes(res)
    expect(raw.slice(0, 3)).toEqual([0xef, 0xbb, 0xbf])
    const [header, zhang, li, walkIn] = new TextDecoder().decode(new Uint8Array(raw)).split('\r\n')
    expect(header).toBe('姓名,手机,会员号,报名状态,报名时间,签到时间,签到方式')
    // the test clock is 2026-11-28T08:00Z: 16:00 in Beijing
    expect(zhang).toMatch(/^张三,1\d\d\*\*\*\*\d{4},,已报名,2026-11-28 16:00,2026-11-28 16:00,手机号$/)
    expect(li).toMatch(/^李四,.*,候补,2026-11-28 16:00,,$/)
    expect(walkIn).toBe("'+王五,,,现场参加,,2026-11-28 16:00,现场登记")
    expect(new TextDecoder().decode(new Uint8Array(raw))).not.toMatch(/\d{4}-\d\d-\d\dT|registered|waitlisted|walk_in/)
  })

  it('speaks English when asked by ?lang=en or Accept-Language', async () => {
    const { get } = await scene()
    for (const res of [await get('?lang=en'), await get('', { 'accept-language': 'en-US,en;q=0.9' })]) {
      expect(res.headers.get('content-language')).toBe('en')
      const text = await res.text()
      expect(text.split('\r\n')[0]).toBe('Name,Phone,Member no.,Registration,Registered at,Checked in at,Check-in method')
      expect(text).toContain(',Waitlist,2026-11-28 16:00,,')
      expect(text).toContain(',Walk-in,,2026-11-28 16:00,walk-in')
    }
    // an explicit lang wins over the header; an unknown one is refused, not guessed
    expect((await get('?lang=zh-CN', { 'accept-language': 'en' })).headers.get('content-language')).toBe('zh-CN')
    expect((await get('?lang=fr')).status).toBe(400)
  })
})

describe('iCalendar', () => {
  it('names the Beijing zone for the calendar; event times stay in UTC', () => {
    const ics = renderCalendar([], { now: new Date('2026-12-01T00:00:00Z') })
    expect(ics).toContain('\r\nX-WR-TIMEZONE:Asia/Shanghai\r\n')
  })
})
