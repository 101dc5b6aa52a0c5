/** Leaving a team (or being removed) takes its shifts out of the person's replica, except the ones they signed up for. */
import { describe, expect, it } from 'vitest'
import { beijingContext, makeShift, makeTeamWithShift, pullAll, signUp, teamPerson } from './fixtures'

describe('a team’s shifts leave the replica with the person', () => {
  it('sends deletes for the shifts they hold no sign-up for, after they leave', async () => {
    const ctx = await beijingContext()
    const { team, service, shift } = await makeTeamWithShift(ctx.db)
    const other = await makeShift(ctx.db, {
      serviceId: service.id,
      teamId: team.id,
      startsAt: '2026-12-08T01:00:00.000Z',
      endsAt: '2026-12-08T05:00:00.000Z',
    })
    await teamPerson(ctx, team.id, 'leader')
    const p = await teamPerson(ctx, team.id, 'member')
    expect((await signUp(p, shift.id)).status).toBe('applied')
    const first = await pullAll(p.a)
    const shiftIds = first.changes.filter((c) => c.table === 'shifts' && c.op === 'upsert').map((c) => c.id)
    expect(shiftIds.sort()).toEqual([shift.id, other.id].sort())

    expect((await p.mutate('team.leave', { memberId: p.member.id })).status).toBe('applied')
    const after = await pullAll(p.a, first.cursor)
    const deleted = after.changes.filter((c) => c.table === 'shifts' && c.op === 'delete').map((c) => c.id)
    expect(deleted).toEqual([other.id])
  })
})
