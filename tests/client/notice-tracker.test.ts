/**
 * The notice tracker answers updates in the order they were asked: an older update held up by its
 * write never finishes after a newer one (the race that lost a waitlist promotion under load).
 */
import { describe, expect, it } from 'vitest'
import type { Activity } from '../../shared/schemas/activity'
import type { MyRegistration, SeenState } from '../../client/features/activities/model'
import { noticeTracker } from '../../client/features/activities/notice-tracker'

const activity = {
  id: 'a',
  title: '量子计算讲座',
  status: 'published',
  startsAt: '2026-12-03T06:00:00Z',
  venueAddress: '海淀区科技馆',
} as Pick<Activity, 'id' | 'title' | 'status' | 'startsAt' | 'venueAddress'>
const acts = new Map([['a', activity]])
const reg = (status: MyRegistration['status']): MyRegistration => ({
  id: 'r',
  activityId: 'a',
  status,
  waitlistPosition: null,
  createdAt: '',
  updatedAt: '',
  version: 3,
  syncing: false,
})

/** A store whose writes wait until released, like an IndexedDB write on a busy phone. */
function slowStore(initial?: SeenState) {
  let saved = initial
  const held: Array<() => void> = []
  return {
    saved: () => saved,
    releaseAll: () => held.splice(0).forEach((go) => go()),
    read: async () => saved,
    write: (seen: SeenState) => new Promise<void>((resolve) => held.push(() => ((saved = seen), resolve()))),
  }
}

describe('noticeTracker', () => {
  it('keeps the newer update’s promotion when an older update was still writing', async () => {
    // the person has seen nothing yet: the first update writes a baseline and waits on that write
    const store = slowStore()
    const tracker = noticeTracker(store)
    const answers: string[][] = []
    const older = tracker.update([reg('waitlisted')], acts).then((n) => answers.push(n.map((x) => x.kind)))
    const newer = tracker.update([reg('registered')], acts).then((n) => answers.push(n.map((x) => x.kind)))
    await new Promise((r) => setTimeout(r, 0))
    store.releaseAll()
    await older
    await new Promise((r) => setTimeout(r, 0))
    store.releaseAll()
    await newer
    // in order: the baseline (nothing to tell), then the promotion — the last answer is the newest
    expect(answers).toEqual([[], ['promoted']])
    expect(store.saved()?.registrations.r).toBe('waitlisted')
  })

  it('a dismissal waits for the updates before it and is remembered', async () => {
    const store = slowStore({
      registrations: { r: 'waitlisted' },
      activities: { a: { status: 'published', startsAt: activity.startsAt, venueAddress: activity.venueAddress } },
    })
    const tracker = noticeTracker(store)
    const [notice] = await tracker.update([reg('registered')], acts)
    expect(notice?.kind).toBe('promoted')
    const dismissed = tracker.dismiss(notice!, [reg('registered')], acts)
    const after = tracker.update([reg('registered')], acts)
    await new Promise((r) => setTimeout(r, 0))
    store.releaseAll()
    await dismissed
    expect(await after).toEqual([])
    expect(store.saved()?.registrations.r).toBe('registered')
  })
})
