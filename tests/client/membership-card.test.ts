/**
 * 会员证: cards signed with a real Ed25519 key (made here with WebCrypto, in the QR format of
 * shared/rules/card.ts). Online the view shows and saves them; offline it renders the same QR from
 * the copy in IndexedDB and still verifies it; a tampered or expired card is shown as not valid.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import QRCode from 'qrcode'
import jsQR from 'jsqr'
import CardsView from '../../client/features/organizations/CardsView.vue'
import { CARD_QR_OPTIONS, cardQrImage } from '../../client/features/organizations/card-qr'
import { createAppI18n } from '../../client/i18n/index'
import { useSyncStore } from '../../client/features/sync/store'
import { useAccountStore } from '../../client/features/account/store'
import type { Me } from '../../shared/schemas/user'
import { base64UrlEncode, cardSigningInput, encodeCardPayload, formatCardQr, verifyCard } from '../../shared/rules/card'
import type { CardPayload, CardPublicKey, MemberCard } from '../../shared/schemas/card'
import { freshIndexedDb } from './sync-setup'
import { fakeApi, idleSync } from './fake-api'

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
  async function card(over: Partial<CardPayload> = {}, tamper?: (p: CardPayload) => CardPayload): Promise<MemberCard> {
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
    // a tampered card carries another payload under the original signature
    const shown = tamper ? tamper(signed) : signed
    const shownPayload = tamper ? encodeCardPayload(shown) : payload
    return {
      membershipId: shown.m,
      memberNo: shown.n,
      name: shown.p,
      orgId: shown.o,
      orgName: '北京市海淀区科学技术协会',
      validUntil: new Date(shown.u * 1000).toISOString(),
      issuedAt: new Date(shown.i * 1000).toISOString(),
      payload: shownPayload,
      signature,
      keyId: KID,
      qr: formatCardQr(shownPayload, signature, KID),
    }
  }
  return { publicKey, card }
}

/** The card endpoints plus an idle sync server; `offline` fails every request like a dead network. */
function server(cards: MemberCard[], keys: CardPublicKey[]) {
  const net = { offline: false, cardRequests: 0 }
  fakeApi(
    {
      '/api/cards': () => {
        net.cardRequests++
        return { cards }
      },
      '/api/cards/public-keys': { keys },
      ...idleSync,
    },
    { offline: () => net.offline },
  )
  return net
}

async function mountCards() {
  const pinia = createPinia()
  setActivePinia(pinia)
  // 我的会员证 is for a signed-in person: the engine (and its saved cards) belong to that account
  useAccountStore().me = { id: 'user-1', name: '张三', systemRole: 'member' } as Me
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
  const wrapper = mount(CardsView, { global: { plugins: [pinia, router, createAppI18n('zh-CN')] } })
  await vi.waitFor(() => expect(wrapper.find('[data-testid=member-card], [data-testid=cards-none]').exists()).toBe(true))
  await flushPromises()
  return wrapper
}

/** What the view must draw for a card's QR text (same renderer, same options). */
const qrImage = cardQrImage

/** Draws a QR code's modules as black and white RGBA pixels (`scale` px a module), as a camera would see them. */
function qrPixels(text: string, level: 'L' | 'M', scale: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: level })
  const quiet = 4
  const side = (modules.size + 2 * quiet) * scale
  const data = new Uint8ClampedArray(side * side * 4).fill(255)
  for (let y = 0; y < modules.size; y++)
    for (let x = 0; x < modules.size; x++) {
      if (!modules.get(x, y)) continue
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const at = (((y + quiet) * scale + dy) * side + (x + quiet) * scale + dx) * 4
          data.fill(0, at, at + 3)
        }
    }
  return { data, side, modules: modules.size }
}

async function unmountAndStop(wrapper: Awaited<ReturnType<typeof mountCards>>) {
  const sync = useSyncStore()
  await vi.waitFor(() => expect(sync.syncing).toBe(false))
  await flushPromises()
  wrapper.unmount()
  await sync.stop()
}

describe('member card view', () => {
  beforeEach(() => {
    freshIndexedDb()
    localStorage.clear()
  })
  afterEach(() => vi.unstubAllGlobals())

  it('shows the card with a verified QR online, and the same card from the saved copy offline', async () => {
    const signer = await makeSigner()
    const card = await signer.card()
    const net = server([card], [signer.publicKey])

    const online = await mountCards()
    const shown = online.get('[data-testid=member-card]')
    expect(shown.text()).toContain('北京市海淀区科学技术协会')
    expect(shown.text()).toContain('张三')
    expect(online.get('[data-testid=card-member-no]').text()).toBe('KX2026000123')
    expect(shown.text()).toContain(new Date(card.validUntil).toLocaleDateString('zh-CN'))
    expect(online.get('[data-testid=card-check]').text()).toContain('✓ 有效')
    expect(shown.attributes('data-qr')).toBe(card.qr)
    expect(shown.get('img').attributes('src')).toBe(await qrImage(card.qr))
    expect(online.text()).not.toContain('离线显示')
    await unmountAndStop(online)

    // a fresh page with no network: cards and keys come from IndexedDB
    net.offline = true
    const offline = await mountCards()
    expect(offline.text()).toContain('离线显示')
    expect(offline.get('[data-testid=card-member-no]').text()).toBe('KX2026000123')
    expect(offline.get('[data-testid=member-card]').get('img').attributes('src')).toBe(await qrImage(card.qr))
    expect(offline.get('[data-testid=card-check]').text()).toContain('✓ 有效')
    expect(net.cardRequests).toBe(1)
    await unmountAndStop(offline)
  })

  it('says a tampered card and an expired card are not valid, in words', async () => {
    const signer = await makeSigner()
    const forged = await signer.card({}, (p) => ({ ...p, p: '李四' }))
    const now = Math.floor(Date.now() / 1000)
    const expired = await signer.card({ m: '0e9d2c1b-3a4f-4b6c-8d7e-9f0a1b2c3d4e', u: now - DAY, i: now - 366 * DAY })
    server([forged, expired], [signer.publicKey])
    const wrapper = await mountCards()
    const checks = wrapper.findAll('[data-testid=card-check]').map((c) => c.text())
    expect(checks).toEqual([expect.stringContaining('签名不符'), expect.stringContaining('已过有效期')])
    expect(checks.join()).not.toContain('✓')
    await unmountAndStop(wrapper)
  })

  it('does not trust a card whose key it has never seen', async () => {
    const signer = await makeSigner()
    const other = await makeSigner() // same kid, different key: a forger's own key pair
    server([await signer.card()], [other.publicKey])
    const wrapper = await mountCards()
    expect(wrapper.get('[data-testid=card-check]').text()).toContain('签名不符')
    await unmountAndStop(wrapper)
  })

  it('draws a less dense QR (level L) that still decodes and verifies, also enlarged', async () => {
    const signer = await makeSigner()
    // the longest name and member number a card may carry
    const card = await signer.card({ p: '欧阳'.padEnd(40, '明'), n: 'KX'.padEnd(32, '9') })
    expect(CARD_QR_OPTIONS.errorCorrectionLevel).toBe('L')
    const low = qrPixels(card.qr, 'L', 4)
    const medium = qrPixels(card.qr, 'M', 4)
    expect(low.modules).toBeLessThan(medium.modules)
    for (const scale of [4, 12]) {
      const drawn = qrPixels(card.qr, 'L', scale)
      const read = jsQR(drawn.data, drawn.side, drawn.side)
      expect(read?.data).toBe(card.qr)
      expect(await verifyCard(read!.data, [{ kid: signer.publicKey.kid, jwk: signer.publicKey.jwk }], new Date())).toMatchObject({
        ok: true,
        card: { n: card.memberNo, p: card.name },
      })
    }
  })

  it('opens the QR full screen with the brightness hint', async () => {
    const signer = await makeSigner()
    const card = await signer.card()
    server([card], [signer.publicKey])
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.open = true
    }
    const wrapper = await mountCards()
    await wrapper.get('[data-testid=card-enlarge]').trigger('click')
    await flushPromises()
    const full = wrapper.get('[data-testid=card-full]')
    expect(full.attributes('open')).toBeDefined()
    expect(full.get('img').attributes('src')).toBe(await qrImage(card.qr))
    expect(wrapper.get('[data-testid=card-brightness]').text()).toContain('亮度调到最高')
    await unmountAndStop(wrapper)
  })

  it('explains that there is no card yet, offline with nothing saved too', async () => {
    const net = server([], [])
    net.offline = true
    const wrapper = await mountCards()
    expect(wrapper.get('[data-testid=cards-none]').text()).toContain('还没有有效的会员证')
    await unmountAndStop(wrapper)
  })
})
