/**
 * Keeps the person's activity notices in step with the replica. Every update and dismissal runs
 * after the one before it, in the order they were asked for: an older update that waits on its
 * write can never finish after a newer one and put back what the newer one found (a promotion
 * notice lost until some later change, seen under load).
 */
import { acknowledge, diffNotices, type ActivityNotice, type MyRegistration, type SeenState } from './model'

type Activities = Parameters<typeof diffNotices>[2]

/** Where the seen state is kept (the engine's device-local store in the app). */
export interface SeenStore {
  read(): Promise<SeenState | undefined>
  write(seen: SeenState): Promise<void>
}

const EMPTY: SeenState = { registrations: {}, activities: {} }

export function noticeTracker(store: SeenStore) {
  let seen: SeenState | null = null
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job)
    queue = run.catch(() => undefined)
    return run
  }
  return {
    /** The notices for these rows; the rows seen for the first time become the baseline. */
    update: (regs: MyRegistration[], activities: Activities) =>
      serial(async (): Promise<ActivityNotice[]> => {
        const before = seen ?? (await store.read()) ?? EMPTY
        const { notices, baseline } = diffNotices(before, regs, activities)
        seen = baseline
        if (JSON.stringify(baseline) !== JSON.stringify(before)) await store.write(baseline)
        return notices
      }),
    /** The notice's rows as they are now become what the person saw. */
    dismiss: (notice: ActivityNotice, regs: MyRegistration[], activities: Activities) =>
      serial(async () => {
        if (!seen) return
        seen = acknowledge(seen, notice, regs, activities)
        await store.write(seen)
      }),
  }
}
