/** Service-worker update safety: stale chunks reload once; an update waits for the outbox. */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { clearPreloadReloaded, installPreloadErrorReload, PRELOAD_RELOADED_KEY } from '../../client/pwa/preload-error'
import { createAppI18n } from '../../client/i18n/index'

const flush = vi.hoisted(() => ({ result: true }))
vi.mock('../../client/lib/sync', () => ({ flushBeforeUpdate: vi.fn(async () => flush.result) }))
const activate = vi.hoisted(() => vi.fn())
vi.mock('../../client/pwa/register', async () => {
  const { ref } = await import('vue')
  return { updateWaiting: ref(true), updateReady: ref(false), activateUpdate: activate, reloadNow: vi.fn() }
})

describe('stale chunk after a deployment', () => {
  beforeEach(() => sessionStorage.clear())

  it('reloads once, then lets the next failure surface', () => {
    const target = new EventTarget()
    const reload = vi.fn()
    installPreloadErrorReload(target as unknown as Window, sessionStorage, reload)
    const first = new Event('vite:preloadError', { cancelable: true })
    target.dispatchEvent(first)
    expect(reload).toHaveBeenCalledTimes(1)
    expect(first.defaultPrevented).toBe(true)
    const second = new Event('vite:preloadError', { cancelable: true })
    target.dispatchEvent(second)
    expect(reload).toHaveBeenCalledTimes(1)
    expect(second.defaultPrevented).toBe(false)
    clearPreloadReloaded(sessionStorage)
    expect(sessionStorage.getItem(PRELOAD_RELOADED_KEY)).toBeNull()
  })
})

describe('update prompt', () => {
  beforeEach(() => activate.mockClear())

  it('activates the new version only after the outbox has flushed', async () => {
    flush.result = true
    const { default: UpdatePrompt } = await import('../../client/pwa/UpdatePrompt.vue')
    const wrapper = mount(UpdatePrompt, { global: { plugins: [createAppI18n('zh-CN')] } })
    expect(wrapper.text()).toContain('新版本可用')
    await wrapper.get('button.btn--primary').trigger('click')
    await flushPromises()
    expect(activate).toHaveBeenCalledTimes(1)
  })

  it('with unsent work it asks first, and updates only when the person insists', async () => {
    flush.result = false
    const { default: UpdatePrompt } = await import('../../client/pwa/UpdatePrompt.vue')
    const wrapper = mount(UpdatePrompt, { global: { plugins: [createAppI18n('zh-CN')] } })
    await wrapper.get('button.btn--primary').trigger('click')
    await flushPromises()
    expect(activate).not.toHaveBeenCalled()
    expect(wrapper.text()).toContain('未同步')
    await wrapper.get('button.btn--primary').trigger('click')
    await flushPromises()
    expect(activate).toHaveBeenCalledTimes(1)
  })
})
