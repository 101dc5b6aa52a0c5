/**
 * Deleting an account (PIPL art. 47). Personal data goes; records an association must keep
 * (membership history now, volunteer hours later) stay, linked to an anonymised account record
 * so every foreign key still holds:
 *
 *   users row   id kept; phone → 'deleted:<uuid>' (unique, never a valid phone, so nobody can log
 *               in as it or register "into" it), name → 已注销用户, password → unusable, every
 *               profile field → null, system role dropped.
 *
 * Steps, in one transaction:
 *   1. anonymise kept rows (live memberships end as 'left', free-text reason dropped), new versions;
 *   2. tombstones for every synced row of the person (profile, memberships), so their other
 *      devices drop them on the next pull (their sessions are gone, so the client wipes on 401 too);
 *   3. delete sessions, sync clients, idempotency records, scope exits, rate-limit counters;
 *   4. anonymise the users row; 5. audit.
 * A feature holding personal rows adds an `AccountEraser` to `accountErasers`.
 */
import { randomUUID } from 'node:crypto'
import type { Executor } from '../db/database'
import type { UserRow } from '../db/database.types'
import type { DeleteAccountResult } from '../../shared/schemas/account'
import { nextVersion } from '../db/version'
import { BLANK_PROFILE } from '../db/user.repository'
import { audit } from './audit'
import { activityEraser } from './activity-account'
import { volunteerEraser } from './volunteer-account'
import { noticeEraser } from './notices'
import { volunteerTeamEraser } from './volunteer-team-account'
import { deleteCodesOf } from '../db/verification-code.repository'
import { SmsPurpose } from '../../shared/schemas/sms'

export const DELETED_PHONE_PREFIX = 'deleted:'
export const DELETED_NAME = '已注销用户'
export const isDeletedAccount = (user: Pick<UserRow, 'phone'>) => user.phone.startsWith(DELETED_PHONE_PREFIX)

type Removed = DeleteAccountResult['removed'][number]
type Kept = DeleteAccountResult['kept'][number]
export type AccountEraser = (trx: Executor, user: UserRow, now: Date) => Promise<{ removed?: Removed[]; kept?: Kept[] }>

async function tombstone(trx: Executor, table: string, rowId: string, userId: string, orgId: string | null, now: Date) {
  const version = await nextVersion(trx)
  const values = { table_name: table, row_id: rowId, version, user_id: userId, org_id: orgId, deleted_at: now.toISOString() }
  await trx
    .insertInto('tombstones')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['table_name', 'row_id']).doUpdateSet({ version, user_id: userId, org_id: orgId, deleted_at: values.deleted_at }),
    )
    .execute()
}

const membershipsEraser: AccountEraser = async (trx, user, now) => {
  const rows = await trx.selectFrom('memberships').select(['id', 'org_id', 'status']).where('user_id', '=', user.id).execute()
  for (const m of rows) {
    const version = await nextVersion(trx)
    const status = m.status === 'active' || m.status === 'pending' ? 'left' : m.status
    await trx
      .updateTable('memberships')
      .set({ status, reason: null, updated_at: now.toISOString(), version })
      .where('id', '=', m.id)
      .execute()
    await tombstone(trx, 'memberships', m.id, user.id, m.org_id, now)
  }
  return {
    kept: [
      {
        what: 'memberships',
        count: rows.length,
        why: 'the association’s member register keeps member numbers and dates; they now point to an anonymised account',
      },
    ],
  }
}

/** Everything else tied to the person that has no reason to outlive the account. */
const sessionDataEraser: AccountEraser = async (trx, user) => {
  const del = async (what: string, q: { executeTakeFirst(): Promise<{ numDeletedRows: bigint }> }) => ({
    what,
    count: Number((await q.executeTakeFirst()).numDeletedRows),
  })
  const removed = [
    await del('sessions', trx.deleteFrom('sessions').where('user_id', '=', user.id)),
    await del('syncMutations', trx.deleteFrom('sync_mutations').where('user_id', '=', user.id)),
    await del('syncClients', trx.deleteFrom('sync_clients').where('user_id', '=', user.id)),
    await del('syncScopeExits', trx.deleteFrom('sync_scope_exits').where('user_id', '=', user.id)),
    await del('knownBrowsers', trx.deleteFrom('known_browsers').where('user_id', '=', user.id)),
  ]
  // Counters are keyed by phone number or user id: the number must not linger in them.
  await trx
    .deleteFrom('rate_limits')
    .where('key', 'in', [
      `login:phone:${user.phone}`,
      `reset:phone:${user.phone}`,
      `sms:phone:${user.phone}`,
      ...SmsPurpose.options.map((p) => `sms:resend:${p}:${user.phone}`),
      `password:user:${user.id}`,
      `delete:user:${user.id}`,
    ])
    .execute()
  // live codes are keyed by the number too (no count in `removed`: a code is not data about the person)
  await deleteCodesOf(trx, user.phone)
  return { removed }
}

export const accountErasers: AccountEraser[] = [
  membershipsEraser,
  activityEraser,
  volunteerTeamEraser,
  volunteerEraser,
  noticeEraser,
  sessionDataEraser,
]

export async function deleteAccount(db: Executor, user: UserRow, now: Date): Promise<DeleteAccountResult> {
  const removed: Removed[] = []
  const kept: Kept[] = []
  for (const eraser of accountErasers) {
    const r = await eraser(db, user, now)
    removed.push(...(r.removed ?? []))
    kept.push(...(r.kept ?? []))
  }
  await tombstone(db, 'profile', user.id, user.id, null, now)
  const version = await nextVersion(db)
  await db
    .updateTable('users')
    .set({
      phone: `${DELETED_PHONE_PREFIX}${randomUUID()}`,
      name: DELETED_NAME,
      password_hash: '!deleted',
      ...BLANK_PROFILE,
      updated_at: now.toISOString(),
      version,
    })
    .where('id', '=', user.id)
    .execute()
  removed.push({ what: 'profile', count: 1 })
  const auditCount = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.or([eb('actor_id', '=', user.id), eb('target', '=', user.id)]))
    .executeTakeFirstOrThrow()
  kept.push({
    what: 'auditEntries',
    count: Number(auditCount.n) + 1,
    why: 'the audit log is kept at least 180 days by law; entries hold ids and codes, not your phone or name',
  })
  await audit(db, {
    actorId: user.id,
    action: 'account.delete',
    target: user.id,
    detail: { removed, kept: kept.map((k) => k.what) },
    at: now,
  })
  return { deleted: true, removed, kept }
}
