/**
 * The region picker's routes (issue 12): a node hides the placeholder levels (市辖区, 县, 省直辖县级行政区划,
 * a county that repeats its city), search finds places by hanzi, full pinyin and initials through
 * the keys computed when regions are written, and bad input is refused with a code the client words.
 */
import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { beijingContext, makeRegion, person } from './fixtures'
import { indexRegions, regionKeys } from '../../server/db/region.repository'
import { regionSearchKey } from '../../shared/schemas/region'

async function setup() {
  const ctx = await beijingContext() // 北京市 → 市辖区 → 海淀区/朝阳区 → streets; 山东省 → 潍坊市 → 寿光市
  const db = ctx.db
  await makeRegion(db, '50', '重庆市', 'province', null, '重庆市')
  await makeRegion(db, '5001', '市辖区', 'city', '50', '重庆市')
  await makeRegion(db, '500101', '万州区', 'county', '5001', '重庆市万州区')
  await makeRegion(db, '5002', '县', 'city', '50', '重庆市')
  await makeRegion(db, '500229', '城口县', 'county', '5002', '重庆市城口县')
  await makeRegion(db, '44', '广东省', 'province', null, '广东省')
  await makeRegion(db, '4419', '东莞市', 'city', '44', '广东省东莞市')
  await makeRegion(db, '441900', '东莞市', 'county', '4419', '广东省东莞市东莞市')
  await makeRegion(db, '441900003', '东城街道', 'township', '441900', '广东省东莞市东城街道')
  await makeRegion(db, '21', '辽宁省', 'province', null, '辽宁省')
  await makeRegion(db, '2113', '朝阳市', 'city', '21', '辽宁省朝阳市')
  await makeRegion(db, '41', '河南省', 'province', null, '河南省')
  await makeRegion(db, '4101', '郑州市', 'city', '41', '河南省郑州市')
  await makeRegion(db, '4190', '省直辖县级行政区划', 'city', '41', '河南省')
  await makeRegion(db, '419001', '济源市', 'county', '4190', '河南省济源市')
  await makeRegion(db, '14', '山西省', 'province', null, '山西省')
  await makeRegion(db, '1411', '吕梁市', 'city', '14', '山西省吕梁市')
  return ctx
}
type Ctx = Awaited<ReturnType<typeof setup>>
const get = async (ctx: Ctx, url: string) => ctx.agent().get(url)
const codes = (items: { code: string }[]) => items.map((i) => i.code)
const search = async (ctx: Ctx, q: string, extra = '') => get(ctx, `/api/regions/search?q=${encodeURIComponent(q)}${extra}`)

describe('search keys', () => {
  it('are the toneless pinyin and its initials, ü as v', () => {
    expect(regionKeys('中关村街道')).toEqual({ pinyin: 'zhongguancunjiedao', initials: 'zgcjd' })
    expect(regionKeys('吕梁市')).toEqual({ pinyin: 'lvliangshi', initials: 'lls' })
    expect(regionSearchKey(" Zhong guan'cun ")).toBe('zhongguancun')
    expect(regionSearchKey('lǚliáng')).toBe('lvliang')
    expect(regionSearchKey('海淀 区')).toBe('海淀区')
  })

  it('are filled once for rows without them, and mark placeholders', async () => {
    const ctx = await setup()
    expect(await indexRegions(ctx.db)).toBe(0) // the fixtures wrote them already
    await sql`update regions set pinyin = null, initials = null, placeholder = 0`.execute(ctx.db)
    expect(await indexRegions(ctx.db)).toBeGreaterThan(20)
    const rows = await ctx.db.selectFrom('regions').select(['code', 'pinyin', 'placeholder']).where('placeholder', '=', 1).execute()
    expect(rows.map((r) => r.code).sort()).toEqual(['1101', '4190', '441900', '5001', '5002'])
    const zgc = await ctx.db.selectFrom('regions').select(['pinyin', 'initials']).where('code', '=', '110108010').executeTakeFirst()
    expect(zgc).toEqual({ pinyin: 'zhongguancunjiedao', initials: 'zgcjd' })
  })
})

describe('GET /api/regions and /api/regions/{code}', () => {
  it('lists the provinces, public and cacheable', async () => {
    const ctx = await setup()
    const res = await get(ctx, '/api/regions')
    expect(res.status).toBe(200)
    expect(res.body.chain).toEqual([])
    expect(codes(res.body.children)).toEqual(['11', '14', '21', '37', '41', '44', '50'])
    expect(res.body.children[0]).toEqual({ code: '11', name: '北京市', level: 'province' })
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/)
  })

  it('puts the children of 市辖区 and 县 straight under the province, never the placeholders', async () => {
    const ctx = await setup()
    const beijing = await get(ctx, '/api/regions/11')
    expect(beijing.body.chain).toEqual([{ code: '11', name: '北京市', level: 'province' }])
    expect(beijing.body.children.map((c: { name: string }) => c.name)).toEqual(['朝阳区', '海淀区'])
    const chongqing = await get(ctx, '/api/regions/50')
    expect(codes(chongqing.body.children)).toEqual(['500101', '500229'])
    const henan = await get(ctx, '/api/regions/41')
    expect(henan.body.children.map((c: { name: string }) => c.name)).toEqual(['郑州市', '济源市'])
    const dongguan = await get(ctx, '/api/regions/4419')
    expect(dongguan.body.children).toEqual([{ code: '441900003', name: '东城街道', level: 'township' }])
  })

  it('gives the chain of a place without the placeholders, and the places below it', async () => {
    const ctx = await setup()
    const res = await get(ctx, '/api/regions/110108010')
    expect(res.body.chain.map((c: { name: string }) => c.name)).toEqual(['北京市', '海淀区', '中关村街道'])
    expect(res.body.children).toEqual([])
    const haidian = await get(ctx, '/api/regions/110108')
    expect(codes(haidian.body.children)).toEqual(['110108010', '110108011'])
    const town = await get(ctx, '/api/regions/441900003')
    expect(town.body.chain.map((c: { name: string }) => c.name)).toEqual(['广东省', '东莞市', '东城街道'])
    // a placeholder code kept from before the picker reads as the place above it
    expect((await get(ctx, '/api/regions/1101')).body.chain.map((c: { name: string }) => c.name)).toEqual(['北京市'])
  })

  it('refuses a malformed code as invalid_region and an unknown one as unknown_region, never a 500', async () => {
    const ctx = await setup()
    for (const bad of ['1', '123', '11010801', '1101080101', 'abc', '%E6%B5%B7', '11%20']) {
      const res = await get(ctx, `/api/regions/${bad}`)
      expect(res.status, bad).toBe(400)
      expect(res.body.error.code, bad).toBe('invalid_region')
    }
    const unknown = await get(ctx, '/api/regions/990000000')
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.code).toBe('unknown_region')
    expect(unknown.headers.get('cache-control')).toBe('no-store')
  })
})

describe('GET /api/regions/search', () => {
  it('finds places by hanzi, full pinyin and initials, with their chains', async () => {
    const ctx = await setup()
    const hanzi = await search(ctx, '海淀')
    expect(hanzi.status).toBe(200)
    expect(codes(hanzi.body.items)).toEqual(['110108', '110108011'])
    expect(hanzi.body.items[1].chain.map((c: { name: string }) => c.name)).toEqual(['北京市', '海淀区', '海淀街道'])
    expect(codes((await search(ctx, 'zhongguancun')).body.items)).toEqual(['110108010'])
    expect(codes((await search(ctx, 'Zhong Guan Cun')).body.items)).toEqual(['110108010'])
    const initials = await search(ctx, 'zgc')
    expect(codes(initials.body.items)).toEqual(['110108010'])
    expect(initials.headers.get('cache-control')).toBe('no-store') // what was typed is not kept
    expect(codes((await search(ctx, 'lvliang')).body.items)).toEqual(['1411'])
  })

  it('ranks an exact match first, then the larger place, and tells same names apart by their chain', async () => {
    const ctx = await setup()
    const res = await search(ctx, '朝阳')
    expect(codes(res.body.items)).toEqual(['2113', '110105'])
    expect(res.body.items.map((p: { chain: { name: string }[] }) => p.chain.map((c) => c.name).join(' '))).toEqual([
      '辽宁省 朝阳市',
      '北京市 朝阳区',
    ])
    expect(codes((await search(ctx, '朝阳区')).body.items)).toEqual(['110105'])
    expect(codes((await search(ctx, 'cy')).body.items).slice(0, 2)).toEqual(['2113', '110105'])
  })

  it('never finds a placeholder and leaves out levels below maxLevel', async () => {
    const ctx = await setup()
    expect((await search(ctx, '市辖区')).body.items).toEqual([])
    expect((await search(ctx, '县')).body.items).toEqual([])
    expect(codes((await search(ctx, '东莞')).body.items)).toEqual(['4419'])
    expect(codes((await search(ctx, '海淀', '&maxLevel=county')).body.items)).toEqual(['110108'])
    expect(codes((await search(ctx, 'b', '&maxLevel=province')).body.items)).toEqual(['11'])
  })

  it('pages with hasMore', async () => {
    const ctx = await setup()
    const first = await search(ctx, 'h', '&pageSize=2')
    expect(first.body).toMatchObject({ page: 1, pageSize: 2, hasMore: true })
    const all = await search(ctx, 'h', '&pageSize=30')
    expect(all.body.hasMore).toBe(false)
    const second = await search(ctx, 'h', '&pageSize=2&page=2')
    expect(codes(second.body.items)).toEqual(codes(all.body.items).slice(2, 4))
  })

  it('ranks an exact township first even when larger places fill the page, and pages add up to one long list', async () => {
    const ctx = await setup()
    await makeRegion(ctx.db, '13', '河北省', 'province', null, '河北省')
    await makeRegion(ctx.db, '1304', '邯郸市', 'city', '13', '河北省邯郸市')
    await makeRegion(ctx.db, '63', '青海省', 'province', null, '青海省')
    await makeRegion(ctx.db, '6302', '海东市', 'city', '63', '青海省海东市')
    await makeRegion(ctx.db, '110108099', '海德', 'township', '110108', '北京市海淀区海德') // initials exactly "hd"
    const first = await search(ctx, 'hd', '&pageSize=1')
    expect(codes(first.body.items)).toEqual(['110108099'])
    expect(first.body.hasMore).toBe(true)
    for (const q of ['h', 'hd', 's', 'b', '海', 'z']) {
      const all = codes((await search(ctx, q, '&pageSize=30')).body.items)
      for (const size of [1, 2, 3]) {
        const paged: string[] = []
        for (let page = 1; page <= Math.ceil(all.length / size) + 1; page++)
          paged.push(...codes((await search(ctx, q, `&pageSize=${size}&page=${page}`)).body.items))
        expect(paged, `${q} by ${size}`).toEqual(all)
      }
    }
  })

  it('treats LIKE and GLOB characters as text and refuses empty, long or malformed queries cleanly', async () => {
    const ctx = await setup()
    for (const q of ['%', '_', '*', '?', '[', "'", '\\', '😀', '\u{10FFFF}']) expect((await search(ctx, q)).body.items, q).toEqual([])
    for (const url of [
      '/api/regions/search',
      '/api/regions/search?q=',
      '/api/regions/search?q=%20%20',
      `/api/regions/search?q=${'a'.repeat(41)}`,
      '/api/regions/search?q=hd&maxLevel=village',
      '/api/regions/search?q=hd&pageSize=31',
      '/api/regions/search?q=hd&page=0',
    ]) {
      const res = await get(ctx, url)
      expect(res.status, url).toBe(400)
      expect(res.body.error.code, url).toBe('invalid_input')
    }
  })
})

describe('a region code in a profile or an activity filter', () => {
  it('is refused as invalid_region (words on the client), not a general invalid_input', async () => {
    const ctx = await setup()
    const res = await get(ctx, '/api/activities?near=1&region=1101080')
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('invalid_region')
    const member = await person(ctx)
    expect(await member.mutate('profile.update', { regionCode: '北京市海淀区' })).toMatchObject({
      status: 'rejected',
      code: 'invalid_region',
    })
    expect(await member.mutate('profile.update', { regionCode: '990000' })).toMatchObject({ status: 'rejected', code: 'unknown_region' })
    expect(await member.mutate('profile.update', { regionCode: '110108010' })).toMatchObject({ status: 'applied' })
  })
})
