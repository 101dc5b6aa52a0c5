/**
 * The sync mutation budget kept in the database (server/sync/budget.ts, migration 0019): one
 * conditional upsert per take, so concurrent takes — from one instance or several — never spend
 * more than the bucket holds; it refills at the steady rate up to the burst, and full buckets can go.
 */
import { describe, expect, it } from 'vitest'
import { mutationBudget, purgeFullBudgets } from '../../server/sync/budget'
import { makeContext } from './fixtures'

describe('the mutation budget in the database', () => {
  it('gives exactly the burst to many takes at once, across two budgets on one database (two instances)', async () => {
    const ctx = await makeContext()
    const config = { burst: 5, perMinute: 60 }
    const one = mutationBudget(config, ctx.clock, ctx.db)
    const two = mutationBudget(config, ctx.clock, ctx.db)
    const taken = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).take('user-1')))
    expect(taken.filter(Boolean)).toHaveLength(5)
    expect(await one.take('user-2')).toBe(true) // another account has its own bucket
  })

  it('refills at the steady rate, never above the burst; a refusal spends nothing', async () => {
    const ctx = await makeContext()
    const budget = mutationBudget({ burst: 3, perMinute: 60 }, ctx.clock, ctx.db)
    const takes = async (n: number) => {
      let ok = 0
      for (let i = 0; i < n; i++) if (await budget.take('k')) ok++
      return ok
    }
    expect(await takes(5)).toBe(3)
    ctx.clock.advance(1_000)
    expect(await takes(5)).toBe(1)
    ctx.clock.advance(2_500)
    expect(await takes(5)).toBe(2) // 2.5 tokens: two whole ones, half a token left
    ctx.clock.advance(500)
    expect(await takes(5)).toBe(1)
    ctx.clock.advance(3_600_000)
    expect(await takes(5)).toBe(3) // an hour later: the burst, not 3600
  })

  it('purges only buckets that have refilled to the full burst', async () => {
    const ctx = await makeContext()
    const config = { burst: 2, perMinute: 60 }
    const budget = mutationBudget(config, ctx.clock, ctx.db)
    await budget.take('a')
    await budget.take('a')
    expect(await purgeFullBudgets(ctx.db, config, ctx.clock.now().getTime())).toBe(0)
    ctx.clock.advance(2_000)
    await budget.take('b')
    expect(await purgeFullBudgets(ctx.db, config, ctx.clock.now().getTime())).toBe(1)
    expect((await ctx.db.selectFrom('sync_budgets').select('key').execute()).map((r) => r.key)).toEqual(['b'])
  })
})
