/**
 * 编辑资料 opened straight after a (re)load is first filled from the account's last copy; the
 * replica's row (with edits saved before the reload) arrives a moment later and must replace it
 * while nothing was typed — else the form shows stale values and saving writes them back. Typed
 * input is never overwritten. The form also tells the update flow whether it holds unsaved input.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { createAppI18n } from '../../client/i18n/index'
import { useAccountStore } from '../../client/features/account/store'
import { useSyncStore } from '../../client/features/sync/store'
import ProfileEditView from '../../client/features/profile/ProfileEditView.vue'
import { hasDirtyForms } from '../../client/pwa/dirty-forms'
import { FakeSyncServer, fakeServerMe as me } from './sync-fake-server'
import { freshIndexedDb } from './sync-setup'
import { settleAndStopSync } from './component-setup'

let server: FakeSyncServer

beforeEach(() => {
  freshIndexedDb()
  localStorage.clear()
  server = new FakeSyncServer()
  server.upsert('profile', { ...server.profile(), bio: '水稻育种二十年' }) // saved earlier, on this or another device
  vi.stubGlobal('fetch', server.fetch)
  setActivePinia(createPinia())
  useAccountStore().me = me // the account's copy still has no bio
})
afterEach(async () => {
  // Let a background sync and the views' reads finish before the database closes under them.
  await settleAndStopSync()
  vi.unstubAllGlobals()
})

async function mountEdit() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: ProfileEditView }] })
  await router.push('/me/edit')
  const wrapper = mount(ProfileEditView, { global: { plugins: [router, createAppI18n('zh-CN')] } })
  await flushPromises()
  return wrapper
}
const bio = (w: Awaited<ReturnType<typeof mountEdit>>) => (w.get('#pf-bio').element as HTMLTextAreaElement).value

describe('编辑资料 after a reload', () => {
  it('takes the replica’s row when it arrives, while nothing was typed', async () => {
    const wrapper = await mountEdit()
    expect(bio(wrapper)).toBe('') // the account's copy, before the engine has started
    const sync = useSyncStore()
    await sync.start()
    await sync.syncNow()
    await vi.waitFor(() => expect(bio(wrapper)).toBe('水稻育种二十年'))
    expect(hasDirtyForms.value).toBe(false)
    wrapper.unmount()
  })

  it('never overwrites what the person typed, and counts as unsaved input until saved', async () => {
    const wrapper = await mountEdit()
    await wrapper.get('#pf-title').setValue('研究员')
    expect(hasDirtyForms.value).toBe(true)
    const sync = useSyncStore()
    await sync.start()
    await sync.syncNow()
    await flushPromises()
    expect((wrapper.get('#pf-title').element as HTMLInputElement).value).toBe('研究员')
    expect(hasDirtyForms.value).toBe(true)
    await wrapper.get('#pf-bio').setValue('水稻育种二十年')
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(() => expect(hasDirtyForms.value).toBe(false)) // saved: an update may reload now
    await sync.syncNow()
    expect(server.profile()).toMatchObject({ title: '研究员', bio: '水稻育种二十年' })
    wrapper.unmount()
  })
})
