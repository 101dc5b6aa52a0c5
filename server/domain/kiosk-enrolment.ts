/**
 * Enrolling a kiosk (POST /api/kiosk/enrol, no session): a one-time code an admin issued for a hub
 * becomes a device credential bound to that hub (its organisation the hub's) with the next short
 * device number. In one transaction: the code is used up by a conditional update (`used_at is null`,
 * so two tablets racing with one code cannot both win) and the device is inserted. Unknown, used and
 * expired codes get one answer (422 enrolment_code_invalid); a closed hub 409 hub_closed.
 * The route takes a rate-limit attempt by the caller's address first.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { DB } from '../db/database'
import { isUniqueViolation } from '../db/unique'
import { tokenHash } from '../middleware/access'
import { DomainError } from '../errors'
import { audit } from './audit'
import type { Clock } from '../deps'
import type { KioskEnrolInput } from '../../shared/schemas/hub'
import type { DeviceSelf } from '../../shared/schemas/device'
import { writeTransaction } from '../db/transaction'

const codeInvalid = () =>
  new DomainError('enrolment_code_invalid', 'this enrolment code is wrong, used or expired; ask an administrator of the hub for a new one')

/** Inserting with max(device_no)+1 can meet a concurrent enrolment; it tries again this many times. */
const DEVICE_NO_TRIES = 5

export async function enrolKiosk(db: DB, clock: Clock, input: KioskEnrolInput): Promise<{ token: string; device: DeviceSelf }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await enrolOnce(db, clock, input)
    } catch (err) {
      if (attempt < DEVICE_NO_TRIES && isUniqueViolation(err)) continue
      throw err
    }
  }
}

async function enrolOnce(db: DB, clock: Clock, input: KioskEnrolInput) {
  const now = clock.now()
  const at = now.toISOString()
  return writeTransaction(db, async (trx) => {
    const code = await trx
      .selectFrom('device_enrolment_codes as c')
      .innerJoin('hubs as h', 'h.id', 'c.hub_id')
      .innerJoin('organizations as o', 'o.id', 'h.org_id')
      .select([
        'c.id',
        'c.hub_id',
        'c.created_by',
        'c.expires_at',
        'c.used_at',
        'h.org_id',
        'h.name as hub_name',
        'h.status',
        'o.name as org_name',
      ])
      .where('c.code_hash', '=', tokenHash(input.code))
      .executeTakeFirst()
    if (!code || code.used_at !== null || code.expires_at <= at) throw codeInvalid()
    if (code.status !== 'active') throw new DomainError('hub_closed', 'this hub is closed; kiosks cannot be enrolled to it')
    const token = randomBytes(32).toString('base64url')
    const id = randomUUID()
    const used = await trx
      .updateTable('device_enrolment_codes')
      .set({ used_at: at, device_id: id })
      .where('id', '=', code.id)
      .where('used_at', 'is', null)
      .executeTakeFirst()
    if (Number(used.numUpdatedRows) !== 1) throw codeInvalid()
    const { max } = await trx
      .selectFrom('devices')
      .select((eb) => eb.fn.max('device_no').as('max'))
      .executeTakeFirstOrThrow()
    const deviceNo = Number(max ?? 0) + 1
    await trx
      .insertInto('devices')
      .values({
        id,
        org_id: code.org_id,
        hub_id: code.hub_id,
        device_no: deviceNo,
        name: input.name,
        token_hash: tokenHash(token),
        created_by: code.created_by,
        created_at: at,
        last_seen_at: null,
        revoked_at: null,
        revoked_by: null,
      })
      .execute()
    await audit(trx, {
      actorId: code.created_by,
      action: 'device.enrol',
      orgId: code.org_id,
      target: code.hub_id,
      detail: { deviceId: id, deviceNo },
      at: now,
    })
    const device: DeviceSelf = {
      id,
      name: input.name,
      orgId: code.org_id,
      orgName: code.org_name,
      hubId: code.hub_id,
      hubName: code.hub_name,
      deviceNo,
    }
    return { token, device }
  })
}
