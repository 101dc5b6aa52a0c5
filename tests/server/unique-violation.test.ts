/** Unique violations are recognised by the driver's error code (server/db/unique.ts), not by message text. */
import { describe, expect, it } from 'vitest'
import { makeContext, makeOrg, makeUser } from './fixtures'
import { isUniqueViolation } from '../../server/db/unique'
import { insertMembership } from '../../server/db/membership.repository'

const caught = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: unknown) => err,
  )

describe('isUniqueViolation', () => {
  it('recognises SQLite unique-index and primary-key violations, and nothing else', async () => {
    const { db } = await makeContext()
    const user = await makeUser(db)
    await makeOrg(db, { id: 'org-1', name: '某区科协' })
    const row = {
      id: 'm-1',
      user_id: user.id,
      org_id: 'org-1',
      status: 'pending',
      role: 'member',
      member_no: null,
      reason: null,
      valid_until: null,
      created_at: '2026-11-28T08:00:00.000Z',
      updated_at: '2026-11-28T08:00:00.000Z',
    } as const
    // each insert in its own transaction (as the server does): on PostgreSQL a failed statement ends its transaction
    const insert = (r: typeof row | (Omit<typeof row, 'id' | 'org_id'> & { id: string; org_id: string })) =>
      db.transaction().execute((trx) => insertMembership(trx, r))
    expect(await insert(row)).toMatchObject({ id: 'm-1', status: 'pending' })
    // same id: the primary key
    expect(isUniqueViolation(await caught(insert(row)))).toBe(true)
    // another id, same live (person, organisation): the unique "live" index
    expect(isUniqueViolation(await caught(insert({ ...row, id: 'm-2' })))).toBe(true)
    // a foreign key failure is not a duplicate
    const fk = await caught(insert({ ...row, id: 'm-3', org_id: 'no-such-org' }))
    expect(fk).toBeInstanceOf(Error)
    expect(isUniqueViolation(fk)).toBe(false)
  })

  it('recognises PostgreSQL SQLSTATE 23505 and ignores message text', () => {
    expect(isUniqueViolation(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(true)
    expect(isUniqueViolation(new Error('UNIQUE constraint failed: users.phone'))).toBe(false)
    expect(
      isUniqueViolation(Object.assign(new Error('CHECK constraint failed: unique_looking_name'), { code: 'SQLITE_CONSTRAINT_CHECK' })),
    ).toBe(false)
    expect(isUniqueViolation('UNIQUE')).toBe(false)
    expect(isUniqueViolation(null)).toBe(false)
  })
})
