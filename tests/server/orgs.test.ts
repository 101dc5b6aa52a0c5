import { describe, expect, it } from 'vitest'
import { CompiledQuery, sql } from 'kysely'
import fc from 'fast-check'
import { beijingContext, makeMembership, makeOrg, makeUser, person } from './fixtures'
import { onPostgres } from './fixtures/database'
import { orgSearchQueries, searchOrgIds } from '../../server/db/search'

const setup = beijingContext
const ids = (body: { items: Array<{ id: string }> }) => body.items.map((i) => i.id)

describe('GET /api/orgs (search)', () => {
  it('finds a 3+ character substring through FTS and answers the documented shape', async () => {
    const ctx = await setup()
    const res = await ctx.agent().get('/api/orgs?q=' + encodeURIComponent('计算机学会'))
    expect(res.status).toBe(200)
    expect(ids(res.body)).toEqual(['society-1'])
    expect(res.body.total).toBe(1)
    expect(res.body.items[0]).toEqual({
      id: 'society-1',
      name: '中国计算机学会',
      shortName: null,
      kind: 'society',
      level: 'national',
      regionCode: null,
      regionName: null,
      parentId: 'cast-national',
      discipline: '工科',
      status: 'established',
      joinPolicy: 'approval',
    })
  })

  it('finds two-character and one-character terms (no trigram) and ranks exact, prefix, level, length', async () => {
    const ctx = await setup()
    const a = ctx.agent()
    const haidian = await a.get('/api/orgs?q=' + encodeURIComponent('海淀'))
    // the county 科协 (short name starts with 海淀, county level) before its streets; park only via its region
    expect(ids(haidian.body).slice(0, 3)).toEqual(['cast-110108', 'cast-110108011', 'cast-110108010'])
    expect(ids(haidian.body)).toContain('park-zgc')
    expect(haidian.body.total).toBe(4)
    const physics = await a.get('/api/orgs?q=' + encodeURIComponent('物理'))
    expect(ids(physics.body)).toEqual(['society-2', 'society-3'])
    const one = await a.get('/api/orgs?q=' + encodeURIComponent('协'))
    expect(one.body.total).toBe(13) // every 科协 and the 农技协; 学会 has no 协
    const exact = await a.get('/api/orgs?q=' + encodeURIComponent('海淀区科协'))
    expect(ids(exact.body)[0]).toBe('cast-110108')
    const prefix = await a.get('/api/orgs?q=' + encodeURIComponent('中关村'))
    expect(ids(prefix.body)).toEqual(['park-zgc', 'cast-110108010'])
  })

  it('treats LIKE and FTS operators in the query as plain text', async () => {
    const ctx = await setup()
    const a = ctx.agent()
    for (const q of ['%', '_', '%%%', '"', 'a" OR "b', '海淀 OR', 'NEAR(海淀区 科协)', '*', '\\']) {
      const res = await a.get('/api/orgs?q=' + encodeURIComponent(q))
      expect(res.status, q).toBe(200)
      expect(res.body.total, q).toBe(0)
    }
  })

  it('combines terms and filters by kind, region prefix and discipline', async () => {
    const ctx = await setup()
    const a = ctx.agent()
    // both terms must match: the park is in 海淀区 and named 中关村…
    expect(ids((await a.get('/api/orgs?q=' + encodeURIComponent('海淀 中关村'))).body)).toEqual(['park-zgc', 'cast-110108010'])
    expect(ids((await a.get('/api/orgs?kind=park')).body)).toEqual(['park-zgc'])
    const inHaidian = await a.get('/api/orgs?region=110108&pageSize=50')
    expect(ids(inHaidian.body).sort()).toEqual(['cast-110108', 'cast-110108010', 'cast-110108011', 'park-zgc'])
    const science = await a.get('/api/orgs?kind=society&discipline=' + encodeURIComponent('理科'))
    expect(ids(science.body)).toEqual(['society-2', 'society-3'])
    const casts = await a.get('/api/orgs?q=' + encodeURIComponent('科学技术协会') + '&region=11')
    expect(casts.body.total).toBe(7)
    expect(ids(casts.body)[0]).toBe('cast-11')
  })

  it('pages without overlap', async () => {
    const ctx = await setup()
    const a = ctx.agent()
    const p1 = await a.get('/api/orgs?q=' + encodeURIComponent('科协') + '&pageSize=5&page=1')
    const p2 = await a.get('/api/orgs?q=' + encodeURIComponent('科协') + '&pageSize=5&page=2')
    expect(p1.body.total).toBe(p2.body.total)
    expect(p1.body.items).toHaveLength(5)
    expect(ids(p1.body).filter((id: string) => ids(p2.body).includes(id))).toEqual([])
  })

  it('ranks the logged-in person’s own region chain first', async () => {
    const ctx = await setup()
    const anon = await ctx.agent().get('/api/orgs?q=' + encodeURIComponent('街道'))
    expect(ids(anon.body)[0]).toBe('cast-110105001')
    const haidian = await person(ctx, { regionCode: '110108011' })
    const own = await haidian.a.get('/api/orgs?q=' + encodeURIComponent('街道'))
    expect(ids(own.body)).toEqual(['cast-110108011', 'cast-110108010', 'cast-110105001'])
    const { a } = await person(ctx, { regionCode: '110105001' })
    const chain = await a.get('/api/orgs?q=' + encodeURIComponent('科学技术协会') + '&pageSize=4')
    expect(ids(chain.body)).toEqual(['cast-110105001', 'cast-110105', 'cast-1101', 'cast-11'])
  })

  it('keeps the index in step with organisations (insert, rename, delete)', async () => {
    const ctx = await setup()
    const a = ctx.agent()
    await makeOrg(ctx.db, { id: 'campus-thu', name: '清华大学科协', kind: 'campus', regionCode: '110108', parentId: 'cast-110108' })
    expect(ids((await a.get('/api/orgs?q=' + encodeURIComponent('清华大学'))).body)).toEqual(['campus-thu'])
    await ctx.db.updateTable('organizations').set({ name: '清华大学科学技术协会' }).where('id', '=', 'campus-thu').execute()
    expect(ids((await a.get('/api/orgs?q=' + encodeURIComponent('科学技术协会') + '&kind=campus')).body)).toEqual(['campus-thu'])
    expect((await a.get('/api/orgs?q=' + encodeURIComponent('清华大学科协'))).body.total).toBe(0)
    await ctx.db.deleteFrom('organizations').where('id', '=', 'campus-thu').execute()
    expect((await a.get('/api/orgs?q=' + encodeURIComponent('清华大学'))).body.total).toBe(0)
    if (onPostgres) {
      // PostgreSQL has no separate index table to check: the doc table is what the GIN index covers
      const docs = await ctx.db.selectFrom('org_search_doc').select('org_id').orderBy('org_id').execute()
      const orgs = await ctx.db.selectFrom('organizations').select('id').orderBy('id').execute()
      expect(docs.map((d) => d.org_id)).toEqual(orgs.map((o) => o.id))
    } else {
      // the FTS index itself agrees with the doc table (integrity-check raises on any mismatch)
      await sql`insert into org_search_fts(org_search_fts, rank) values ('integrity-check', 1)`.execute(ctx.db)
    }
  })

  it('ignores ASCII case on both engines, in the filter and in the ranking (FTS5 and LIKE do on SQLite)', async () => {
    const ctx = await setup()
    await makeOrg(ctx.db, {
      id: 'society-ieee',
      name: 'IEEE北京分会',
      shortName: 'IEEE',
      kind: 'society',
      regionCode: '11',
      parentId: 'cast-11',
    })
    await makeOrg(ctx.db, { id: 'society-acm', name: '北京ACM学会', kind: 'society', regionCode: '11', parentId: 'cast-11' })
    const a = ctx.agent()
    // 3+ characters (trigram index), 1–2 characters (LIKE/ILIKE), the exact-match rank is case-sensitive on both
    for (const q of ['ieee', 'IeEe北京', 'ie', 'E北', 'IEEE'])
      expect(ids((await a.get('/api/orgs?q=' + encodeURIComponent(q))).body), q).toEqual(['society-ieee'])
    expect(ids((await a.get('/api/orgs?q=ac')).body)).toEqual(['society-acm'])
    // a prefix (ACM中国…) before inside the name (北京ACM学会), the longer name first, whatever the case typed
    await makeOrg(ctx.db, { id: 'society-acm-cn', name: 'ACM中国计算机协会理事会', kind: 'society', regionCode: '11', parentId: 'cast-11' })
    for (const q of ['acm', 'Acm', 'ACM']) expect(ids((await a.get('/api/orgs?q=' + q)).body), q).toEqual(['society-acm-cn', 'society-acm'])
  })

  it('ranks a person’s own region chain first, straight from searchOrgIds', async () => {
    const ctx = await setup()
    const search = (q: string, userRegion: string | null, pageSize = 20) => searchOrgIds(ctx.db, { q, userRegion, page: 1, pageSize })
    expect((await search('街道', null)).ids[0]).toBe('cast-110105001')
    expect((await search('街道', '110108011')).ids).toEqual(['cast-110108011', 'cast-110108010', 'cast-110105001'])
    expect((await search('科学技术协会', '110105001', 4)).ids).toEqual(['cast-110105001', 'cast-110105', 'cast-1101', 'cast-11'])
    const twoTerms = await search('海淀 科学技术协会', '110108010')
    expect(twoTerms.ids).toEqual(['cast-110108010', 'cast-110108', 'cast-110108011'])
    expect(twoTerms.total).toBe(3)
  })

  // PostgreSQL only: the GIN trigram index (0003_search.pg.ts) must serve the 3+ character filter,
  // i.e. search.ts writes its expression exactly as the index does. (SQLite's FTS5 table is the index.)
  it.runIf(onPostgres)('filters 3+ character terms through the pg_trgm index on PostgreSQL', async () => {
    const ctx = await setup()
    const plan = await ctx.db.transaction().execute(async (trx) => {
      // a test-sized table is cheapest to scan; forbid that to see whether the index can serve
      await sql`set local enable_seqscan = off`.execute(trx)
      const lines: string[] = []
      for (const q of Object.values(orgSearchQueries(trx, { q: '海淀区 科学技术协会', page: 1, pageSize: 20 }))) {
        const { sql: text, parameters } = q.compile()
        const res = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${text}`, [...parameters]))
        lines.push(...res.rows.map((r) => r['QUERY PLAN']))
      }
      return lines.join('\n')
    })
    // both queries (the page and the count) go through it
    expect(plan.match(/Bitmap Index Scan on org_search_doc_trgm/g)).toHaveLength(2)
  })

  it('never fails on arbitrary text (fuzz): 200, or 400 for control characters', async () => {
    const ctx = await setup()
    const pieces = fc.constantFrom(
      '海',
      '淀',
      '区',
      '科协',
      '"',
      '%',
      '_',
      '\\',
      '*',
      '^',
      ' ',
      'AND',
      'NEAR(',
      ')',
      ':',
      '-',
      '\u0000',
      '\t',
      '😀',
      '𠀀',
    )
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 40 }),
          fc.array(pieces, { maxLength: 12 }).map((a) => a.join('')),
        ),
        async (q) => {
          const res = await ctx.app.request('/api/orgs?q=' + encodeURIComponent(q))
          expect([200, 400]).toContain(res.status)
          if (res.status === 400) expect((await res.json()).error.code).toBe('invalid_input')
        },
      ),
      { numRuns: 300, seed: 4 },
    )
  })

  it('refuses bad parameters with 400 JSON', async () => {
    const ctx = await setup()
    const a = ctx.agent()
    for (const qs of [
      'q=a%00b',
      'kind=club',
      'region=1101x',
      'region=123',
      'discipline=文科',
      'page=0',
      'page=abc',
      'pageSize=51',
      'pageSize=-1',
      `q=${'海'.repeat(41)}`,
    ]) {
      const res = await a.get('/api/orgs?' + qs)
      expect(res.status, qs).toBe(400)
      // a malformed region code has its own code, worded by the client (issue 12)
      expect(res.body.error.code, qs).toBe(qs.startsWith('region=') ? 'invalid_region' : 'invalid_input')
    }
  })
})

describe('GET /api/orgs/:id', () => {
  it('shows breadcrumbs up to 中国科协, child 科协, attached organisations and the member count', async () => {
    const ctx = await setup()
    const u1 = await makeUser(ctx.db)
    const u2 = await makeUser(ctx.db)
    await makeMembership(ctx.db, { userId: u1.id, orgId: 'cast-110108' })
    await makeMembership(ctx.db, { userId: u2.id, orgId: 'cast-110108', status: 'pending' })
    const res = await ctx.agent().get('/api/orgs/cast-110108')
    expect(res.status).toBe(200)
    expect(res.body.breadcrumbs.map((b: { id: string }) => b.id)).toEqual(['cast-national', 'cast-11', 'cast-1101'])
    expect(ids(res.body.children)).toEqual(['cast-110108010', 'cast-110108011'])
    expect(ids(res.body.localOrgs)).toEqual(['park-zgc'])
    expect(res.body.memberCount).toBe(1)
    expect(res.body.joinPolicy).toBe('approval')
    expect(res.body.regionName).toBe('北京市海淀区')
    expect(res.body).not.toHaveProperty('activities')

    const national = await ctx.agent().get('/api/orgs/cast-national')
    expect(national.body.breadcrumbs).toEqual([])
    expect(ids(national.body.children)).toEqual(['cast-11', 'cast-37'])
    expect(ids(national.body.localOrgs).sort()).toEqual(['society-1', 'society-2', 'society-3'])
  })

  it('pages children and answers 404 / 400', async () => {
    const ctx = await setup()
    const a = ctx.agent()
    const page = await a.get('/api/orgs/cast-110108/children?group=cast&pageSize=1&page=2')
    expect(page.status).toBe(200)
    expect(page.body).toMatchObject({ total: 2, page: 2, pageSize: 1 })
    expect(ids(page.body)).toEqual(['cast-110108011'])
    expect((await a.get('/api/orgs/cast-999999')).status).toBe(404)
    expect((await a.get('/api/orgs/cast-999999/children')).status).toBe(404)
    const bad = await a.get('/api/orgs/' + encodeURIComponent('Bad Id!'))
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('invalid_input')
    expect((await a.get('/api/orgs/cast-11/children?group=nope')).status).toBe(400)
    expect((await a.get('/api/orgs/cast-11/children?pageSize=201')).status).toBe(400)
  })
})

describe('GET /api/orgs/suggest (我的组织)', () => {
  it('needs a login', async () => {
    const ctx = await setup()
    const res = await ctx.agent().get('/api/orgs/suggest')
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthorized')
  })

  it('suggests the local 科协 chain, most local first, and societies of the person’s discipline', async () => {
    const ctx = await setup()
    const { user, a } = await person(ctx, { regionCode: '110108010' })
    await ctx.db.updateTable('users').set({ discipline: '理科' }).where('id', '=', user.id).execute()
    const res = await a.get('/api/orgs/suggest')
    expect(res.status).toBe(200)
    expect(ids({ items: res.body.local })).toEqual(['cast-110108010', 'cast-110108', 'cast-1101', 'cast-11'])
    expect(ids({ items: res.body.societies }).sort()).toEqual(['society-2', 'society-3'])
  })

  it('answers empty lists for a person with no region or discipline', async () => {
    const ctx = await setup()
    const { a } = await person(ctx)
    expect((await a.get('/api/orgs/suggest')).body).toEqual({ local: [], societies: [] })
  })
})

describe('OpenAPI', () => {
  it('documents every organisation, card and admin membership route from the zod schemas', async () => {
    const ctx = await setup()
    const doc = (await ctx.agent().get('/api/openapi.json')).body
    for (const path of [
      '/api/orgs',
      '/api/orgs/suggest',
      '/api/orgs/{id}',
      '/api/orgs/{id}/children',
      '/api/cards',
      '/api/cards/public-keys',
      '/api/cards/revocations',
      '/api/admin/memberships',
      '/api/admin/memberships/{id}/approve',
      '/api/admin/memberships/{id}/reject',
      '/api/admin/orgs/{id}/members',
    ])
      expect(doc.paths, path).toHaveProperty([path])
    expect(doc.paths['/api/orgs'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      'q',
      'kind',
      'region',
      'discipline',
      'page',
      'pageSize',
    ])
    expect(doc.paths['/api/admin/memberships/{id}/reject'].post.requestBody.content['application/json'].schema.required).toEqual(['reason'])
  })
})
