import { createRoute } from '@hono/zod-openapi'
import { CardPublicKeys, MemberCardList, RevocationList, RevocationQuery } from '../../shared/schemas/card'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { currentUser } from '../middleware/session'
import { activeSigningKey, issueCard, publishedKeys } from '../domain/cards'
import { revokedSince } from '../db/membership.repository'
import { MAX_LIVE_MEMBERSHIPS } from '../../shared/rules/membership'

/**
 * Member cards. The member fetches signed cards (and keeps them for offline use); a kiosk caches
 * the public keys and the revocation list, and then verifies cards with no network at all
 * (shared/rules/card.ts verifyCard).
 */
export function cardRoutes({ db, clock }: AppDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'listCardPublicKeys',
      method: 'get',
      path: '/public-keys',
      tags: ['cards'],
      summary: 'Public keys (JWK, Ed25519) that member cards are signed with; kiosks cache them',
      responses: { 200: { description: 'the keys', ...json(CardPublicKeys) } },
    }),
    async (c) => {
      // A key must exist before the first kiosk asks, or it would cache an empty list.
      let keys = await publishedKeys(db, clock.now())
      if (keys.length === 0) {
        await activeSigningKey(db, clock)
        keys = await publishedKeys(db, clock.now())
      }
      return c.json({ keys }, 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.anyone,
      operationId: 'listCardRevocations',
      method: 'get',
      path: '/revocations',
      tags: ['cards'],
      summary: 'Memberships whose cards stopped being valid (left, lapsed, deleted) after version `since`; page with `cursor`',
      request: { query: RevocationQuery },
      responses: {
        200: { description: 'revoked membership ids', ...json(RevocationList) },
        400: refusal('invalid query'),
      },
    }),
    async (c) => {
      const { since, limit } = c.req.valid('query')
      const rows = await revokedSince(db, since, limit + 1)
      const page = rows.slice(0, limit)
      const hasMore = rows.length > limit
      // With nothing left to report the cursor jumps to the current version: a membership revoked
      // later is stamped with a newer version, so it cannot be skipped.
      const cursor = page.length ? page[page.length - 1]!.version : await latestVersion(since)
      return c.json({ items: page, cursor, hasMore }, 200)
    },
  )

  async function latestVersion(since: number): Promise<number> {
    const row = await db.selectFrom('sync_state').select('version').where('id', '=', 1).executeTakeFirst()
    return Math.max(since, row?.version ?? 0)
  }

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'listMyCards',
      method: 'get',
      path: '/',
      tags: ['cards'],
      summary: `A signed member card for each of the person’s active memberships (at most ${MAX_LIVE_MEMBERSHIPS}, the oldest first)`,
      responses: {
        200: { description: 'the cards', ...json(MemberCardList) },
        401: refusal('not logged in'),
      },
    }),
    async (c) => {
      const user = currentUser(c)
      const rows = await db
        .selectFrom('memberships as m')
        .innerJoin('organizations as o', 'o.id', 'm.org_id')
        .select(['m.id', 'm.member_no', 'm.valid_until', 'm.org_id', 'o.name as org_name'])
        .where('m.user_id', '=', user.id)
        .where('m.status', '=', 'active')
        .orderBy('m.created_at')
        .orderBy('m.id')
        // Signing costs CPU on every call: bounded by the cap on memberships, and by this limit for an
        // account that collected more before the cap existed (it gets its oldest ones).
        .limit(MAX_LIVE_MEMBERSHIPS)
        .execute()
      const cards = []
      for (const r of rows) {
        if (!r.member_no || !r.valid_until) continue // an active membership always has both; skip a damaged row rather than sign nonsense
        cards.push(
          await issueCard(db, clock, {
            membershipId: r.id,
            memberNo: r.member_no,
            personName: user.name,
            orgId: r.org_id,
            orgName: r.org_name,
            validUntil: r.valid_until,
          }),
        )
      }
      return c.json({ cards }, 200)
    },
  )

  return app
}
