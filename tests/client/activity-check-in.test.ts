/**
 * The check-in desk: what was typed or scanned is recognised (card QR text, member number, phone);
 * a card is verified on the device with the cached public keys before anything is queued — also
 * with no network — so a forged or expired card is refused at once; each check-in is queued as
 * `activity.checkIn`, shown 待同步, then ✓ with the server's name, or the refusal in words with a
 * way forward (a walk-in for a number nobody has; dismiss).
 */
import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import CheckInView from '../../client/doors/admin/CheckInView.vue'
import { useSyncStore } from '../../client/features/sync/store'
import { detectCheckInInput } from '../../client/features/check-in/check-in-input'
import { base64UrlEncode, cardSigningInput, encodeCardPayload, formatCardQr } from '../../shared/rules/card'
import type { CardPayload, CardPublicKey } from '../../shared/schemas/card'
import type { ActivityCheckInArgs, AttendanceItem } from '../../shared/schemas/activity'
import type { MutationResult } from '../../shared/schemas/sync'
import { freshClientPerTest, mountSignedIn } from './component-setup'
import { fakeApi } from './fake-api'

const ACTIVITY = '7b0c2f4e-1d2a-4c3b-9e8f-0a1b2c3d4e5f'
const KID = 'k2026'
const DAY = 86_400

describe('detectCheckInInput', () => {
  it('tells a card, a member number and a phone apart', () => {
    expect(detectCheckInInput('  SH1.eyJu.sig.k2026 ')).toEqual({ kind: 'card', card: 'SH1.eyJu.sig.k2026' })
    expect(detectCheckInInput('kx202600000005')).toEqual({ kind: 'memberNo', memberNo: 'KX202600000005' })
    expect(detectCheckInInput('KX 2026 0000 0005')).toEqual({ kind: 'memberNo', memberNo: 'KX202600000005' })
    expect(detectCheckInInput('138-0000-0006')).toEqual({ kind: 'phone', phone: '13800000006' })
    expect(detectCheckInInput('+8613800000006')).toEqual({ kind: 'phone', phone: '13800000006' })
    expect(detectCheckInInput('12800000006')).toEqual({ kind: 'unknown' }) // no mobile number starts 12
    expect(detectCheckInInput('KX2026')).toEqual({ kind: 'unknown' })
    expect(detectCheckInInput('李思远')).toEqual({ kind: 'unknown' })
    expect(detectCheckInInput('   ')).toEqual({ kind: 'empty' })
  })
})

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

/**
 * The activity (starting in half an hour unless `times` says otherwise, so check-in is open), the
 * card keys and a sync server whose push answers with `decide(args)` (held back while `hold` is set);
 * `offline` fails every request like a dead network.
 */
function server(
  keys: CardPublicKey[],
  decide: (args: ActivityCheckInArgs) => Omit<MutationResult, 'id'>,
  times: { startsAt: string; endsAt: string; checkInOpensMinutesBefore: number } = {
    startsAt: new Date(Date.now() + 30 * 60_000).toISOString(),
    endsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
    checkInOpensMinutesBefore: 120,
  },
  /** the organiser's attendance read (the desk's list); none: the route answers 404 */
  attendance: Array<Partial<AttendanceItem>> | null = null,
) {
  const net = { offline: false, hold: true, keyRequests: 0, pushed: [] as ActivityCheckInArgs[] }
  fakeApi(
    {
      [`/api/activities/${ACTIVITY}`]: {
        id: ACTIVITY,
        orgId: 'cast-110108',
        kind: 'popularization',
        title: '青少年科普体验营',
        description: '',
        venueAddress: '海淀区科技馆',
        hubId: null,
        regionCode: '110108',
        ...times,
        registrationOpensAt: '2026-05-01T00:00:00.000Z',
        registrationClosesAt: times.startsAt,
        capacity: 2,
        placesTaken: 1,
        placesLeft: 1,
        requiresApproval: false,
        audience: 'public',
        status: 'published',
        cancelReason: null,
        creditHours: 0,
        createdAt: '2026-05-01T00:00:00.000Z',
        updatedAt: '2026-05-01T00:00:00.000Z',
        version: 3,
        orgName: '北京市海淀区科学技术协会',
        waitlistCount: 0,
        myRegistration: null,
      },
      ...(attendance && {
        [`/api/activities/${ACTIVITY}/attendance`]: {
          activityId: ACTIVITY,
          title: '青少年科普体验营',
          registered: 0,
          waitlisted: 0,
          checkedIn: 0,
          items: attendance.map((a) => ({
            registrationId: null,
            name: '',
            phone: null,
            memberNo: null,
            registrationStatus: null,
            registeredAt: null,
            checkedInAt: null,
            method: null,
            ...a,
          })),
        },
      }),
      '/api/cards/public-keys': () => {
        net.keyRequests++
        return { keys }
      },
      '/api/sync/push': ({ body }: { body: { mutations: Array<{ id: string; args: ActivityCheckInArgs }> } }) => {
        if (net.hold) throw new TypeError('Failed to fetch')
        net.pushed.push(...body.mutations.map((m) => m.args))
        return { results: body.mutations.map((m) => ({ id: m.id, ...decide(m.args) })) }
      },
      '/api/sync/pull': { changes: [], cursor: 0, hasMore: false },
    },
    { offline: () => net.offline },
  )
  return net
}

async function mountDesk() {
  const wrapper = mountSignedIn(CheckInView, { id: ACTIVITY }, { me: { id: 'u1', name: '王海淀', systemRole: 'member' }, attach: true })
  const sync = useSyncStore()
  await sync.start()
  await vi.waitFor(() => expect(wrapper.find('[data-testid=check-in-activity], [data-testid=check-in-offline]').exists()).toBe(true))
  await flushPromises()
  return { wrapper, sync }
}

async function enter(wrapper: Awaited<ReturnType<typeof mountDesk>>['wrapper'], text: string) {
  await wrapper.get('[data-testid=check-in-input]').setValue(text)
  await wrapper.get('[data-testid=check-in-form]').trigger('submit')
  await vi.waitFor(() => expect(wrapper.find('[data-testid=check-in-feedback]').exists()).toBe(true))
  await flushPromises()
}

const queued = (sync: ReturnType<typeof useSyncStore>) => sync.outbox.map((e) => e.args as ActivityCheckInArgs)
const states = (wrapper: Awaited<ReturnType<typeof mountDesk>>['wrapper']) =>
  wrapper.findAll('[data-testid=check-in-line]').map((l) => `${l.attributes('data-state')}:${l.get('[data-testid=check-in-who]').text()}`)

async function stop({ wrapper, sync }: Awaited<ReturnType<typeof mountDesk>>) {
  await vi.waitFor(() => expect(sync.syncing).toBe(false))
  wrapper.unmount()
  await sync.stop()
}

describe('CheckInView', () => {
  freshClientPerTest()

  it('offline, refuses to queue the same person twice on this device', async () => {
    const signer = await makeSigner()
    server([signer.publicKey], () => ({ status: 'applied' }))
    const desk = await mountDesk()
    const { wrapper, sync } = desk
    window.dispatchEvent(new Event('offline'))
    await flushPromises()
    await enter(wrapper, 'KX202600000005')
    await enter(wrapper, 'kx 2026 0000 0005')
    expect(queued(sync)).toHaveLength(1)
    expect(wrapper.get('[data-testid=check-in-feedback]').text()).toContain('已在本机签到')
    await enter(wrapper, '13800000006')
    expect(queued(sync)).toHaveLength(2) // another person (or the same by phone: the server decides)
    window.dispatchEvent(new Event('online'))
    await stop(desk)
  })

  it('queues a member number, refuses a forged and an expired card on the spot, and queues a good one', async () => {
    const signer = await makeSigner()
    server([signer.publicKey], () => ({ status: 'applied' }))
    const desk = await mountDesk()
    const { wrapper, sync } = desk

    await enter(wrapper, 'kx202600000005')
    expect(queued(sync)).toEqual([expect.objectContaining({ activityId: ACTIVITY, memberNo: 'KX202600000005' })])
    expect(states(wrapper)).toEqual(['pending:KX202600000005'])
    expect(wrapper.get('[data-testid=check-in-state]').text()).toBe('待同步')

    await enter(wrapper, await signer.card({}, true))
    expect(wrapper.get('[data-testid=check-in-feedback]').text()).toContain('签名不符')
    await enter(wrapper, await signer.card({ u: Math.floor(Date.now() / 1000) - DAY }))
    expect(wrapper.get('[data-testid=check-in-feedback]').text()).toContain('已过有效期')
    await enter(wrapper, 'SH1.not-a-card')
    expect(wrapper.get('[data-testid=check-in-feedback]').text()).toContain('不是本站的会员证')
    expect(queued(sync)).toHaveLength(1)

    const good = await signer.card()
    await enter(wrapper, good)
    expect(queued(sync)[1]).toMatchObject({ card: good })
    expect(states(wrapper)).toContain('pending:张三 KX2026000123')

    await enter(wrapper, '李思远')
    expect(wrapper.get('[data-testid=check-in-feedback]').text()).toContain('无法识别')
    expect(queued(sync)).toHaveLength(2)
    await stop(desk)
  })

  it('verifies cards with the keys it saved, when the network is gone', async () => {
    const signer = await makeSigner()
    const net = server([signer.publicKey], () => ({ status: 'applied' }))
    // online once: the keys are fetched and saved (a card entered now waits for them)
    const first = await mountDesk()
    await enter(first.wrapper, await signer.card())
    expect(first.wrapper.get('[data-testid=check-in-feedback]').text()).toBe('已记录 张三 KX2026000123，待同步')
    await stop(first)

    net.offline = true
    const desk = await mountDesk()
    expect(desk.wrapper.find('[data-testid=check-in-offline]').exists()).toBe(true)
    await enter(desk.wrapper, await signer.card({}, true))
    expect(desk.wrapper.get('[data-testid=check-in-feedback]').text()).toContain('签名不符')
    // another member's card (the same card again would be refused as already queued on this device)
    await enter(desk.wrapper, await signer.card({ n: 'KX2026000124', m: '6b2d7075-9f1f-4f3c-8c1f-1e7bad408f32', p: '李四' }))
    expect(desk.wrapper.get('[data-testid=check-in-feedback]').attributes('data-kind')).toBe('ok')
    expect(desk.wrapper.get('[data-testid=check-in-feedback]').text()).not.toContain('服务器验证')
    expect(queued(desk.sync)).toHaveLength(2) // the online one and this one; the forged card was never queued
    expect(net.keyRequests).toBe(1)
    await stop(desk)
  })

  it('shows what the server decided: ✓ with its name, or "not on the list" and a walk-in by name', async () => {
    const seen = new Set<string>()
    const net = server([], (args) => {
      if (args.memberNo && seen.has(args.memberNo))
        return { status: 'rejected', code: 'already_checked_in', message: '李思远 was already checked in' }
      if (args.memberNo && seen.add(args.memberNo))
        return {
          status: 'applied',
          data: {
            id: args.checkInId,
            activityId: ACTIVITY,
            userId: 'u6',
            name: '李思远',
            method: 'member_no',
            at: '2026-06-01T06:05:00.000Z',
            version: 41,
          },
        }
      if (args.phone && !args.name)
        return {
          status: 'rejected',
          code: 'not_on_list',
          message: 'nobody with this phone or member number is on the list of this activity',
        }
      if (args.phone && args.name)
        return {
          status: 'applied',
          data: {
            id: args.checkInId,
            activityId: ACTIVITY,
            userId: null,
            name: args.name,
            method: 'walk_in',
            at: '2026-06-01T06:07:00.000Z',
            version: 43,
          },
        }
      return { status: 'rejected', code: 'invalid_args', message: 'unexpected' }
    })
    const desk = await mountDesk()
    const { wrapper, sync } = desk
    await enter(wrapper, 'KX202600000005')
    await enter(wrapper, '13912345678')
    expect(states(wrapper).sort()).toEqual(['pending:139****5678', 'pending:KX202600000005'])

    net.hold = false
    await sync.syncNow()
    await vi.waitFor(() => expect(states(wrapper).sort()).toEqual(['applied:李思远', 'rejected:139****5678']))
    const refused = wrapper.findAll('[data-testid=check-in-line]').find((l) => l.attributes('data-state') === 'rejected')!
    expect(refused.get('[data-testid=check-in-reason]').text()).toBe(
      '这个手机号或会员号不在本活动的报名名单（含候补、待审核）中，请按现场参加登记姓名。',
    )
    expect(refused.text()).not.toContain('nobody') // our words, not the server's

    await refused.get('[data-testid=check-in-as-walk-in]').trigger('click')
    expect((wrapper.get('[data-testid=walk-in-phone]').element as HTMLInputElement).value).toBe('13912345678')
    await wrapper.get('[data-testid=walk-in-form]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid=walk-in-form]').text()).toContain('请填写姓名')
    await wrapper.get('[data-testid=walk-in-name]').setValue('钱路过')
    await wrapper.get('[data-testid=walk-in-form]').trigger('submit')
    await flushPromises()
    await sync.syncNow()
    await vi.waitFor(() => expect(states(wrapper).sort()).toEqual(['applied:李思远', 'applied:钱路过']))
    expect(net.pushed.at(-1)).toMatchObject({ phone: '13912345678', name: '钱路过' })
    expect(sync.rejected).toEqual([])

    // the same person again: refused with a reason, and dismissed
    await enter(wrapper, 'KX202600000005')
    await sync.syncNow()
    await vi.waitFor(() => expect(wrapper.find('[data-testid=check-in-reason]').exists()).toBe(true))
    expect(wrapper.get('[data-testid=check-in-reason]').text()).toBe('此人已经签到过。')
    expect(wrapper.find('[data-testid=check-in-as-walk-in]').exists()).toBe(false)
    await wrapper.get('[data-testid=check-in-dismiss]').trigger('click')
    await vi.waitFor(() => expect(states(wrapper).sort()).toEqual(['applied:李思远', 'applied:钱路过']))
    await stop(desk)
  })

  it('shows whether check-in is open, and outside the window queues nothing, offline too', async () => {
    const hour = 3600_000
    server([], () => ({ status: 'applied' }), {
      startsAt: new Date(Date.now() + 3 * hour).toISOString(),
      endsAt: new Date(Date.now() + 5 * hour).toISOString(),
      checkInOpensMinutesBefore: 60,
    })
    const desk = await mountDesk()
    const { wrapper, sync } = desk
    expect(wrapper.get('[data-testid=check-in-window]').attributes('data-state')).toBe('not_open')
    expect(wrapper.get('[data-testid=check-in-window]').text()).toContain('签到尚未开始')
    expect(wrapper.get('[data-testid=check-in-window]').text()).toContain('活动开始前 60 分钟')
    window.dispatchEvent(new Event('offline'))
    await flushPromises()
    await enter(wrapper, 'KX202600000005')
    expect(wrapper.get('[data-testid=check-in-feedback]').attributes('data-kind')).toBe('error')
    expect(wrapper.get('[data-testid=check-in-feedback]').text()).toContain('签到尚未开始')
    await wrapper.get('[data-testid=walk-in-open]').trigger('click')
    await wrapper.get('[data-testid=walk-in-name]').setValue('钱路过')
    await wrapper.get('[data-testid=walk-in-form]').trigger('submit')
    await flushPromises()
    expect(queued(sync)).toEqual([])
    window.dispatchEvent(new Event('online'))
    await stop(desk)
  })

  it('keeps the list it downloaded: offline, a number or phone names the person at once, one not on it is said at once', async () => {
    const net = server([], () => ({ status: 'applied' }), undefined, [
      { registrationId: 'r1', name: '李思远', phone: '139****5678', memberNo: 'KX202600000005', registrationStatus: 'registered' },
      { registrationId: 'r2', name: '赵候补', phone: '137****0001', registrationStatus: 'waitlisted' },
      { registrationId: 'r3', name: '钱取消', phone: '136****0002', registrationStatus: 'cancelled' },
    ])
    const online = await mountDesk()
    await vi.waitFor(() => expect(online.wrapper.get('[data-testid=check-in-roster]').text()).toContain('2 人'))
    await stop(online)

    net.offline = true // from now on the list comes from this device
    const desk = await mountDesk()
    const { wrapper, sync } = desk
    await vi.waitFor(() => expect(wrapper.get('[data-testid=check-in-roster]').text()).toContain('已下载报名名单：2 人'))
    await enter(wrapper, 'kx202600000005')
    expect(wrapper.get('[data-testid=check-in-feedback]').text()).toBe('已记录 李思远 KX202600000005，待同步')
    await enter(wrapper, '137 0000 0001') // waitlisted people are on the list too; the phone stays masked
    expect(wrapper.get('[data-testid=check-in-feedback]').text()).toBe('已记录 赵候补 137****0001，待同步')
    expect(states(wrapper).sort()).toEqual(['pending:李思远 KX202600000005', 'pending:赵候补 137****0001'])

    // a cancelled registration is not on the list: said at once, nothing queued, a walk-in offered with the phone kept
    await enter(wrapper, '13600000002')
    expect(wrapper.get('[data-testid=check-in-feedback]').text()).toBe('136****0002 不在本活动的报名名单上。是现场参加的吗？')
    expect(queued(sync)).toHaveLength(2)
    await wrapper.get('[data-testid=unlisted-walk-in]').trigger('click')
    expect((wrapper.get('[data-testid=walk-in-phone]').element as HTMLInputElement).value).toBe('13600000002')
    await wrapper.get('[data-testid=walk-in-name]').setValue('钱取消')
    await wrapper.get('[data-testid=walk-in-form]').trigger('submit')
    await vi.waitFor(() => expect(queued(sync)).toHaveLength(3))
    expect(queued(sync)[2]).toMatchObject({ name: '钱取消', phone: '13600000002' })

    // an unknown number can still be sent to the server (the list may be older than a registration)
    await enter(wrapper, 'KX202600000099')
    expect(wrapper.get('[data-testid=check-in-feedback]').attributes('data-kind')).toBe('error')
    await wrapper.get('[data-testid=unlisted-anyway]').trigger('click')
    await vi.waitFor(() => expect(queued(sync)).toHaveLength(4))
    expect(wrapper.find('[data-testid=check-in-unlisted]').exists()).toBe(false)
    // no full phone number on the screen
    expect(wrapper.text()).not.toMatch(/1[3-9]\d{9}/)
    net.offline = false
    await stop(desk)
  })

  it('says check-in is open, and closed once the activity has ended', async () => {
    const hour = 3600_000
    server([], () => ({ status: 'applied' }), {
      startsAt: new Date(Date.now() - 3 * hour).toISOString(),
      endsAt: new Date(Date.now() - hour).toISOString(),
      checkInOpensMinutesBefore: 120,
    })
    const desk = await mountDesk()
    expect(desk.wrapper.get('[data-testid=check-in-window]').attributes('data-state')).toBe('closed')
    await enter(desk.wrapper, '13912345678')
    expect(desk.wrapper.get('[data-testid=check-in-feedback]').text()).toBe('活动已结束，签到已关闭。未签到。')
    expect(queued(desk.sync)).toEqual([])
    await stop(desk)
    server([], () => ({ status: 'applied' }))
    const open = await mountDesk()
    expect(open.wrapper.get('[data-testid=check-in-window]').attributes('data-state')).toBe('open')
    expect(open.wrapper.get('[data-testid=check-in-window]').text()).toContain('签到进行中')
    await stop(open)
  })
})
