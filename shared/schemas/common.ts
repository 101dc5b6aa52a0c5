import { z } from 'zod'
import { humanText } from './human-text'

/** Mainland mobile number: 11 digits starting 13–19. */
export const Phone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, 'phone must be a mainland mobile number (11 digits, starting 13–19)')
/** A person's name as they or an organiser typed it (registration, profile, a walk-in). */
export const PersonName = humanText({ label: 'name', max: 40 })
export const Password = z.string().min(8, 'password must be at least 8 characters').max(128, 'password is at most 128 characters')
export const Uuid = z.string().uuid()
export const IsoDateTime = z.string().datetime({ offset: true })

/** The one error shape every API answer uses. */
export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
})
export type ErrorBody = z.infer<typeof ErrorBody>

/** Masks a phone for anyone but its owner: 13812341234 → 138****1234. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****'
}
