/**
 * The kiosk screens before the browser's own axe run (tests/e2e): every control named, roles and
 * ARIA valid, one h1 — axe-core's rules that need no layout (colour contrast needs a real browser).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import axe from 'axe-core'
import { freshIndexedDb } from './sync-setup'
import { activity, enrolledKioskDb, kioskServer, mountKiosk, shift, stopKioskTest } from './kiosk-fixtures'

let unmount: { unmount(): void } | undefined
beforeEach(() => {
  freshIndexedDb()
  localStorage.clear()
})
afterEach(async () => {
  await stopKioskTest(unmount)
  unmount = undefined
  vi.unstubAllGlobals()
})

async function violations() {
  const result = await axe.run(document.body, {
    resultTypes: ['violations'],
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  })
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)
}

describe('kiosk screens and axe-core', () => {
  it('enrolment has no serious or critical violations', async () => {
    kioskServer()
    const { wrapper } = await mountKiosk('/kiosk')
    unmount = wrapper
    await vi.waitFor(() => expect(wrapper.find('[data-testid=kiosk-enrol]').exists()).toBe(true))
    expect(await violations()).toEqual([])
  })

  it('home, check-in, 点单 and 查询 have none either', async () => {
    kioskServer({ activities: [activity('70000000-0000-4000-8000-000000000001')], shifts: [shift('70000000-0000-4000-8000-000000000002')] })
    await enrolledKioskDb()
    const { wrapper, router } = await mountKiosk('/kiosk')
    unmount = wrapper
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=kiosk-item]')).toHaveLength(2))
    expect(await violations()).toEqual([])
    for (const [path, ready] of [
      ['/kiosk/check-in', 'kiosk-target'],
      ['/kiosk/order', 'kiosk-order-review'],
      ['/kiosk/track', 'kiosk-track-submit'],
    ] as const) {
      await router.push(path)
      await flushPromises()
      await vi.waitFor(() => expect(wrapper.find(`[data-testid=${ready}]`).exists()).toBe(true))
      expect(await violations(), path).toEqual([])
    }
  })
})
