import type { Insertable, Selectable } from 'kysely'
import type { NoticeKind } from '../../shared/schemas/notice'

/** A person's notice (migration 0015); see shared/schemas/notice.ts for what each column means. */
export interface NoticeTable {
  id: string
  user_id: string
  kind: NoticeKind
  org_id: string | null
  activity_id: string | null
  subject_id: string
  title: string
  reason: string | null
  starts_at: string | null
  venue_address: string | null
  created_at: string
  read_at: string | null
  version: number
}
export type NoticeRow = Selectable<NoticeTable>
export type NewNotice = Insertable<NoticeTable>
