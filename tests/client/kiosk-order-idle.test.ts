/**
 * 点单 at the kiosk and the idle reset: the order builds RequestOrderArgs with the device's next
 * counter value and shows the request number `<deviceNo>-<seq>` at once (offline too); after the
 * idle time a warning (还在使用吗？), then back home with every form cleared and the kiosk database
 * trimmed to the device, its counter and its pending outbox (which holds only the order's args).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { RequestOrderArgs, formatRequestNumber } from '../../shared/schemas/service-request'
import { KEPT_META, META_KIOSK_DEVICE, META_KIOSK_IDLE, META_KIOSK_SEQ } from '../../client/doors/kiosk/kiosk-db'
import { freshIndexedDb } from './sync-setup'
import { DEVICE, TOKEN, enrolledKioskDb, kioskServer, kioskStorage, mountKiosk, stopKioskTest } from './kiosk-fixtures'

let unmount: { unmount(): void } | undefined
beforeEach(() => {
  freshIndexedDb()
  localStorage.clear()
  sessionStorage.clear()
})
afterEach(async () => {
  vi.useRealTimers()
  await stopKioskTest(unmount)
  unmount = undefined
  vi.unstubAllGlobals()
})

type Wrapper = Awaited<ReturnType<typeof mountKiosk>>['wrapper']
async function fillOrder(wrapper: Wrapper) {
  await wrapper.get('[data-testid=kiosk-order-category-elder_digital]').trigger('click')
  await wrapper.get('[data-testid=kiosk-order-description]').setValue('想学用手机挂号')
  await wrapper.get('[data-testid=kiosk-order-period]').setValue('morning')
  await wrapper.get('[data-testid=kiosk-order-name]').setValue('王阿姨')
  await wrapper.get('[data-testid=kiosk-order-phone]').setValue('139 1234 5678')
}

describe('kiosk 点单', () => {
  it('checks the form, then queues request.order with the next seq and shows the number', async () => {
    const server = kioskServer()
    await enrolledKioskDb({ [META_KIOSK_SEQ]: 6 })
    const { wrapper } = await mountKiosk('/kiosk/order')
    unmount = wrapper
    await vi.waitFor(() => expect(wrapper.find('[data-testid=kiosk-order-review]').exists()).toBe(true))

    await wrapper.get('[data-testid=kiosk-order-review]').trigger('submit')
    expect(wrapper.find('[data-testid=kiosk-order-confirm]').exists()).toBe(false)
    expect(wrapper.findAll('[role=alert]').length).toBeGreaterThanOrEqual(3) // category, description, phone

    await fillOrder(wrapper)
    await wrapper.get('form').trigger('submit')
    expect(wrapper.get('[data-testid=kiosk-order-confirm]').text()).toContain('想学用手机挂号')
    await wrapper.get('[data-testid=kiosk-order-submit]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid=kiosk-order-number]').exists()).toBe(true))
    expect(wrapper.get('[data-testid=kiosk-order-number]').text()).toBe(formatRequestNumber(DEVICE.deviceNo!, 7))
    expect(wrapper.get('[data-testid=kiosk-order-number]').text()).toBe('12-0007')

    await vi.waitFor(() => expect(server.pushed).toHaveLength(1))
    const sent = server.pushed[0]!
    expect(sent.name).toBe('request.order')
    const args = RequestOrderArgs.parse(sent.args)
    expect(args).toMatchObject({
      seq: 7,
      category: 'elder_digital',
      description: '想学用手机挂号',
      wantedPeriod: 'morning',
      contactName: '王阿姨',
      contactPhone: '13912345678',
    })
    expect(args.wantedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect((await kioskStorage()).meta[META_KIOSK_SEQ]).toBe(7)
  })
})

describe('kiosk idle reset', () => {
  it('warns, then resets: forms gone, back home, meta trimmed, the outbox and the counter kept', async () => {
    let offline = false
    kioskServer({ offline: () => offline })
    await enrolledKioskDb({ [META_KIOSK_IDLE]: { warnAfterMs: 1000, resetAfterMs: 500 }, stray: { phone: '13912345678' } })
    const { wrapper, router } = await mountKiosk('/kiosk/order')
    unmount = wrapper
    await vi.waitFor(() => expect(wrapper.find('[data-testid=kiosk-order-review]').exists()).toBe(true))
    offline = true
    await fillOrder(wrapper)
    await wrapper.get('form').trigger('submit')
    await wrapper.get('[data-testid=kiosk-order-submit]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid=kiosk-order-number]').exists()).toBe(true))
    // the next resident starts typing, then walks away
    await router.push('/kiosk/track')
    await flushPromises()
    await wrapper.get('[data-testid=kiosk-track-phone]').setValue('13700000000')
    await wrapper.get('[data-testid=kiosk-elder-toggle]').trigger('click')
    expect(document.documentElement.dataset.elder).toBe('')

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
    document.dispatchEvent(new Event('pointerdown'))
    vi.advanceTimersByTime(999)
    await flushPromises()
    expect(wrapper.find('[data-testid=kiosk-idle-warning]').exists()).toBe(false)
    vi.advanceTimersByTime(1)
    await flushPromises()
    expect(wrapper.get('[data-testid=kiosk-idle-warning]').text()).toContain('还在使用吗')
    // 继续使用: the wait starts again, nothing is cleared
    await wrapper.get('[data-testid=kiosk-idle-continue]').trigger('click')
    document.dispatchEvent(new Event('pointerdown'))
    await flushPromises()
    expect(wrapper.find('[data-testid=kiosk-idle-warning]').exists()).toBe(false)
    expect((wrapper.get('[data-testid=kiosk-track-phone]').element as HTMLInputElement).value).toBe('13700000000')

    vi.advanceTimersByTime(1000)
    await flushPromises()
    expect(wrapper.find('[data-testid=kiosk-idle-warning]').exists()).toBe(true)
    vi.advanceTimersByTime(500)
    vi.useRealTimers()
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/kiosk'))
    await vi.waitFor(() => expect(wrapper.find('[data-testid=kiosk-home]').exists()).toBe(true))
    expect(wrapper.find('[data-testid=kiosk-idle-warning]').exists()).toBe(false)
    expect(wrapper.html()).not.toContain('13700000000')
    expect(document.documentElement.dataset.elder).toBeUndefined()
    await router.push('/kiosk/track')
    await flushPromises()
    expect((wrapper.get('[data-testid=kiosk-track-phone]').element as HTMLInputElement).value).toBe('')

    const { meta, outbox } = await kioskStorage()
    expect(Object.keys(meta).every((k) => KEPT_META.has(k))).toBe(true)
    expect(meta).not.toHaveProperty('stray')
    expect(meta[META_KIOSK_DEVICE]).toEqual({ token: TOKEN, device: DEVICE })
    expect(meta[META_KIOSK_SEQ]).toBe(1)
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).not.toHaveProperty('display')
    expect(Object.keys(outbox[0]!.args as object).sort()).toEqual(
      ['category', 'contactName', 'contactPhone', 'description', 'requestId', 'seq', 'wantedDate', 'wantedPeriod'].sort(),
    )
    expect(JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })).not.toMatch(/139|137|王阿姨/)
  })
})
