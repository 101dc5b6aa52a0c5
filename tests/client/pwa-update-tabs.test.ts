/**
 * Issue 11 item 7: when a new worker takes control (accepted here or in another tab), a tab reloads
 * only when no form holds unsaved input; a tab opened before the first install still reloads for a
 * later version. workbox-window is replaced by an event target that plays its events.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { flushPromises } from '@vue/test-utils'
import { useDirtyForm } from '../../client/pwa/dirty-forms'
import { startUpdateFlow, updateReady, updateWaiting, type WorkboxLike } from '../../client/pwa/register'

function fakeWorkbox() {
  const target = new EventTarget()
  const workbox = {
    addEventListener: (type: string, fn: () => void) => target.addEventListener(type, fn),
    register: vi.fn(async () => undefined),
    messageSkipWaiting: vi.fn(),
    update: vi.fn(async () => undefined),
  } as unknown as WorkboxLike
  // workbox-window's own isUpdate says whether the page was controlled at register(): the flow must not rely on it
  const emit = (type: 'waiting' | 'controlling', detail: Record<string, unknown> = {}) =>
    target.dispatchEvent(Object.assign(new Event(type), detail))
  return { workbox, emit }
}

const scopes: Array<ReturnType<typeof effectScope>> = []
function openForm(dirty: ReturnType<typeof ref<boolean>>) {
  const scope = effectScope()
  scope.run(() => useDirtyForm(() => dirty.value === true))
  scopes.push(scope)
  return scope
}

afterEach(() => {
  for (const s of scopes.splice(0)) s.stop()
  updateReady.value = false
  updateWaiting.value = false
})

describe('a new version taking control of this tab', () => {
  it('reloads a clean tab at once', () => {
    const { workbox, emit } = fakeWorkbox()
    const reload = vi.fn()
    startUpdateFlow({ workbox, isControlled: () => true, reload })
    emit('waiting', { isExternal: true })
    expect(updateWaiting.value).toBe(true)
    emit('controlling', { isExternal: true, isUpdate: true })
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('keeps a tab with unsaved input, says so, and reloads once the form is saved', async () => {
    const { workbox, emit } = fakeWorkbox()
    const reload = vi.fn()
    const dirty = ref(true)
    openForm(dirty)
    startUpdateFlow({ workbox, isControlled: () => true, reload })
    emit('waiting', { isExternal: true })
    emit('controlling', { isExternal: true, isUpdate: true })
    expect(reload).not.toHaveBeenCalled()
    expect(updateReady.value).toBe(true)
    expect(updateWaiting.value).toBe(false)
    dirty.value = false // saved
    await nextTick()
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('reloads once the dirty form is gone (the person left the screen)', async () => {
    const { workbox, emit } = fakeWorkbox()
    const reload = vi.fn()
    const scope = openForm(ref(true))
    startUpdateFlow({ workbox, isControlled: () => true, reload })
    emit('controlling', { isExternal: true })
    expect(reload).not.toHaveBeenCalled()
    scope.stop()
    await nextTick()
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('a tab opened before the first install keeps its page then, and reloads for the next version', () => {
    const { workbox, emit } = fakeWorkbox()
    const reload = vi.fn()
    let controller = false
    startUpdateFlow({ workbox, isControlled: () => controller, reload })
    controller = true
    emit('controlling', { isUpdate: false }) // the first install takes the page over (clientsClaim)
    expect(reload).not.toHaveBeenCalled()
    emit('waiting', { isExternal: true }) // the next version, found by another tab
    expect(updateWaiting.value).toBe(true)
    emit('controlling', { isExternal: true, isUpdate: false })
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('counts the page as controlled when an update waits, even if the first takeover went unheard', () => {
    const { workbox, emit } = fakeWorkbox()
    const reload = vi.fn()
    let controller = false
    startUpdateFlow({ workbox, isControlled: () => controller, reload })
    controller = true // taken over before the flow listened
    emit('waiting', { isExternal: true })
    emit('controlling', { isExternal: true, isUpdate: false })
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('offers an update that was already installing when this tab registered, but not a first install', async () => {
    for (const active of [{}, null]) {
      updateWaiting.value = false
      const { workbox } = fakeWorkbox()
      const worker = Object.assign(new EventTarget(), { state: 'installing' })
      const registration = Object.assign(new EventTarget(), { installing: worker, active, waiting: null as unknown })
      workbox.register = vi.fn(async () => registration as unknown as ServiceWorkerRegistration)
      startUpdateFlow({ workbox, isControlled: () => active !== null, reload: vi.fn() })
      await flushPromises()
      worker.state = 'installed'
      registration.waiting = worker
      worker.dispatchEvent(new Event('statechange'))
      expect(updateWaiting.value).toBe(active !== null)
    }
  })
})
