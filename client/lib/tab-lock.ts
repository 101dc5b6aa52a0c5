/**
 * One tab syncs at a time: a named Web Lock taken with ifAvailable, so a second tab skips instead of
 * pushing the same outbox again. Where Web Locks are missing (old browsers, test DOMs) a
 * process-local lock keeps at least this page's engines apart.
 */
export const SYNC_LOCK_NAME = 'scientists-home-sync'

export interface TabLocks {
  /** Runs `fn` holding the lock and returns true, or returns false at once when another holder has it. */
  tryRun(name: string, fn: () => Promise<void>): Promise<boolean>
}

interface LockManagerLike {
  request(name: string, options: { ifAvailable: boolean }, cb: (lock: unknown) => Promise<unknown>): Promise<unknown>
}

export function webLocks(manager: LockManagerLike): TabLocks {
  return {
    async tryRun(name, fn) {
      let ran = false
      await manager.request(name, { ifAvailable: true }, async (lock) => {
        if (!lock) return
        ran = true
        await fn()
      })
      return ran
    },
  }
}

const held = new Set<string>()
export const localLocks: TabLocks = {
  async tryRun(name, fn) {
    if (held.has(name)) return false
    held.add(name)
    try {
      await fn()
      return true
    } finally {
      held.delete(name)
    }
  },
}

export function defaultLocks(): TabLocks {
  const manager = (globalThis.navigator as { locks?: LockManagerLike | null } | undefined)?.locks
  return manager ? webLocks(manager) : localLocks
}
