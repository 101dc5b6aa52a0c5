/**
 * The server's "now" as a ref for views: re-read every `everyMs` and whenever a new offset is
 * learned, so a registration window opens on screen when the server says so, whatever the device
 * clock shows (client/lib/server-clock.ts).
 */
import { onScopeDispose, shallowRef, type Ref } from 'vue'
import { onServerOffset, serverNow } from '../../lib/server-clock'

export function useServerNow(everyMs = 30_000): Ref<Date> {
  const now = shallowRef(serverNow())
  const tick = () => (now.value = serverNow())
  const timer = setInterval(tick, everyMs)
  const off = onServerOffset(tick)
  onScopeDispose(() => {
    clearInterval(timer)
    off()
  })
  return now
}
