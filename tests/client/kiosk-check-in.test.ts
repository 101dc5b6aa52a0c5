/**
 * 签到 at the kiosk: the hub's activity happening now is found in the replica; a member card is
 * verified offline with the kept public keys (a forged one refused at once), queued as
 * activity.checkIn with only what it needs, and a second scan says 已签到; online the server's
 * answer names the person; with two things happening the resident picks one (shift.attend).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { base64UrlEncode, cardSigningInput, encodeCardPayload, formatCardQr } from '../../shared/rules/card'
import type { CardPayload, CardPublicKey } from '../../shared/schemas/card'
import { ActivityCheckInArgs, type Activity } from '../../shared/schemas/activity'
import { freshIndexedDb } from './sync-setup'
import { activity, enrolledKioskDb, kioskServer, kioskStorage, mountKiosk, shift, stopKioskTest } from './kiosk-fixtures'

const ACTIVITY = '70000000-0000-4000-8000-000000000001'
const SHIFT = '70000000-0000-4000-8000-000000000002'
const KID = 'k2026'
const DAY = 86_400

async function makeSigner() {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey)
  const publicKey: CardPublicKey = {
    kid: KID,
    alg: 'Ed25519',
    jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x! },
    createdAt: '2026-01-01T00:00:00.000Z',
    retiredAt: null,
  }
  async function card(over: Partial<CardPayload> = {}, tamper = false): Promise<string> {
    const now = Math.floor(Date.now() / 1000)
    const signed: CardPayload = {
      n: 'KX2026000123',
      m: '5a1c6f64-8f0e-4e2b-bb0e-0d6a9c3f7e21',
      o: 'cast-110108',
      p: '张三',
      u: now + 365 * DAY,
      i: now,
      ...over,
    }
    const payload = encodeCardPayload(signed)
    const signature = base64UrlEncode(
      new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, cardSigningInput(payload, KID))),
    )
    return formatCardQr(tamper ? encodeCardPayload({ ...signed, p: '李四' }) : payload, signature, KID)
  }
  return { publicKey, card }
}

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

async function scan(wrapper: Awaited<ReturnType<typeof mountKiosk>>['wrapper'], text: string) {
  await wrapper.get('[data-testid=kiosk-checkin-input]').setValue(text)
  await wrapper.get('[data-testid=kiosk-checkin-submit]').trigger('submit')
  await vi.waitFor(() => {
    expect(wrapper.find('[data-testid=kiosk-checkin-result]').exists()).toBe(true)
    expect(wrapper.get('[data-testid=kiosk-checkin-submit]').attributes('disabled')).toBeUndefined()
  })
  const result = wrapper.get('[data-testid=kiosk-checkin-result]')
  return { state: result.attributes('data-state'), text: result.text() }
}

describe('kiosk check-in', () => {
  it('verifies cards offline, queues the check-in with only what it needs, and says 已签到 on a second scan', async () => {
    const signer = await makeSigner()
    let offline = false
    const activities: Activity[] = [activity(ACTIVITY), activity('70000000-0000-4000-8000-000000000009', { hubId: 'another-hub' })]
    const server = kioskServer({ activities, publicKeys: { keys: [signer.publicKey] }, offline: () => offline })
    await enrolledKioskDb()
    const { wrapper } = await mountKiosk('/kiosk')
    unmount = wrapper
    // the home screen lists today's activity at this hub only
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=kiosk-item]')).toHaveLength(1))
    expect(wrapper.get('[data-testid=kiosk-item]').text()).toContain('防范电信诈骗讲座')

    await wrapper.get('[data-testid=kiosk-checkin-button]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid=kiosk-checkin-input]').exists()).toBe(true))
    await flushPromises() // the keys are fetched and kept while online
    expect((await kioskStorage()).meta.cardKeys).toEqual([{ kid: KID, jwk: signer.publicKey.jwk }])

    offline = true
    const card = await signer.card()
    expect(await scan(wrapper, await signer.card({}, true))).toMatchObject({ state: 'invalid' }) // forged: refused on the tablet
    expect(await scan(wrapper, card)).toEqual({ state: 'queued', text: expect.stringContaining('张三') })
    expect(await scan(wrapper, card)).toMatchObject({ state: 'already' })
    expect(await scan(wrapper, '李思远')).toMatchObject({ state: 'invalid' })

    const { outbox } = await kioskStorage()
    expect(outbox).toHaveLength(1)
    const [entry] = outbox
    expect(entry).not.toHaveProperty('display')
    expect(entry!.name).toBe('activity.checkIn')
    expect(Object.keys(entry!.args as object).sort()).toEqual(['activityId', 'card', 'checkInId'])
    expect(ActivityCheckInArgs.parse(entry!.args)).toMatchObject({ activityId: ACTIVITY, card })
    expect(wrapper.get('[data-testid=kiosk-pending-count]').attributes('data-count')).toBe('1')
    expect(server.pushed).toHaveLength(0)

    // back online: the entry goes; a new member number is answered by the server, with the masked name
    offline = false
    expect(await scan(wrapper, 'KX 2026 0000 0005')).toEqual({ state: 'ok', text: expect.stringContaining('张*') })
    expect(server.pushed.map((m) => m.name)).toEqual(['activity.checkIn', 'activity.checkIn'])
    expect(server.pushed[1]!.args).toMatchObject({ activityId: ACTIVITY, memberNo: 'KX202600000005' })
  })

  it('asks what is happening now when more than one is, and checks in to a shift with shift.attend', async () => {
    const server = kioskServer({
      activities: [
        activity(ACTIVITY),
        activity('70000000-0000-4000-8000-000000000003', {
          startsAt: new Date(Date.now() + 5 * 3_600_000).toISOString(),
          endsAt: new Date(Date.now() + 6 * 3_600_000).toISOString(),
        }),
      ],
      shifts: [shift(SHIFT)],
      decide: (m) =>
        m.name === 'shift.attend'
          ? { id: m.id, status: 'rejected', code: 'already_checked_in', message: 'already' }
          : { id: m.id, status: 'applied' },
    })
    await enrolledKioskDb()
    const { wrapper } = await mountKiosk('/kiosk/check-in')
    unmount = wrapper
    // the activity five hours away is not open for check-in yet: two choices, not three
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=kiosk-target]')).toHaveLength(2))
    await wrapper.get(`[data-testid=kiosk-target][data-id="${SHIFT}"]`).trigger('click')
    // the server already has this person: 已签到, and it is not counted as refused
    expect(await scan(wrapper, '13800000006')).toMatchObject({ state: 'already' })
    expect(server.pushed[0]).toMatchObject({ name: 'shift.attend', args: { shiftId: SHIFT, direction: 'in', phone: '13800000006' } })
    await vi.waitFor(async () => expect((await kioskStorage()).outbox).toHaveLength(0))
    expect(wrapper.find('[data-testid=kiosk-rejected-count]').exists()).toBe(false)

    // on the home screen, what is open for check-in is one tap away, without the question
    await wrapper.get('[data-testid=kiosk-back]').trigger('click')
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=kiosk-item] a')).toHaveLength(2))
    await wrapper.get(`[data-testid=kiosk-item] a[href*="${ACTIVITY}"]`).trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid=kiosk-checkin-input]').exists()).toBe(true))
    expect(wrapper.find('[data-testid=kiosk-target]').exists()).toBe(false)
    expect(await scan(wrapper, '13800000007')).toMatchObject({ state: 'ok' })
    expect(server.pushed[1]).toMatchObject({ name: 'activity.checkIn', args: { activityId: ACTIVITY, phone: '13800000007' } })
  })

  it('counts a refused check-in and discards it unseen; the screen says why in words', async () => {
    kioskServer({
      activities: [activity(ACTIVITY)],
      decide: (m) => ({ id: m.id, status: 'rejected', code: 'not_on_list', message: 'nobody with this phone is on the list' }),
    })
    await enrolledKioskDb()
    const { wrapper } = await mountKiosk('/kiosk/check-in')
    unmount = wrapper
    await vi.waitFor(() => expect(wrapper.find('[data-testid=kiosk-checkin-input]').exists()).toBe(true))
    const result = await scan(wrapper, '13800000006')
    expect(result.state).toBe('invalid')
    expect(result.text).not.toContain('13800000006')
    await vi.waitFor(() => expect(wrapper.get('[data-testid=kiosk-rejected-count]').text()).toContain('1 条未被服务器接受'))
    const { outbox, meta } = await kioskStorage()
    expect(outbox).toHaveLength(0)
    expect(meta.kioskRejected).toBe(1)
    // not remembered as checked in: the same number may be tried again
    expect((await scan(wrapper, '13800000006')).state).toBe('invalid')
  })
})
