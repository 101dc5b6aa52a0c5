/**
 * The one way a view reads the replica: `read` runs when the engine starts (or stops: then the
 * value is `initial`), and again only when a change touched one of `tables` — a pull page of
 * organisations does not make the profile page read anything. A read that finishes after a newer
 * one started is dropped, so a slow old answer never overwrites a fresh one.
 */
import { onScopeDispose, shallowRef, watch, type ShallowRef } from 'vue'
import type { SyncEngine } from '../../lib/sync'
import { touches, type TableName, type TablesChanged } from '../../lib/tables'
import { currentEngine } from './engine'
import { useSyncStore } from './store'

/** Where the replica and its change notices come from (the running engine; tests give their own). */
export interface ReplicaSource {
  engine(): SyncEngine | null
  started(): boolean
  onChange(fn: (tables: TablesChanged) => void): () => void
}

function storeSource(): ReplicaSource {
  const sync = useSyncStore()
  return { engine: currentEngine, started: () => sync.started, onChange: sync.onReplicaChange }
}

export interface ReplicaQueryOptions {
  /** other things the read depends on (the signed-in account's id …): a change re-reads */
  deps?: () => unknown
  source?: ReplicaSource
}

export interface ReplicaQuery<T> {
  data: ShallowRef<T>
  /** true once a read finished (or the engine is started and there is nothing to read) */
  loaded: ShallowRef<boolean>
  /** reads again now (after writing something the engine does not announce, such as meta) */
  reload(): Promise<void>
}

export function useReplicaQuery<T>(
  tables: readonly TableName[],
  read: (engine: SyncEngine) => Promise<T>,
  initial: T,
  options: ReplicaQueryOptions = {},
): ReplicaQuery<T> {
  const source = options.source ?? storeSource()
  const data = shallowRef(initial) as ShallowRef<T>
  const loaded = shallowRef(false)
  let latest = 0

  async function reload(): Promise<void> {
    const ticket = ++latest
    const engine = source.engine()
    if (!engine) {
      data.value = initial
      loaded.value = source.started()
      return
    }
    let value: T
    try {
      value = await read(engine)
    } catch (err) {
      if (ticket !== latest) return // a newer read replaces this one anyway (the engine may have stopped)
      throw err
    }
    if (ticket !== latest) return
    data.value = value
    loaded.value = true
  }

  const off = source.onChange((changed) => {
    if (touches(changed, tables)) void reload()
  })
  onScopeDispose(off)
  watch([() => source.started(), () => options.deps?.()], () => void reload(), { immediate: true })
  return { data, loaded, reload }
}
