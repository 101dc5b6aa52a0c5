/**
 * 消息: the person's notices from the replica (what the server said happened to them) and, in the
 * same list, this device's changes the server refused (the outbox's rejections). The unread count is
 * the tab's badge: unread notices plus refusals still waiting for the person.
 */
import { computed } from 'vue'
import { noticeMarkRead } from '../../../shared/mutations/notice'
import { MAX_MARK_READ, type Notice } from '../../../shared/schemas/notice'
import type { OutboxEntry } from '../../lib/idb'
import type { SyncEngine } from '../../lib/sync'
import { NOTICES_TABLE } from '../../lib/tables'
import { useSyncStore } from '../sync/store'
import { useReplicaQuery } from '../sync/use-replica-query'
import { noticeLink } from './model'

export type NoticeEntry =
  | { source: 'server'; key: string; at: string; unread: boolean; to: string; notice: Notice }
  | { source: 'outbox'; key: string; at: string; unread: true; to: string; entry: OutboxEntry }

const readNotices = (engine: SyncEngine) => engine.listRows(NOTICES_TABLE)

export function useNotices() {
  const sync = useSyncStore()
  const { data, loaded } = useReplicaQuery([NOTICES_TABLE], readNotices, [])
  const unreadNotices = computed(() => data.value.filter((n) => n.readAt === null))
  const entries = computed<NoticeEntry[]>(() =>
    [
      ...data.value.map((n) => ({
        source: 'server' as const,
        key: `n:${n.id}`,
        at: n.createdAt,
        unread: n.readAt === null,
        to: noticeLink(n),
        notice: n,
      })),
      ...sync.rejected.map((e) => ({
        source: 'outbox' as const,
        key: `o:${e.id}`,
        at: e.createdAt,
        unread: true as const,
        to: '/sync',
        entry: e,
      })),
    ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)),
  )
  const unreadCount = computed(() => unreadNotices.value.length + sync.rejected.length)

  /** Marks these notices read through the outbox (offline too), in batches the mutation accepts. */
  async function markRead(ids: string[]) {
    for (let i = 0; i < ids.length; i += MAX_MARK_READ) {
      await sync.mutate(noticeMarkRead, { noticeIds: ids.slice(i, i + MAX_MARK_READ) })
    }
  }
  const markAllRead = () => markRead(unreadNotices.value.map((n) => n.id))

  return { entries, unreadNotices, unreadCount, loaded, markRead, markAllRead }
}
