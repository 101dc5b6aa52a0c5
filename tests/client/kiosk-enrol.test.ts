/**
 * The kiosk door's identity: enrolment with a one-time code ends any person's session first and
 * keeps the device token in the kiosk database only; the device speaks with `Authorization:
 * Device <token>` and no cookie; while enrolled the router keeps the browser inside /kiosk; a
 * revoked kiosk says so and, wiped, can be enrolled again (the lock ends then).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { deviceFetch } from '../../client/doors/kiosk/kiosk-engine'
import { KIOSK_DB_NAME, META_KIOSK_DEVICE } from '../../client/doors/kiosk/kiosk-db'
import { kioskLocked } from '../../client/doors/kiosk/kiosk-lock'
import type { FetchLike } from '../../client/lib/transport'
import { freshIndexedDb } from './sync-setup'
import { DEVICE, TOKEN, enrolledKioskDb, kioskServer, kioskStorage, mountKiosk, stopKioskTest, testDeps } from './kiosk-fixtures'

let unmount: { unmount(): void } | undefined
beforeEach(() => {
  freshIndexedDb()
  localStorage.clear()
  sessionStorage.clear()
})
afterEach(async () => {
  await stopKioskTest(unmount)
  unmount = undefined
  vi.unstubAllGlobals()
})

describe('deviceFetch', () => {
  it('adds the device credential and never sends cookies', async () => {
    const base = vi.fn<FetchLike>(async () => new Response('{}'))
    await deviceFetch('tok', base)('/api/sync/pull', { credentials: 'same-origin', headers: { accept: 'application/json' } })
    const init = base.mock.calls[0]![1] as RequestInit
    expect(init.credentials).toBe('omit')
    const headers = new Headers(init.headers)
    expect(headers.get('authorization')).toBe('Device tok')
    expect(headers.get('accept')).toBe('application/json')
  })
})

describe('kiosk enrolment', () => {
  it('signs the person out first, stores the token in the kiosk database only, and syncs as the device', async () => {
    const server = kioskServer()
    const order: string[] = []
    const signOut = vi.fn(async () => void order.push('signOut'))
    const seen: Array<{ url: string; init: RequestInit }> = []
    const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
      seen.push({ url, init })
      order.push(url)
      return server.fetch(url, init)
    })
    const { wrapper } = await mountKiosk('/kiosk', testDeps({ signOut, fetch }))
    unmount = wrapper
    expect(await kioskLocked()).toBe(false)
    expect(wrapper.find('[data-testid=kiosk-enrol]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=kiosk-home]').exists()).toBe(false)

    // a malformed code is refused on the tablet
    await wrapper.get('[data-testid=kiosk-enrol-code]').setValue('AB')
    await wrapper.get('[data-testid=kiosk-enrol-submit]').trigger('submit')
    expect(wrapper.find('[data-testid=kiosk-enrol-code-error]').exists()).toBe(true)
    expect(server.calls.some((c) => c.path === '/api/kiosk/enrol')).toBe(false)

    await wrapper.get('[data-testid=kiosk-enrol-code]').setValue('abcd-2345')
    await wrapper.get('[data-testid=kiosk-enrol-name]').setValue('一楼大厅平板')
    await wrapper.get('[data-testid=kiosk-enrol-submit]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[data-testid=kiosk-home]').exists()).toBe(true))
    await flushPromises()

    expect(signOut).toHaveBeenCalledOnce()
    expect(order.indexOf('signOut')).toBeLessThan(order.indexOf('/api/kiosk/enrol'))
    expect(server.calls.find((c) => c.path === '/api/kiosk/enrol')?.body).toEqual({ code: 'ABCD2345', name: '一楼大厅平板' })
    expect(wrapper.get('[data-testid=kiosk-hub-name]').text()).toBe(DEVICE.hubName)
    expect(await kioskLocked()).toBe(true)

    // the token: in the kiosk database, nowhere else
    const { meta } = await kioskStorage()
    expect(meta[META_KIOSK_DEVICE]).toEqual({ token: TOKEN, device: DEVICE })
    const everywhere = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie
    expect(everywhere).not.toContain(TOKEN)
    expect((await indexedDB.databases()).map((d) => d.name)).toEqual([KIOSK_DB_NAME])

    // the enrolment itself carries no credential; everything after it is the device's, without cookies
    const enrol = seen.find((s) => s.url === '/api/kiosk/enrol')!
    expect(new Headers(enrol.init.headers).get('authorization')).toBeNull()
    expect(enrol.init.credentials).toBe('omit')
    await vi.waitFor(() => expect(seen.some((s) => s.url.startsWith('/api/sync/pull'))).toBe(true))
    for (const s of seen.filter((s) => s.url.startsWith('/api/sync/') || s.url === '/api/device')) {
      expect(new Headers(s.init.headers).get('authorization')).toBe(`Device ${TOKEN}`)
      expect(s.init.credentials).toBe('omit')
    }
  })

  it('says a used or expired code in words', async () => {
    const server = kioskServer()
    server.routes['POST /api/kiosk/enrol'] = () =>
      new Response(JSON.stringify({ error: { code: 'enrolment_code_invalid', message: 'no' } }), {
        status: 422,
        headers: { 'content-type': 'application/json' },
      })
    const { wrapper } = await mountKiosk('/kiosk')
    unmount = wrapper
    await wrapper.get('[data-testid=kiosk-enrol-code]').setValue('ABCD2345')
    await wrapper.get('[data-testid=kiosk-enrol-name]').setValue('平板')
    await wrapper.get('[data-testid=kiosk-enrol-submit]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[data-testid=kiosk-enrol-error]').text()).toContain('绑定码不正确'))
    expect(await kioskLocked()).toBe(false)
  })
})

describe('the kiosk lock', () => {
  it('keeps an enrolled kiosk inside /kiosk: 我的, the login, /admin and /lead lead back to it', async () => {
    await enrolledKioskDb()
    kioskServer()
    const { wrapper, router } = await mountKiosk('/kiosk')
    unmount = wrapper
    for (const path of ['/me', '/login', '/admin', '/admin/memberships', '/lead', '/', '/activities']) {
      await router.push(path)
      expect(router.currentRoute.value.path, path).toBe('/kiosk')
    }
    await router.push('/kiosk/order')
    expect(router.currentRoute.value.path).toBe('/kiosk/order')
    // no way out on screen either
    await flushPromises()
    const links = wrapper.findAll('a').map((a) => a.attributes('href'))
    expect(links.every((href) => href?.startsWith('/kiosk'))).toBe(true)
  })

  it('a revoked kiosk says so; wiped, it can be enrolled again and the lock ends', async () => {
    await enrolledKioskDb()
    kioskServer({ pullStatus: 401 })
    const { wrapper, router } = await mountKiosk('/kiosk')
    unmount = wrapper
    await vi.waitFor(() => expect(wrapper.find('[data-testid=kiosk-revoked]').exists()).toBe(true))
    expect(wrapper.find('[data-testid=kiosk-home]').exists()).toBe(false)
    await router.push('/me')
    expect(router.currentRoute.value.path).toBe('/kiosk') // still locked until the wipe
    await wrapper.get('[data-testid=kiosk-reenrol]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid=kiosk-enrol]').exists()).toBe(true))
    expect(await kioskLocked()).toBe(false)
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(KIOSK_DB_NAME)
    await router.push('/me')
    expect(router.currentRoute.value.path).toBe('/me')
  })
})
