/**
 * Client side of `notice.markRead` (shared/mutations/notice.ts): the notices read on this device
 * stop counting at once, offline too. No clock here (a rebase re-runs it): `readAt` is '' until the
 * server's time arrives with the confirmed rows.
 */
import { z } from 'zod'
import { noticeMarkRead } from '../../../shared/mutations/notice'
import { Notice } from '../../../shared/schemas/notice'
import { NOTICES_TABLE } from '../../lib/tables'
import { presentedMutator } from '../sync/presentation'

const NoticeRows = z.array(Notice)

export const noticeMarkReadMutator = presentedMutator(noticeMarkRead, {
  async apply(replica, args) {
    for (const id of args.noticeIds) {
      const row = await replica.get(NOTICES_TABLE, id)
      if (row && row.readAt === null) await replica.put({ ...row, readAt: '' })
    }
  },
  confirmed(data) {
    const rows = NoticeRows.safeParse(data)
    return rows.success ? rows.data.map((row) => ({ table: NOTICES_TABLE, id: row.id, op: 'upsert' as const, row })) : null
  },
  describe: (args) => ({ key: 'notices.outboxMarkRead', params: { n: args.noticeIds.length } }),
})
