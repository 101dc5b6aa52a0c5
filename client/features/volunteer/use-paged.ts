/**
 * A REST list read page by page ("more" appends), where a late answer to an older question is
 * dropped and "no network" is told apart from a refusal (the screen shows what this device has).
 */
import { ref, shallowRef } from 'vue'
import { expectedError } from '../../lib/errors'

export function usePaged<T>(fetchPage: (page: number) => Promise<{ items: T[]; hasMore: boolean }>) {
  const items = shallowRef<T[]>([])
  const page = ref(1)
  const hasMore = ref(false)
  const loading = ref(false)
  const offline = ref(false)
  const failed = ref(false)
  let asked = 0

  async function load(more = false) {
    const ticket = ++asked
    const next = more ? page.value + 1 : 1
    loading.value = true
    failed.value = false
    try {
      const res = await fetchPage(next)
      if (ticket !== asked) return
      items.value = more ? [...items.value, ...res.items] : res.items
      page.value = next
      hasMore.value = res.hasMore
      offline.value = false
    } catch (caught) {
      const err = expectedError(caught)
      if (ticket !== asked) return
      if (!more) items.value = []
      hasMore.value = false
      if (err.isNetwork) offline.value = true
      else failed.value = true
    } finally {
      if (ticket === asked) loading.value = false
    }
  }
  return { items, hasMore, loading, offline, failed, load }
}
