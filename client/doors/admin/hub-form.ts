/** A hub form's values checked with the shared schemas: the input to send, or the fields to mark. */
import type { ZodError } from 'zod'
import { HubCreateInput, HubPatch, type Hub } from '../../../shared/schemas/hub'

export interface HubFieldValues {
  kind: string
  name: string
  address: string
  regionCode: string
  openingHours: string
}
export type HubFieldName = keyof HubFieldValues

export type HubFormErrors = Partial<Record<HubFieldName | 'orgId', true>>

const FIELDS: ReadonlyArray<HubFieldName | 'orgId'> = ['orgId', 'kind', 'name', 'address', 'regionCode', 'openingHours']
function marked(error: ZodError): HubFormErrors {
  const errors: HubFormErrors = {}
  for (const issue of error.issues) {
    const field = FIELDS.find((f) => f === issue.path[0])
    if (field) errors[field] = true
  }
  return errors
}

export const emptyHubFields = (): HubFieldValues => ({
  kind: 'practice_institute',
  name: '',
  address: '',
  regionCode: '',
  openingHours: '',
})
export const hubFieldsOf = (hub: Hub): HubFieldValues => ({
  kind: hub.kind,
  name: hub.name,
  address: hub.address,
  regionCode: hub.regionCode,
  openingHours: hub.openingHours,
})

export function checkHubCreate(orgId: string, fields: HubFieldValues) {
  const parsed = HubCreateInput.safeParse({ orgId, ...fields })
  return parsed.success ? ({ ok: true, value: parsed.data } as const) : ({ ok: false, errors: marked(parsed.error) } as const)
}

/** Only the fields that changed; `nothing` when none did. */
export function checkHubPatch(hub: Hub, fields: HubFieldValues) {
  const before = hubFieldsOf(hub)
  const changed = Object.fromEntries(Object.entries(fields).filter(([k, v]) => before[k as HubFieldName] !== v))
  if (!Object.keys(changed).length) return { ok: true, value: null } as const
  const parsed = HubPatch.safeParse(changed)
  return parsed.success ? ({ ok: true, value: parsed.data } as const) : ({ ok: false, errors: marked(parsed.error) } as const)
}
