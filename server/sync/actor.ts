/**
 * Who is syncing: a logged-in person, or an enrolled kiosk device (`Authorization: Device <token>`,
 * server/middleware/access.ts). Push, pull, the scope, client ids and recorded results all take an
 * Actor; code that needs a person asks for `kind === 'member'` and a device never passes as one.
 */
import type { UserRow } from '../db/database.types'
import type { DeviceSelf } from '../../shared/schemas/device'

export type MemberActor = { kind: 'member'; user: UserRow }
export type DeviceActor = { kind: 'device'; device: DeviceSelf }
export type Actor = MemberActor | DeviceActor

export const memberActor = (user: UserRow): MemberActor => ({ kind: 'member', user })
export const deviceActor = (device: DeviceSelf): DeviceActor => ({ kind: 'device', device })

/** The owner columns of sync_clients and sync_mutations: exactly one is set. */
export const ownerColumns = (actor: Actor) =>
  actor.kind === 'member' ? { user_id: actor.user.id, device_id: null } : { user_id: null, device_id: actor.device.id }

/** One key per actor for per-actor limits: a person's is their user id (a uuid), a device's is prefixed, so they never meet. */
export const actorKey = (actor: Actor) => (actor.kind === 'member' ? actor.user.id : `device:${actor.device.id}`)
