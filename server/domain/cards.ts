/**
 * Member cards: the server signs a compact payload with an Ed25519 key (WebCrypto — the same
 * algorithm the kiosk and member app verify with, offline, in Chromium and Node 20).
 * The key pair is created on first use and kept in signing_keys; retired keys stay published for a
 * year so cards signed with them keep verifying until they expire.
 * The private key is stored as a JWK in the database; wrapping it with a key from the environment
 * is the next hardening step (noted for the security issue).
 */
import { randomBytes } from 'node:crypto'
import type { DB, Executor } from '../db/database'
import type { Clock } from '../deps'
import { DomainError } from '../errors'
import { memberByMembershipId } from '../db/activity-check-in.repository'
import type { CardPayload, CardPublicKey, MemberCard } from '../../shared/schemas/card'
import { CARD_ALGORITHM, CARD_PREFIX, verifyCard } from '../../shared/rules/card'
import { base64UrlEncode, encodeJsonPayload, formatSignedQr, signingInput } from '../../shared/rules/signed-qr'
import { writeTransaction } from '../db/transaction'

const KEY_PUBLISH_AFTER_RETIRE_MS = 366 * 24 * 3600_000

interface ActiveKey {
  kid: string
  privateKey: CryptoKey
}

// Imported private keys per database handle: a cache only (any instance can import again).
const keyCache = new WeakMap<object, Map<string, CryptoKey>>()

async function importPrivate(db: DB, kid: string, jwk: string): Promise<CryptoKey> {
  let perDb = keyCache.get(db)
  if (!perDb) keyCache.set(db, (perDb = new Map()))
  let key = perDb.get(kid)
  if (!key) {
    key = await crypto.subtle.importKey('jwk', JSON.parse(jwk) as JsonWebKey, { name: CARD_ALGORITHM }, false, ['sign'])
    perDb.set(kid, key)
  }
  return key
}

function findActiveKey(db: Executor) {
  return db
    .selectFrom('signing_keys')
    .select(['id', 'private_key'])
    .where('algorithm', '=', CARD_ALGORITHM)
    .where('retired_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst()
}

/** The key cards are signed with now; generated (and stored) the first time one is needed. */
export async function activeSigningKey(db: DB, clock: Clock): Promise<ActiveKey> {
  const existing = await findActiveKey(db)
  if (existing) return { kid: existing.id, privateKey: await importPrivate(db, existing.id, existing.private_key) }
  const pair = (await crypto.subtle.generateKey({ name: CARD_ALGORITHM }, true, ['sign', 'verify'])) as CryptoKeyPair
  const publicJwk = await crypto.subtle.exportKey('jwk', pair.publicKey)
  const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey)
  const row = await writeTransaction(db, async (trx) => {
    // Two first requests at once — on one instance or on two starting together (issue 15): the second
    // sees the first's key and uses it. writeTransaction suffices on PostgreSQL too: it takes the
    // writers' lock first (db/transaction.ts), so the second waits until the first commits, and its
    // findActiveKey, a statement after the lock in READ COMMITTED, sees the committed key.
    const raced = await findActiveKey(trx)
    if (raced) return raced
    const created = { id: randomBytes(6).toString('base64url'), private_key: JSON.stringify(privateJwk) }
    await trx
      .insertInto('signing_keys')
      .values({
        ...created,
        algorithm: CARD_ALGORITHM,
        public_key: JSON.stringify({ kty: publicJwk.kty, crv: publicJwk.crv, x: publicJwk.x }),
        created_at: clock.now().toISOString(),
        retired_at: null,
      })
      .execute()
    return created
  })
  return { kid: row.id, privateKey: await importPrivate(db, row.id, row.private_key) }
}

/** Public keys a kiosk should cache: the active ones and those retired within the last year. */
export async function publishedKeys(db: Executor, now: Date): Promise<CardPublicKey[]> {
  const since = new Date(now.getTime() - KEY_PUBLISH_AFTER_RETIRE_MS).toISOString()
  const rows = await db
    .selectFrom('signing_keys')
    .select(['id', 'public_key', 'created_at', 'retired_at'])
    .where('algorithm', '=', CARD_ALGORITHM)
    .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', since)]))
    .orderBy('created_at')
    .execute()
  return rows.map((r) => {
    const jwk = JSON.parse(r.public_key) as { x: string }
    return { kid: r.id, alg: 'Ed25519', jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, createdAt: r.created_at, retiredAt: r.retired_at }
  })
}

export interface CardSubject {
  membershipId: string
  memberNo: string
  personName: string
  orgId: string
  orgName: string
  validUntil: string
}

/**
 * Signs a compact payload with the active key as `<prefix>.<payload>.<signature>.<kid>`
 * (shared/rules/signed-qr.ts): member cards, volunteer service certificates.
 */
export async function signQr(db: DB, clock: Clock, prefix: string, data: unknown) {
  const key = await activeSigningKey(db, clock)
  const payload = encodeJsonPayload(data)
  const sig = new Uint8Array(await crypto.subtle.sign({ name: CARD_ALGORITHM }, key.privateKey, signingInput(prefix, payload, key.kid)))
  const signature = base64UrlEncode(sig)
  return { payload, signature, kid: key.kid, qr: formatSignedQr(prefix, payload, signature, key.kid) }
}

/** Signs one member card. */
export async function issueCard(db: DB, clock: Clock, s: CardSubject): Promise<MemberCard> {
  const issuedAt = clock.now()
  const card: CardPayload = {
    n: s.memberNo,
    m: s.membershipId,
    o: s.orgId,
    p: s.personName,
    u: Math.floor(new Date(s.validUntil).getTime() / 1000),
    i: Math.floor(issuedAt.getTime() / 1000),
  }
  const signed = await signQr(db, clock, CARD_PREFIX, card)
  return {
    membershipId: s.membershipId,
    memberNo: s.memberNo,
    name: s.personName,
    orgId: s.orgId,
    orgName: s.orgName,
    validUntil: s.validUntil,
    issuedAt: issuedAt.toISOString(),
    payload: signed.payload,
    signature: signed.signature,
    keyId: signed.kid,
    qr: signed.qr,
  }
}

/**
 * The holder of a scanned member card, for a check-in desk (activities, volunteer shifts): the card
 * verified with the published keys (`card_invalid` otherwise) and its membership still active
 * (`card_revoked`). `printedName` is the name on the card, which the desk has just read anyway.
 */
export async function cardHolder(db: Executor, qr: string, now: Date): Promise<{ userId: string; printedName: string }> {
  const keys = await publishedKeys(db, now)
  const check = await verifyCard(
    qr,
    keys.map((k) => ({ kid: k.kid, jwk: k.jwk })),
    now,
  )
  if (!check.ok) throw new DomainError('card_invalid', `this member card cannot be accepted (${check.reason})`)
  const member = await memberByMembershipId(db, check.card.m)
  if (!member || member.status !== 'active') throw new DomainError('card_revoked', 'this member card is no longer valid')
  return { userId: member.user_id, printedName: check.card.p }
}
