/**
 * Enqueue time by outbox size: the time `engine.mutate()` takes (outbox entry + optimistic change
 * in one IndexedDB transaction, then the status update) with 10, 100 and 1,000 entries pending,
 * offline (nothing is pushed). "before" repeats what every mutation used to do on top of that:
 * re-read the whole outbox into the status (`engine.refresh()`), measured in the same run.
 * IndexedDB is fake-indexeddb (in memory, in Node): absolute times differ from a phone's browser,
 * the ratios between sizes are what the figure is about.
 * Run: npx tsx bench/outbox-enqueue.ts
 */
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { openSyncDb } from '../client/lib/idb'
import { enqueue } from '../client/lib/outbox'
import { withTx } from '../client/lib/replica'
import { SyncEngine } from '../client/lib/sync'
import { clientMutators } from '../client/features/sync/mutators'

const SIZES = [10, 100, 1_000]
const SAMPLES = 200
const profileUpdate = clientMutators['profile.update']!

async function engineWith(pending: number) {
  globalThis.indexedDB = new IDBFactory()
  const db = await openSyncDb({ name: `bench-${pending}` })
  await db.put('rows', { table: 'profile', id: 'u-1', name: '张三', bio: null })
  // fill the outbox through the real write path, in one transaction
  await withTx(db, async (tx) => {
    for (let i = 0; i < pending; i++) {
      await enqueue(tx, profileUpdate, {
        id: crypto.randomUUID(),
        name: 'profile.update',
        args: { bio: `第${i}条` },
        createdAt: new Date().toISOString(),
      })
    }
  })
  const engine = new SyncEngine({
    db,
    mutators: clientMutators,
    channelName: null,
    fetch: async () => {
      throw new TypeError('offline')
    },
  })
  engine.schedule = () => undefined // nothing is pushed: the outbox only grows
  await engine.refresh()
  return engine
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

async function measure(pending: number) {
  const engine = await engineWith(pending)
  const now: number[] = []
  const before: number[] = []
  // Each sample's entry is taken out of IndexedDB again (untimed), so every sample sees exactly
  // `pending` entries. Two phases, so the big arrays "before" allocates do not land (as garbage
  // collection) in the other series.
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now()
    const entry = await engine.mutate('profile.update', { bio: `新${i}` })
    now.push(performance.now() - t)
    await engine.db.delete('outbox', entry.id)
  }
  await engine.refresh()
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now()
    const entry = await engine.mutate('profile.update', { bio: `旧${i}` })
    await engine.refresh()
    before.push(performance.now() - t)
    await engine.db.delete('outbox', entry.id)
  }
  engine.db.close()
  return { pending, now: median(now), before: median(before) }
}

// warm-up (JIT, fake-indexeddb internals)
await measure(10)
const rows = []
for (const size of SIZES) rows.push(await measure(size))
const base = rows[0]!
console.log(`| pending | enqueue now (median of ${SAMPLES}) | × at 10 | enqueue + full re-read (before) | × at 10 |`)
console.log('| ---: | ---: | ---: | ---: | ---: |')
for (const r of rows) {
  console.log(
    `| ${r.pending.toLocaleString('en')} | ${r.now.toFixed(2)} ms | ${(r.now / base.now).toFixed(2)} | ${r.before.toFixed(2)} ms | ${(r.before / base.before).toFixed(2)} |`,
  )
}
