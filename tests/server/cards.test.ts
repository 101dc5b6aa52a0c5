import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { verifyCard, base64UrlDecode, base64UrlEncode, type VerifyKey } from '../../shared/rules/card'
import { beijingContext, type Ctx, makeMembership, person } from './fixtures'

async function keys(ctx: Ctx): Promise<VerifyKey[]> {
  const res = await ctx.agent().get('/api/cards/public-keys')
  expect(res.status).toBe(200)
  return res.body.keys
}

/** A member of the open street 科协 (active at once) and a pending applicant to the county. */
async function memberWithCard() {
  const ctx = await beijingContext()
  const p = await person(ctx, { name: '王科研' })
  const membershipId = randomUUID()
  expect((await p.apply('cast-110108010', membershipId)).data.status).toBe('active')
  await p.apply('cast-110108')
  const res = await p.a.get('/api/cards')
  expect(res.status).toBe(200)
  return { ctx, p, membershipId, cards: res.body.cards }
}

/** Flips one bit of one character of a base64url segment (stays valid base64url). */
function flip(segment: string, at: number): string {
  const bytes = base64UrlDecode(segment)!
  bytes[at % bytes.length]! ^= 0x01
  return base64UrlEncode(bytes)
}

describe('member cards', () => {
  it('issues one signed card per active membership that verifies offline with the published key', async () => {
    const { ctx, membershipId, cards } = await memberWithCard()
    expect(cards).toHaveLength(1) // the pending application has no card
    const card = cards[0]
    expect(card).toMatchObject({ membershipId, name: '王科研', orgId: 'cast-110108010', orgName: '海淀区中关村街道科学技术协会' })
    expect(card.qr).toBe(`SH1.${card.payload}.${card.signature}.${card.keyId}`)
    expect(card.qr.length).toBeLessThan(400) // fits a medium QR code comfortably
    const check = await verifyCard(card.qr, await keys(ctx), ctx.clock.now())
    expect(check).toMatchObject({ ok: true, reason: null, card: { m: membershipId, n: card.memberNo, o: 'cast-110108010', p: '王科研' } })
    expect(check.card!.u * 1000).toBe(Date.parse(card.validUntil))
  })

  it('keeps one signing key across requests and serves it as an Ed25519 JWK', async () => {
    const { ctx, p, cards } = await memberWithCard()
    const again = (await p.a.get('/api/cards')).body.cards
    expect(again[0].keyId).toBe(cards[0].keyId)
    const published = await keys(ctx)
    expect(published).toEqual([
      {
        kid: cards[0].keyId,
        alg: 'Ed25519',
        jwk: { kty: 'OKP', crv: 'Ed25519', x: expect.any(String) },
        createdAt: expect.any(String),
        retiredAt: null,
      },
    ])
    expect(JSON.stringify(published)).not.toMatch(/"d"/) // never the private half
  })

  it('detects tampering: a flipped byte in the payload or the signature, a swapped key id, garbage', async () => {
    const { ctx, cards } = await memberWithCard()
    const k = await keys(ctx)
    const { payload, signature, keyId } = cards[0]
    const now = ctx.clock.now()
    for (let i = 0; i < 8; i++) {
      expect((await verifyCard(`SH1.${flip(payload, i * 7)}.${signature}.${keyId}`, k, now)).ok).toBe(false)
      expect((await verifyCard(`SH1.${payload}.${flip(signature, i * 9)}.${keyId}`, k, now)).reason).toBe('bad_signature')
    }
    // a forged payload that still parses is a bad signature, not a bad format
    const forged = base64UrlEncode(
      new TextEncoder().encode(JSON.stringify({ ...JSON.parse(new TextDecoder().decode(base64UrlDecode(payload)!)), u: 4102444800 })),
    )
    expect((await verifyCard(`SH1.${forged}.${signature}.${keyId}`, k, now)).reason).toBe('bad_signature')
    expect((await verifyCard(`SH1.${payload}.${signature}.other1`, k, now)).reason).toBe('unknown_key')
    expect((await verifyCard(`SH1.${payload}.${signature}.other1`, [...k, { kid: 'other1', jwk: k[0]!.jwk }], now)).reason).toBe(
      'bad_signature',
    )
    for (const text of [
      '',
      'hello',
      `SH2.${payload}.${signature}.${keyId}`,
      `SH1.${payload}.${signature}`,
      `SH1.!!.${signature}.${keyId}`,
      `SH1.${payload}.AAAA.${keyId}`,
    ]) {
      expect((await verifyCard(text, k, now)).reason, text).toBe('bad_format')
    }
  })

  it('fails an expired card and one whose membership was revoked (left), learnt from the revocation list', async () => {
    const { ctx, p, membershipId, cards } = await memberWithCard()
    const k = await keys(ctx)
    const validUntil = new Date(cards[0].validUntil)
    expect((await verifyCard(cards[0].qr, k, new Date(validUntil.getTime() - 1000))).ok).toBe(true)
    expect((await verifyCard(cards[0].qr, k, validUntil)).reason).toBe('expired')

    const kiosk = ctx.agent()
    const first = await kiosk.get('/api/cards/revocations?since=0')
    expect(first.status).toBe(200)
    expect(first.body.items).toEqual([])
    expect(await p.leave(membershipId)).toMatchObject({ status: 'applied' })
    const next = await kiosk.get(`/api/cards/revocations?since=${first.body.cursor}`)
    expect(next.body.items).toEqual([{ membershipId, status: 'left', version: expect.any(Number) }])
    const revoked = new Set<string>(next.body.items.map((i: { membershipId: string }) => i.membershipId))
    expect((await verifyCard(cards[0].qr, k, ctx.clock.now(), revoked)).reason).toBe('revoked')
    // nothing new since: an empty page and a cursor that does not go backwards
    const after = await kiosk.get(`/api/cards/revocations?since=${next.body.cursor}`)
    expect(after.body.items).toEqual([])
    expect(after.body.cursor).toBeGreaterThanOrEqual(next.body.cursor)
    // a left membership has no card any more
    expect((await p.a.get('/api/cards')).body.cards).toEqual([])
  })

  it('pages the revocation list in version order', async () => {
    const ctx = await beijingContext()
    const p = await person(ctx)
    const ids = []
    for (let i = 0; i < 5; i++)
      ids.push(await makeMembership(ctx.db, { userId: p.user.id, orgId: 'cast-110108', status: i % 2 ? 'left' : 'lapsed' }))
    await makeMembership(ctx.db, { userId: p.user.id, orgId: 'cast-110105', status: 'rejected' }) // never had a card
    // a deleted membership (the person deleted their data) is revoked through its tombstone
    const gone = randomUUID()
    const version = (
      await ctx.db
        .updateTable('sync_state')
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .returning('version')
        .executeTakeFirstOrThrow()
    ).version
    await ctx.db
      .insertInto('tombstones')
      .values({
        table_name: 'memberships',
        row_id: gone,
        version,
        user_id: p.user.id,
        org_id: 'cast-110108',
        deleted_at: '2026-11-28T00:00:00Z',
      })
      .execute()
    ids.push(gone)
    ids.push(await makeMembership(ctx.db, { userId: p.user.id, orgId: 'cast-110108', status: 'left' }))
    const seen: string[] = []
    let since = 0
    for (let guard = 0; guard < 10; guard++) {
      const res = await ctx.agent().get(`/api/cards/revocations?since=${since}&limit=2`)
      seen.push(...res.body.items.map((i: { membershipId: string }) => i.membershipId))
      since = res.body.cursor
      if (!res.body.hasMore) break
    }
    expect(seen).toEqual(ids)
  })

  it('refuses anonymous card requests and bad revocation queries', async () => {
    const ctx = await beijingContext()
    const res = await ctx.agent().get('/api/cards')
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthorized')
    for (const qs of ['since=-1', 'since=abc', 'limit=0', 'limit=5001']) {
      const bad = await ctx.agent().get('/api/cards/revocations?' + qs)
      expect(bad.status, qs).toBe(400)
      expect(bad.body.error.code).toBe('invalid_input')
    }
  })
})
