/** Stamps in server time (client/lib/server-clock.ts), for display only (never for ordering): "14:05" today, "11月27日 14:05" before. */
export function formatSyncTime(iso: string | null | undefined, locale: string, now = new Date()): string {
  if (!iso) return ''
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return ''
  const time = at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false })
  if (at.toDateString() === now.toDateString()) return time
  return `${at.toLocaleDateString(locale, { month: 'short', day: 'numeric' })} ${time}`
}
