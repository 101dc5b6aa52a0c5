/** Per-test lifecycle for component tests that run the real sync engine on a fake IndexedDB. */
import { afterEach, beforeEach, expect, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Component } from 'vue'
import { createAppI18n } from '../../client/i18n/index'
import { useAccountStore } from '../../client/features/account/store'
import type { Me } from '../../shared/schemas/user'
import { useSyncStore } from '../../client/features/sync/store'
import { stopEngine } from '../../client/features/sync/engine'
import { freshIndexedDb } from './sync-setup'

/** Each test starts on an empty IndexedDB and localStorage; after it, the engine stops (also after a failure) and fetch is restored. */
export function freshClientPerTest() {
  beforeEach(() => {
    freshIndexedDb()
    localStorage.clear()
  })
  afterEach(async () => {
    await stopEngine() // a failed test must not leave its engine to the next one
    vi.unstubAllGlobals()
  })
}

/** Lets a background sync finish before the database closes under it, then stops the engine. */
export async function settleAndStopSync() {
  const sync = useSyncStore()
  await vi.waitFor(() => expect(sync.syncing).toBe(false))
  await flushPromises()
  await sync.stop()
}

/**
 * Mounts a staff screen as `me` (a member by default) signed in, with a fresh pinia, a router that
 * accepts any path and the zh-CN words; attached to the document when it needs focus.
 */
export function mountSignedIn(
  component: Component,
  props: Record<string, unknown>,
  {
    me = { id: 'u1', name: '王队长', systemRole: 'member' },
    attach = false,
  }: { me?: Pick<Me, 'id' | 'name' | 'systemRole'>; attach?: boolean } = {},
) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAccountStore().me = me as Me
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
  return mount(component, {
    props,
    global: { plugins: [pinia, router, createAppI18n('zh-CN')] },
    ...(attach && { attachTo: document.body }),
  })
}
