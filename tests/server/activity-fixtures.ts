/** Activity fixtures: a Beijing context, an activity with sensible defaults around the test clock, and sync helpers. */
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import type { DB } from '../../server/db/database'
import { insertActivity } from '../../server/db/activity.repository'
import type { ActivityKind, ActivityStatus } from '../../shared/schemas/activity'
import { SYNC_SCHEMA_VERSION } from '../../shared/schemas/sync'
import { beijingContext, person, type Ctx } from './membership-helpers'
import { makeMembership } from './orgs-fixtures'

export { beijingContext, person, type Ctx }

/** Tests that move the clock by hours keep their sessions (the config object is read per request). */
export async function longSessionContext() {
  const ctx = await beijingContext()
  Object.assign(ctx.config, { sessionIdleMs: 30 * 86_400_000, adminSessionIdleMs: 30 * 86_400_000, sessionAbsoluteMs: 60 * 86_400_000 })
  return ctx
}

/** The test clock starts at 2026-11-28T08:00Z: registration is open, the activity is on 10 December. */
export async function makeActivity(
  db: DB,
  over: Partial<{
    id: string; orgId: string; capacity: number; audience: 'members' | 'public'; requiresApproval: boolean; status: ActivityStatus
    opensAt: string; closesAt: string; startsAt: string; endsAt: string; regionCode: string | null; title: string; creditHours: number; kind: ActivityKind
    checkInOpensMinutesBefore: number
  }> = {},
) {
  const id = over.id ?? randomUUID()
  const now = '2026-11-20T00:00:00.000Z'
  return insertActivity(db, {
    id,
    org_id: over.orgId ?? 'cast-110108',
    kind: over.kind ?? 'academic',
    title: over.title ?? '人工智能前沿讲座',
    description: '主讲：某研究员；欢迎会员参加',
    venue_address: '北京市海淀区中关村大街1号',
    hub_id: null,
    region_code: over.regionCode !== undefined ? over.regionCode : '110108',
    starts_at: over.startsAt ?? '2026-12-10T06:00:00.000Z',
    ends_at: over.endsAt ?? '2026-12-10T08:00:00.000Z',
    registration_opens_at: over.opensAt ?? '2026-11-01T00:00:00.000Z',
    registration_closes_at: over.closesAt ?? '2026-12-09T16:00:00.000Z',
    capacity: over.capacity ?? 30,
    requires_approval: over.requiresApproval ? 1 : 0,
    audience: over.audience ?? 'public',
    status: over.status ?? 'published',
    credit_hours: over.creditHours ?? 2,
    ...(over.checkInOpensMinutesBefore !== undefined && { check_in_opens_minutes_before: over.checkInOpensMinutesBefore }),
    created_by: null,
    created_at: now,
    updated_at: now,
  })
}

/**
 * Times for an activity that starts half an hour after the test clock's start (08:30–10:30Z on
 * 28 November), registration still open: check-in (default 2 h before) is open at once.
 */
export const STARTS_SOON = { startsAt: '2026-11-28T08:30:00.000Z', endsAt: '2026-11-28T10:30:00.000Z', closesAt: '2026-11-28T08:30:00.000Z' } as const

/** An active admin of `orgId`, logged in. */
export async function admin(ctx: Ctx, orgId: string) {
  const p = await person(ctx)
  await makeMembership(ctx.db, { userId: p.user.id, orgId, role: 'admin' })
  return p
}

type Person = Awaited<ReturnType<typeof person>>
export const register = (p: Person, activityId: string, registrationId: string = randomUUID()) =>
  p.mutate('activity.register', { registrationId, activityId })
export const cancel = (p: Person, registrationId: string) => p.mutate('activity.cancel', { registrationId })
export const checkIn = (p: Person, activityId: string, who: Record<string, string>, checkInId: string = randomUUID()) =>
  p.mutate('activity.checkIn', { checkInId, activityId, ...who })

/** Pulls everything from cursor 0 and returns the rows of one table by id. */
export async function pulled(p: Person, table: string): Promise<Map<string, Record<string, unknown>>> {
  const rows = new Map<string, Record<string, unknown>>()
  let cursor = 0
  for (;;) {
    const res = await p.a.get(`/api/sync/pull?cursor=${cursor}&schemaVersion=${SYNC_SCHEMA_VERSION}`)
    expect(res.status).toBe(200)
    for (const ch of res.body.changes) if (ch.table === table && ch.op === 'upsert') rows.set(ch.id, ch.row)
    cursor = res.body.cursor
    if (!res.body.hasMore) return rows
  }
}
