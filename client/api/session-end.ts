/**
 * A logout that could not reach the server (offline "仍然退出") is queued, not forgotten: a marker
 * in localStorage (no personal data) says "this browser's session must end". It is sent as soon as
 * possible — at the next start, when the network returns (any tab), and before any other request
 * (client/api/http.ts), so the old cookie is never used again while the marker is set.
 */
export const STORAGE_KEY_PENDING_LOGOUT = 'sh.account.pendingLogout'

export function markSessionEnding(): void {
  try {
    localStorage.setItem(STORAGE_KEY_PENDING_LOGOUT, '1')
  } catch {
    // storage refused: the logout request below is then the only attempt
  }
}

export function sessionEndPending(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY_PENDING_LOGOUT) !== null
  } catch {
    return false
  }
}

let sending: Promise<boolean> | null = null

/**
 * Sends the queued logout. Resolves true once no logout is waiting (sent now, or none was queued);
 * false when the server could not be reached (the marker stays for the next attempt). Any answer
 * below 500 ends the matter: the logout route answers 200 with or without a live session.
 */
export function endPendingSession(): Promise<boolean> {
  if (!sessionEndPending()) return Promise.resolve(true)
  sending ??= (async () => {
    try {
      const res = await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } })
      if (res.status >= 500) return false
      localStorage.removeItem(STORAGE_KEY_PENDING_LOGOUT)
      return true
    } catch {
      return false
    }
  })().finally(() => {
    sending = null
  })
  return sending
}
