/**
 * What a hub's kiosk (a device with a hub, issue 14) may do when it runs a check-in: only for its
 * own hub, only by card, member number or phone (never a walk-in name), and its answers never carry
 * a person's id or full name. Its writes and audit entries name it as `device:<id>`.
 */
import type { DeviceSelf } from '../../shared/schemas/device'
import { DomainError } from '../errors'

/** How a kiosk is named where a person's id would stand (audit actor, checked_in_by). */
export const kioskActorId = (device: Pick<DeviceSelf, 'id'>) => `device:${device.id}`

/** The kiosk's hub; an organisation-bound device (no hub) is refused with not_at_hub. */
export function kioskHubOf(device: DeviceSelf): string {
  if (!device.hubId) throw new DomainError('not_at_hub', 'only a kiosk enrolled to a hub may check people in')
  return device.hubId
}

/** Refuses unless the target takes place at the kiosk's hub. */
export function assertAtHub(device: DeviceSelf, targetHubId: string | null) {
  if (targetHubId !== kioskHubOf(device)) throw new DomainError('not_at_hub', 'this does not take place at this kiosk’s hub')
}

/** A kiosk identifies people by card, member number or phone only; a walk-in name or the desk's list is for staff desks. */
export function assertKioskIdentifies(args: { card?: string; memberNo?: string; phone?: string; name?: string; signupId?: string }) {
  if (args.name !== undefined || args.signupId !== undefined || (args.card ?? args.memberNo ?? args.phone) === undefined)
    throw new DomainError('invalid_args', 'a kiosk checks people in by member card, member number or phone only')
}

/** The first character and one star, whatever the length: 王* for 王小明 (shown on a shared screen). */
export const maskName = (name: string) => {
  const chars = [...name.trim()]
  return chars.length <= 1 ? chars.join('') : `${chars[0]}*`
}
