/**
 * The sync UI over the real engine and a fake server: the status bar's counts, the outbox screen
 * (rejection reason in words, what was typed, discard), and the profile form's inline states.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent, h } from 'vue'
import { freshIndexedDb } from './sync-setup'
import { FakeSyncServer, fakeServerMe as me } from './sync-fake-server'
import { createAppI18n } from '../../client/i18n/index'
import { useAccountStore } from '../../client/features/account/store'
import { useSyncStore } from '../../client/features/sync/store'
import { currentEngine } from '../../client/features/sync/engine'
import SyncStatusBar from '../../client/features/sync/SyncStatusBar.vue'
import OutboxView from '../../client/features/sync/OutboxView.vue'
import ProfileEditView from '../../client/features/profile/ProfileEditView.vue'
import ProfileCard from '../../client/features/profile/ProfileCard.vue'
import { answerConfirm, confirmState, toasts } from '../../client/components/feedback'
import RegionPicker from '../../client/components/RegionPicker.vue'

let server: FakeSyncServer

beforeEach(() => {
  freshIndexedDb()
  localStorage.clear()
  server = new FakeSyncServer()
  vi.stubGlobal('fetch', server.fetch)
  setActivePinia(createPinia())
  useAccountStore().me = me
})
afterEach(async () => {
  await useSyncStore().stop()
  vi.unstubAllGlobals()
})

async function mountWith(component: object, path = '/') {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => null } },
      { path: '/sync', component: OutboxView },
      { path: '/me', component: { render: () => null } },
      { path: '/me/edit', component: ProfileEditView },
      { path: '/login', component: { render: () => null } },
    ],
  })
  await router.push(path)
  const Shell = defineComponent({ render: () => h('div', [h(SyncStatusBar), h(component)]) })
  const wrapper = mount(Shell, { global: { plugins: [router, createAppI18n('zh-CN')] } })
  await settle()
  return { wrapper, router }
}

/** What choosing a place in the region picker gives the form: its code (the picker has its own tests). */
async function choosePlace(wrapper: ReturnType<typeof mount>, code: string) {
  wrapper.findComponent(RegionPicker).vm.$emit('update:modelValue', code)
  await settle()
}

/** Lets IndexedDB (fake, on timers) and Vue catch up. */
async function settle() {
  for (let i = 0; i < 5; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('SyncStatusBar', () => {
  it('shows online, the pending count and the last sync, and links to the outbox', async () => {
    const { wrapper } = await mountWith(ProfileCard)
    const sync = useSyncStore()
    await sync.syncNow()
    await settle()
    expect(wrapper.get('[data-testid=sync-status]').text()).toContain('在线')
    expect(wrapper.get('[data-testid=sync-pending]').text()).toBe('已全部同步')
    expect(wrapper.get('[data-testid=sync-status]').text()).toMatch(/上次同步 \d\d:\d\d/)
    expect(wrapper.get('[data-testid=sync-status]').attributes('href')).toBe('/sync')

    server.faults.push('network', 'network', 'network')
    await sync.mutate('profile.update', { name: '李四' })
    await sync.syncNow()
    await settle()
    expect(wrapper.get('[data-testid=sync-pending]').text()).toBe('待同步 1')
    // the browser says online, but nothing got through: the bar says so instead of 在线
    expect(wrapper.get('[data-testid=sync-net]').text()).toBe('连不上服务器')
    // the 我的 card reads the replica: the offline edit shows at once, marked pending
    expect(wrapper.get('[data-testid=profile-name]').text()).toBe('李四')
    expect(wrapper.find('[data-testid=profile-pending]').exists()).toBe(true)
    // once the queued faults are used up the server answers again
    for (let i = 0; i < 5 && (await sync.syncNow()) !== 'ok'; i++) await settle()
    await settle()
    expect(wrapper.get('[data-testid=sync-net]').text()).toBe('在线')
    expect(wrapper.get('[data-testid=sync-pending]').text()).toBe('已全部同步')
  })

  it('shows offline when the browser goes offline', async () => {
    await useSyncStore().start() // the app's device session starts it (client/features/account/device-session.ts)
    const { wrapper } = await mountWith(ProfileCard)
    window.dispatchEvent(new Event('offline'))
    await settle()
    expect(wrapper.get('[data-testid=sync-status]').text()).toContain('离线')
  })
})

describe('OutboxView', () => {
  it('lists a rejected edit with its reason in words and what was typed; discard removes it', async () => {
    const { wrapper } = await mountWith(OutboxView, '/sync')
    const sync = useSyncStore()
    await sync.mutate('profile.update', { regionCode: '990101', bio: '研究土壤' })
    await sync.syncNow()
    await settle()
    const item = wrapper.get('[data-testid=outbox-item]')
    expect(item.attributes('data-status')).toBe('rejected')
    expect(item.text()).toContain('编辑资料：地区、个人简介')
    expect(item.get('[data-testid=outbox-reason]').text()).toContain('所选地区不存在')
    expect(item.text()).toContain('990101')
    expect(item.text()).toContain('研究土壤')
    expect(item.get('a').attributes('href')).toMatch(/^\/me\/edit\?retry=/)
    expect(wrapper.get('[data-testid=sync-problem]').text()).toContain('1 项未被接受')
    // never "all synced" beside a refusal; the problem line links to the outbox
    expect(wrapper.get('[data-testid=sync-pending]').text()).toBe('其余已同步')
    expect(wrapper.get('[data-testid=sync-view-rejected]').attributes('href')).toBe('/sync')

    // 移除 asks in the app's dialog first
    await item.get('[data-testid=outbox-discard]').trigger('click')
    await settle()
    expect(confirmState.current?.title).toContain('确定移除')
    answerConfirm(true)
    await settle()
    expect(wrapper.find('[data-testid=outbox-item]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=outbox-empty]').exists()).toBe(true)
  })
})

describe('ProfileEditView', () => {
  it('saves offline as pending, then shows synced; a refused region shows the reason and can be edited and retried', async () => {
    const sync = useSyncStore()
    await sync.start()
    await sync.syncNow()
    const { wrapper, router } = await mountWith(ProfileEditView, '/me/edit')
    expect((wrapper.get('#pf-name').element as HTMLInputElement).value).toBe('张三')

    server.faults.push('network', 'network', 'network', 'network')
    await wrapper.get('#pf-employer').setValue('中国农业大学')
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(wrapper.get('[data-testid=profile-state]').attributes('data-state')).toBe('pending')
    expect(wrapper.text()).toContain('已保存在本机，等待同步')
    expect(toasts.at(-1)?.text).toBe('已保存')

    server.faults.length = 0
    await sync.syncNow()
    await settle()
    expect(wrapper.get('[data-testid=profile-state]').attributes('data-state')).toBe('applied')
    expect(server.profile().employer).toBe('中国农业大学')

    // a place the server no longer knows (the picker offers only places the server listed)
    await choosePlace(wrapper, '990101')
    await wrapper.get('form').trigger('submit')
    await sync.syncNow()
    await settle()
    expect(wrapper.get('[data-testid=profile-state]').attributes('data-state')).toBe('rejected')
    expect(wrapper.get('[data-testid=profile-state]').text()).toContain('所选地区不存在')
    // the form falls back to the server's value once rolled back, the typed value lives in the entry
    await wrapper.get('[data-testid=profile-state] .btn--primary').trigger('click')
    await settle()
    expect(router.currentRoute.value.query.retry).toBeTruthy()
    expect(wrapper.get('[data-testid=pf-region]').attributes('data-code')).toBe('990101')
    await choosePlace(wrapper, '110108')
    await wrapper.get('form').trigger('submit')
    // on a loaded machine the entry may still be on its way into the outbox when the first sync runs
    await vi.waitFor(
      async () => {
        await sync.syncNow()
        expect(server.profile().regionCode).toBe('110108')
      },
      { timeout: 10_000 },
    )
    expect(sync.rejected).toHaveLength(0)
    expect(currentEngine()).not.toBeNull()
  })

  it('checks the fields with the shared schema before saving', async () => {
    const { wrapper } = await mountWith(ProfileEditView, '/me/edit')
    await wrapper.get('#pf-name').setValue('   ')
    await choosePlace(wrapper, '1234567') // malformed: only an old entry could hold one
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(wrapper.get('#pf-name').attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('[data-testid=pf-region]').attributes('aria-invalid')).toBe('true')
    // in the person's words, not the schema's English
    expect(wrapper.text()).toContain('地区代码格式不正确')
    expect(wrapper.text()).not.toMatch(/GB\/T|digits/)
    expect(useSyncStore().outbox).toHaveLength(0)
  })
})
