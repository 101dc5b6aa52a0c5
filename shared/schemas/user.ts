import { z } from 'zod'
import { Password, PersonName, Phone } from './common'
import { humanText } from './human-text'
import { SmsCode } from './sms'

export const Discipline = z.enum(['理科', '工科', '农科', '医科', '交叉'])
export type Discipline = z.infer<typeof Discipline>
const REGION_CODE_PATTERN = /^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$/
export const RegionCode = z.string().regex(REGION_CODE_PATTERN, 'region code is 2, 4, 6 or 9 digits (GB/T 2260)')
/**
 * Whether a zod issue is a malformed region code: the server answers it as `invalid_region` (words
 * in the person's language on the client) instead of a general `invalid_input`/`invalid_args`.
 */
export const isRegionCodeIssue = (issue: { code: string; pattern?: string }) =>
  issue.code === 'invalid_format' && issue.pattern === String(REGION_CODE_PATTERN)

/** What the person themselves sees of their account (the profile they keep up to date). */
export const Me = z.object({
  id: z.string(),
  phone: z.string(),
  name: z.string(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  discipline: z.string().nullable(),
  employer: z.string().nullable(),
  title: z.string().nullable(),
  bio: z.string().nullable(),
  systemRole: z.enum(['member', 'system_admin']),
  createdAt: z.string(),
  version: z.number().int(),
})
export type Me = z.infer<typeof Me>

/** Editable profile fields (also the args of the `profile.update` mutation). */
export const ProfilePatch = z
  .object({
    name: PersonName,
    regionCode: RegionCode.nullable(),
    discipline: Discipline.nullable(),
    employer: humanText({ label: 'employer', min: 0, max: 80 }).nullable(),
    title: humanText({ label: 'title', min: 0, max: 40 }).nullable(),
    bio: humanText({ label: 'bio', min: 0, max: 500, multiline: true }).nullable(),
  })
  .partial()
  .strict()
export type ProfilePatch = z.infer<typeof ProfilePatch>

export const RegisterInput = z
  .object({
    phone: Phone,
    /** the code sent by SMS to this number (purpose `register`) */
    code: SmsCode,
    password: Password,
    name: PersonName,
    regionCode: RegionCode.optional(),
    discipline: Discipline.optional(),
    /** consent to the privacy notice is required and recorded */
    acceptPrivacy: z.literal(true, { message: 'you must accept the privacy notice' }),
  })
  .strict()
export type RegisterInput = z.infer<typeof RegisterInput>

export const LoginInput = z.object({ phone: Phone, password: z.string().min(1).max(128) }).strict()
export type LoginInput = z.infer<typeof LoginInput>

export const ChangePasswordInput = z.object({ currentPassword: z.string().min(1).max(128), newPassword: Password }).strict()
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>
