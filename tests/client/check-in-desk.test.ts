/**
 * The check-in desk without an activity (features/check-in): a target that is not an activity —
 * the shape a volunteer shift or the kiosk will give it — gets the same input handling, window,
 * duplicate check and walk-in; identify() verifies cards on the device.
 */
import { describe, expect, it } from 'vitest'
import { defineComponent, reactive, ref } from 'vue'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { useI18n } from 'vue-i18n'
import { createAppI18n } from '../../client/i18n/index'
import { adminActivityMessages } from '../../client/features/activities/admin-messages'
import { identify } from '../../client/features/check-in/identify'
import { useCheckInDesk, type CheckInTarget, type DeskArgs } from '../../client/features/check-in/use-check-in-desk'
import type { CheckInTimes } from '../../shared/rules/activity'
import { base64UrlEncode, encodeCardPayload, formatCardQr } from '../../shared/rules/card'

const hour = 3_600_000
const openNow = (): CheckInTimes => ({
  startsAt: new Date(Date.now() + hour).toISOString(),
  endsAt: new Date(Date.now() + 3 * hour).toISOString(),
  checkInOpensMinutesBefore: 120,
})

/** A shift's desk: queues into a list instead of the outbox. */
function mountShiftDesk(times: CheckInTimes | null) {
  const queued: DeskArgs[] = []
  const target: CheckInTarget = {
    times: ref(times),
    unreachable: ref(false),
    owns: (e) => e.name === 'shift.checkIn',
    queue: async (identity, name) => {
      const args = { checkInId: `c${queued.length + 1}`, ...identity, ...(name ? { name } : {}) }
      queued.push(args)
      return args
    },
    tables: [],
    applied: async () => [],
  }
  let focused = 0
  const Host = defineComponent({
    setup() {
      const i18n = useI18n({ useScope: 'local', inheritLocale: true, messages: adminActivityMessages })
      // reactive(): the desk's refs read like the template reads them
      return { desk: reactive(useCheckInDesk(target, () => void focused++, i18n)) }
    },
    template: '<div />',
  })
  setActivePinia(createPinia())
  const wrapper = mount(Host, { global: { plugins: [createAppI18n('zh-CN')] } })
  return { desk: wrapper.vm.desk, queued, focused: () => focused }
}

describe('the check-in desk, for any target', () => {
  it('queues a recognised person through the target, and keeps the box for an unknown input', async () => {
    const { desk, queued, focused } = mountShiftDesk(openNow())
    await desk.checkIn('李思远')
    expect(desk.feedback?.kind).toBe('error')
    expect(queued).toHaveLength(0)
    desk.text = '138-0000-0006'
    await desk.checkIn()
    expect(queued).toEqual([{ checkInId: 'c1', phone: '13800000006' }])
    expect(desk.feedback).toEqual({ kind: 'ok', text: '已记录 138****0006，待同步' })
    expect(desk.text).toBe('')
    expect(focused()).toBe(2)
  })

  it('queues nothing outside the window, and says when it opens', async () => {
    const { desk, queued } = mountShiftDesk({
      ...openNow(),
      startsAt: new Date(Date.now() + 5 * hour).toISOString(),
      endsAt: new Date(Date.now() + 6 * hour).toISOString(),
    })
    expect(desk.windowState).toBe('not_open')
    await desk.checkIn('KX202600000005')
    expect(desk.feedback?.text).toContain('签到尚未开始')
    desk.openWalkIn()
    desk.walkIn.name = '钱路过'
    await desk.submitWalkIn()
    expect(queued).toHaveLength(0)
  })

  it('records a walk-in by name, and checks its phone', async () => {
    const { desk, queued } = mountShiftDesk(null) // times unknown here: the server decides
    desk.openWalkIn()
    desk.walkIn.phone = '123'
    await desk.submitWalkIn()
    expect([desk.walkIn.nameError, desk.walkIn.phoneError].every(Boolean)).toBe(true)
    Object.assign(desk.walkIn, { name: '钱路过', phone: '139 1234 5678' })
    await desk.submitWalkIn()
    expect(queued).toEqual([{ checkInId: 'c1', phone: '13912345678', name: '钱路过' }])
    expect(desk.walkIn.open).toBe(false)
  })
})

describe('identify', () => {
  it('takes a number or a phone as typed, and a card of a key it has not seen to the server with a note', async () => {
    expect(await identify({ kind: 'memberNo', memberNo: 'KX202600000005' }, [], new Date())).toEqual({
      ok: true,
      identity: { memberNo: 'KX202600000005' },
      note: null,
    })
    const payload = encodeCardPayload({
      n: 'KX2026000123',
      m: '5a1c6f64-8f0e-4e2b-bb0e-0d6a9c3f7e21',
      o: 'cast-110108',
      p: '张三',
      u: 2e9,
      i: 1.7e9,
    })
    const card = { kind: 'card' as const, card: formatCardQr(payload, base64UrlEncode(new Uint8Array(64)), 'k9') }
    const missing = await identify(card, [], new Date())
    expect(missing).toMatchObject({ ok: true, note: 'keys_missing' })
    const other = await identify(card, [{ kid: 'k1', jwk: { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' } }], new Date())
    expect(other).toMatchObject({ ok: true, note: 'unknown_key' })
    expect(await identify({ kind: 'card', card: 'SH1.garbage' }, [], new Date())).toEqual({ ok: false, card: 'bad_format' })
  })
})
