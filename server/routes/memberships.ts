import { createRoute } from '@hono/zod-openapi'
import { maskPhone } from '../../shared/schemas/common'
import {
  AdminMembershipItem,
  AdminMembershipPage,
  AdminMembershipQuery,
  ApproveInput,
  BulkDecisionInput,
  BulkDecisionResult,
  MemberListQuery,
  MembershipIdParam,
  MembershipRoleInput,
  RejectInput,
} from '../../shared/schemas/membership'
import { OrgIdParam } from '../../shared/schemas/organization'
import type { AppDeps } from '../deps'
import { createRouter, json, refusal } from '../openapi'
import { access } from '../middleware/access'
import { DomainError, notFound } from '../errors'
import { currentUser } from '../middleware/session'
import { assertOrgAdmin } from '../domain/authz'
import { adminListRoots, decideMembership, setMembershipRole } from '../domain/memberships'
import { findOrganization } from '../db/organization.repository'
import { audit } from '../domain/audit'
import { adminMembershipPage, findAdminMembershipRow, orgMemberPage, toMembership } from '../db/membership.repository'
import { writeTransaction } from '../db/transaction'

const refusals = {
  400: refusal('invalid input'),
  401: refusal('not logged in'),
  403: refusal('not an admin of this organisation or of one above it'),
}

type AdminRow = Awaited<ReturnType<typeof adminMembershipPage>>['rows'][number]

/** What an admin sees of a membership: never the full phone number. */
function toAdminItem(r: AdminRow): AdminMembershipItem {
  return {
    ...toMembership(r),
    orgName: r.org_name,
    userName: r.user_name,
    phone: maskPhone(r.phone),
    regionName: r.region_name,
    employer: r.employer,
    title: r.title,
    discipline: r.discipline,
  }
}

/** Admin side of joining: applications in the caller's organisations and below, approve/reject, member lists. */
export function adminMembershipRoutes({ db, clock }: AppDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'listAdminMemberships',
      method: 'get',
      path: '/memberships',
      tags: ['admin'],
      summary: 'Applications (by status) in the organisations the caller administers and everything below them',
      request: { query: AdminMembershipQuery },
      responses: { 200: { description: 'one page', ...json(AdminMembershipPage) }, ...refusals },
    }),
    async (c) => {
      const user = currentUser(c)
      const q = c.req.valid('query')
      const roots = await adminListRoots(db, user, q.orgId)
      const { rows, total } = await adminMembershipPage(db, {
        roots,
        status: q.status,
        discipline: q.discipline,
        region: q.region,
        page: q.page,
        pageSize: q.pageSize,
      })
      // A read of other people's personal data (names, masked phones): audited.
      await audit(db, {
        actorId: user.id,
        action: 'members.read',
        orgId: q.orgId ?? null,
        detail: { status: q.status, page: q.page, count: rows.length },
        at: clock.now(),
      })
      return c.json({ items: rows.map(toAdminItem), total, page: q.page, pageSize: q.pageSize }, 200)
    },
  )

  async function itemFor(id: string): Promise<AdminMembershipItem> {
    return toAdminItem(await findAdminMembershipRow(db, id))
  }

  const decisionResponses = {
    200: { description: 'the membership after the decision', ...json(AdminMembershipItem) },
    ...refusals,
    404: refusal('no such membership'),
    409: refusal('not pending any more'),
  }

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'approveMembership',
      method: 'post',
      path: '/memberships/{id}/approve',
      tags: ['admin'],
      summary: 'Approve a pending application: the applicant becomes a member (number, valid one year)',
      request: { params: MembershipIdParam, body: { required: false, ...json(ApproveInput) } },
      responses: decisionResponses,
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await writeTransaction(db, (trx) => decideMembership({ trx, user: currentUser(c), clock }, id, 'approve', null))
      return c.json(await itemFor(id), 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'rejectMembership',
      method: 'post',
      path: '/memberships/{id}/reject',
      tags: ['admin'],
      summary: 'Reject a pending application with a reason the applicant will see',
      request: { params: MembershipIdParam, body: { required: true, ...json(RejectInput) } },
      responses: decisionResponses,
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { reason } = c.req.valid('json')
      await writeTransaction(db, (trx) => decideMembership({ trx, user: currentUser(c), clock }, id, 'reject', reason))
      return c.json(await itemFor(id), 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'decideMemberships',
      method: 'post',
      path: '/memberships/decisions',
      tags: ['admin'],
      summary:
        'Approve, or refuse with one reason, several pending applications at once: each checked and audited as one decision, all or none',
      request: { body: { required: true, ...json(BulkDecisionInput) } },
      responses: {
        200: { description: 'the memberships after the decisions, in the order given', ...json(BulkDecisionResult) },
        ...refusals,
        404: refusal('no such membership (nothing was decided)'),
        409: refusal('one is not pending any more (nothing was decided)'),
      },
    }),
    async (c) => {
      const { ids, decision, reason } = c.req.valid('json')
      const ctx = { user: currentUser(c), clock }
      // one transaction: a refusal for any one (not theirs, not pending) leaves every one undecided
      await writeTransaction(db, async (trx) => {
        for (const id of ids) {
          await decideMembership({ ...ctx, trx }, id, decision, decision === 'reject' ? (reason ?? null) : null).catch((err: unknown) => {
            throw err instanceof DomainError ? new DomainError(err.code, `application ${id}: ${err.message}`) : err
          })
        }
      })
      return c.json({ items: await Promise.all(ids.map(itemFor)) }, 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'setMembershipRole',
      method: 'post',
      path: '/memberships/{id}/role',
      tags: ['admin'],
      summary: 'Delegate running this organisation’s activities to an active member (organiser), or take it back (member)',
      request: { params: MembershipIdParam, body: { required: true, ...json(MembershipRoleInput) } },
      responses: {
        ...decisionResponses,
        409: refusal('not an active membership, or an admin’s (appointed elsewhere)'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { role } = c.req.valid('json')
      await writeTransaction(db, (trx) => setMembershipRole({ trx, user: currentUser(c), clock }, id, role))
      return c.json(await itemFor(id), 200)
    },
  )

  app.openapi(
    createRoute({
      ...access.member,
      operationId: 'listOrgMembers',
      method: 'get',
      path: '/orgs/{id}/members',
      tags: ['admin'],
      summary: 'Members of one organisation (phones masked)',
      request: { params: OrgIdParam, query: MemberListQuery },
      responses: {
        200: { description: 'one page', ...json(AdminMembershipPage) },
        ...refusals,
        404: refusal('no such organisation'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const q = c.req.valid('query')
      if (!(await findOrganization(db, id))) throw notFound('organisation')
      await assertOrgAdmin(db, currentUser(c), id)
      const { rows, total } = await orgMemberPage(db, id, q.status, q.page, q.pageSize)
      await audit(db, {
        actorId: currentUser(c).id,
        action: 'members.read',
        orgId: id,
        detail: { status: q.status, page: q.page, count: rows.length },
        at: clock.now(),
      })
      return c.json({ items: rows.map(toAdminItem), total, page: q.page, pageSize: q.pageSize }, 200)
    },
  )

  return app
}
