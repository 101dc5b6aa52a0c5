/**
 * Swap requests (换班): volunteer A asks teammate B to take A's slot on a shift (`shift.swapRequest`);
 * B accepts or declines and A may withdraw (`shift.swapRespond`); once B accepted, a leader approves
 * (A's sign-up is removed and B holds the slot, source `swap`) or rejects
 * (`POST /api/lead/swaps/{id}/decision`). Both are told of the leader's decision; B is told of the request.
 */
import type { z } from 'zod'
import type { LeaderSwap, ShiftSwap, ShiftSwapRequestArgs, ShiftSwapRespondArgs, SwapStatus } from '../../shared/schemas/volunteer'
import type { Executor } from '../db/database'
import type { UserRow } from '../db/database.types'
import type { ShiftSwapRow } from '../db/volunteer.table'
import { insertSignup, shiftsWithService, toSwap, type ShiftWithService } from '../db/volunteer.repository'
import { activeTeamMember, endSignup, findSignup, liveSignup, notifyShift, swapsWithNames } from '../db/shift-signup.repository'
import { nextVersion } from '../db/version'
import { DomainError } from '../errors'
import { audit } from './audit'
import type { DomainContext } from './context'
import { assertLeadsTeam } from './team-authz'
import { mustFindShift } from './volunteer-shifts'
import { assertActiveMember, assertJoinable, ownSignup, placeWarnings } from './volunteer-signups'

async function swapView(db: Executor, id: string, viewerId: string): Promise<ShiftSwap> {
  return toSwap(await swapsWithNames(db).where('w.id', '=', id).executeTakeFirstOrThrow(), viewerId)
}

async function setSwapStatus(db: Executor, id: string, status: SwapStatus, now: Date, decidedBy?: string) {
  await db
    .updateTable('shift_swaps')
    .set({ status, ...(decidedBy && { decided_by: decidedBy }), updated_at: now.toISOString(), version: await nextVersion(db) })
    .where('id', '=', id)
    .execute()
}

/** Can `userId` take a slot on the shift: an active member of its team, not on it already? Else swap_not_possible. */
async function assertCanTake(db: Executor, shift: ShiftWithService, userId: string) {
  const member = await activeTeamMember(db, shift.team_id, userId)
  if (!member) throw new DomainError('swap_not_possible', 'the teammate must be an active member of the team')
  if (await liveSignup(db, shift.id, userId)) throw new DomainError('swap_not_possible', 'the teammate is already on this shift')
  return member
}

/** shift.swapRequest: A offers their held slot to teammate B (B is told). */
export async function requestSwap({ trx, user, clock }: DomainContext, a: z.infer<typeof ShiftSwapRequestArgs>): Promise<ShiftSwap> {
  const now = clock.now()
  const s = await ownSignup(trx, a.signupId, user.id)
  if (s.status !== 'signed_up') throw new DomainError('not_live', 'only a held slot can be swapped')
  const shift = await mustFindShift(trx, s.shift_id)
  assertJoinable(shift, now)
  await assertActiveMember(trx, shift.team_id, user.id)
  if (a.toUserId === user.id) throw new DomainError('swap_not_possible', 'ask a teammate, not yourself')
  await assertCanTake(trx, shift, a.toUserId)
  const open = await trx
    .selectFrom('shift_swaps')
    .select('id')
    .where('from_signup_id', '=', s.id)
    .where('status', 'in', ['requested', 'accepted'])
    .executeTakeFirst()
  if (open) throw new DomainError('swap_not_possible', 'this slot is already offered to a teammate; withdraw that first')
  if (await trx.selectFrom('shift_swaps').select('id').where('id', '=', a.swapId).executeTakeFirst())
    throw new DomainError('swap_not_possible', 'this swap id is already in use; ask again')
  const at = now.toISOString()
  await trx
    .insertInto('shift_swaps')
    .values({
      id: a.swapId,
      shift_id: shift.id,
      team_id: shift.team_id,
      from_signup_id: s.id,
      from_user_id: user.id,
      to_user_id: a.toUserId,
      status: 'requested',
      created_at: at,
      updated_at: at,
      version: await nextVersion(trx),
    })
    .execute()
  await notifyShift(trx, shift, { userId: a.toUserId, kind: 'swap_requested', subjectId: a.swapId }, now)
  return swapView(trx, a.swapId, user.id)
}

/** shift.swapRespond: B accepts or declines a request; A withdraws one not yet decided by a leader. */
export async function respondSwap({ trx, user, clock }: DomainContext, a: z.infer<typeof ShiftSwapRespondArgs>): Promise<ShiftSwap> {
  const now = clock.now()
  const swap = await trx.selectFrom('shift_swaps').selectAll().where('id', '=', a.swapId).executeTakeFirst()
  // a swap the person is not part of answers like a missing one
  if (!swap || (swap.from_user_id !== user.id && swap.to_user_id !== user.id)) throw new DomainError('not_found', 'no such swap')
  if (a.answer === 'withdraw') {
    if (swap.from_user_id !== user.id) throw new DomainError('swap_not_possible', 'only the person who asked can withdraw')
    if (swap.status !== 'requested' && swap.status !== 'accepted') throw new DomainError('swap_not_pending', `this swap is ${swap.status}`)
    await setSwapStatus(trx, swap.id, 'withdrawn', now)
    return swapView(trx, swap.id, user.id)
  }
  if (swap.to_user_id !== user.id) throw new DomainError('swap_not_possible', 'only the teammate asked can answer')
  if (swap.status !== 'requested') throw new DomainError('swap_not_pending', `this swap is ${swap.status}`)
  if (a.answer === 'accept') {
    const shift = await mustFindShift(trx, swap.shift_id)
    assertJoinable(shift, now)
    await assertCanTake(trx, shift, user.id)
  }
  await setSwapStatus(trx, swap.id, a.answer === 'accept' ? 'accepted' : 'declined', now)
  return swapView(trx, swap.id, user.id)
}

async function leaderSwapOf(db: Executor, r: ShiftSwapRow & { from_name: string; to_name: string }): Promise<LeaderSwap> {
  const shift = (await shiftsWithService(db).where('s.id', '=', r.shift_id).executeTakeFirst())!
  const member = await activeTeamMember(db, r.team_id, r.to_user_id)
  return {
    id: r.id,
    shiftId: r.shift_id,
    serviceTitle: shift.service_title,
    startsAt: shift.starts_at,
    fromName: r.from_name,
    toName: r.to_name,
    status: r.status,
    warnings: await placeWarnings(db, shift, { userId: r.to_user_id, skillsMask: member?.skills_mask ?? 0 }, { countFull: false }),
    createdAt: r.created_at,
  }
}

/** The team's swaps waiting for a leader (accepted by the teammate), oldest first, with what the teammate would overlap. */
export async function leaderSwaps(db: Executor, user: UserRow, teamId: string): Promise<{ items: LeaderSwap[] }> {
  await assertLeadsTeam(db, user, teamId)
  const rows = await swapsWithNames(db).where('w.team_id', '=', teamId).where('w.status', '=', 'accepted').orderBy('w.created_at').execute()
  const items: LeaderSwap[] = []
  for (const r of rows) items.push(await leaderSwapOf(db, r))
  return { items }
}

/** A leader approves (A's sign-up removed, B holds the slot) or rejects an accepted swap; both people are told; audited. */
export async function decideSwap({ trx, user, clock }: DomainContext, id: string, decision: 'approve' | 'reject'): Promise<LeaderSwap> {
  const now = clock.now()
  const swap = await trx.selectFrom('shift_swaps').selectAll().where('id', '=', id).executeTakeFirst()
  if (!swap) throw new DomainError('not_found', 'no such swap')
  const team = await assertLeadsTeam(trx, user, swap.team_id)
  if (swap.status !== 'accepted') throw new DomainError('swap_not_pending', `this swap is ${swap.status}; only an accepted one is decided`)
  const shift = await mustFindShift(trx, swap.shift_id)
  if (decision === 'approve') {
    const from = await findSignup(trx, swap.from_signup_id)
    if (!from || from.status !== 'signed_up') throw new DomainError('swap_not_possible', 'the slot offered is no longer held')
    assertJoinable(shift, now)
    await assertCanTake(trx, shift, swap.to_user_id)
  }
  await setSwapStatus(trx, swap.id, decision === 'approve' ? 'approved' : 'rejected', now, user.id)
  if (decision === 'approve') {
    await endSignup(trx, (await findSignup(trx, swap.from_signup_id))!, 'removed', now, { promote: false })
    await insertSignup(trx, {
      id: crypto.randomUUID(),
      shiftId: shift.id,
      teamId: shift.team_id,
      userId: swap.to_user_id,
      status: 'signed_up',
      source: 'swap',
      assignedBy: user.id,
      now,
    })
  }
  const kind = decision === 'approve' ? 'swap_approved' : 'swap_rejected'
  for (const userId of [swap.from_user_id, swap.to_user_id])
    if (userId !== user.id) await notifyShift(trx, shift, { userId, kind, subjectId: swap.id }, now)
  await audit(trx, {
    actorId: user.id,
    action: `volunteer.swap.${decision}`,
    orgId: team.org_id,
    target: swap.id,
    detail: { shiftId: shift.id },
    at: now,
  })
  return leaderSwapOf(trx, await swapsWithNames(trx).where('w.id', '=', id).executeTakeFirstOrThrow())
}
