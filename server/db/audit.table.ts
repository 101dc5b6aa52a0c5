import type { Generated, Selectable } from 'kysely'

export interface AuditLogTable {
  id: Generated<number>
  actor_id: string | null
  action: string
  org_id: string | null
  target: string | null
  detail: string | null
  at: string
}
export type AuditLogRow = Selectable<AuditLogTable>
