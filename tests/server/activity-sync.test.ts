/** Synced 'activities' scope: the person's 科协 chain and organisations, plus what they registered for; nothing else. */
import { describe, expect, it } from 'vitest'
import { beijingContext, makeActivity, makeMembership, person, pulled, register } from './fixtures'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'

describe("synced table 'activities'", () => {
  it('carries the region chain and member organisations, a registered activity from elsewhere, and places left as they change', async () => {
    const ctx = await beijingContext()
    const p = await person(ctx, { regionCode: '110108010' })
    const street = await makeActivity(ctx.db, { orgId: 'cast-110108010' })
    const county = await makeActivity(ctx.db, { orgId: 'cast-110108' })
    const national = await makeActivity(ctx.db, { orgId: 'cast-national', regionCode: null })
    const society = await makeActivity(ctx.db, { orgId: 'society-2', regionCode: null })
    const elsewhere = await makeActivity(ctx.db, { orgId: 'cast-370783', regionCode: '370783', capacity: 5 })
    const neighbour = await makeActivity(ctx.db, { orgId: 'cast-110105' })
    let seen = await pulled(p, 'activities')
    expect([...seen.keys()].sort()).toEqual([street.id, county.id, national.id].sort())
    // joining a society brings its activities (riding on the membership's version)
    await makeMembership(ctx.db, { userId: p.user.id, orgId: 'society-2' })
    // registering for an activity elsewhere brings that one
    await register(p, elsewhere.id)
    seen = await pulled(p, 'activities')
    expect(seen.has(society.id)).toBe(true)
    expect(seen.get(elsewhere.id)).toMatchObject({ placesLeft: 4, placesTaken: 1 })
    expect(seen.has(neighbour.id)).toBe(false)
    // the same pull from a cursor: only what changed after it
    const first = await p.a.get(`/api/sync/pull?cursor=0&schemaVersion=${SYNC_SCHEMA_VERSION}`)
    await register(await person(ctx), elsewhere.id)
    const since = await p.a.get(`/api/sync/pull?cursor=${first.body.cursor}&schemaVersion=${SYNC_SCHEMA_VERSION}`)
    const acts = since.body.changes.filter((c: { table: string }) => c.table === 'activities')
    expect(acts).toHaveLength(1)
    expect(acts[0].row).toMatchObject({ id: elsewhere.id, placesLeft: 3 })
  })
})
