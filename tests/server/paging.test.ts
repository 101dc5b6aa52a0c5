/** One paging shape (shared/schemas/paging.ts): each list keeps its own defaults and bounds. */
import { describe, expect, it } from 'vitest'
import { AuditQuery } from '../../shared/schemas/account'
import { ActivityListQuery, OrganiserActivityQuery } from '../../shared/schemas/activity'
import { AdminMembershipQuery, MemberListQuery } from '../../shared/schemas/membership'
import { OrgChildrenQuery, OrgSearchQuery } from '../../shared/schemas/organization'
import { pageOffset } from '../../shared/schemas/paging'

describe('list queries', () => {
  it.each([
    ['orgs', OrgSearchQuery, 20, 50, 1000],
    ['org children', OrgChildrenQuery, 100, 200, 1000],
    ['activities', ActivityListQuery, 20, 100, 1000],
    ['organiser activities', OrganiserActivityQuery, 50, 100, 1000],
    ['admin memberships', AdminMembershipQuery, 50, 200, 10_000],
    ['members', MemberListQuery, 50, 200, 10_000],
    ['audit', AuditQuery, 50, 200, 10_000],
  ] as const)('%s: page 1 of %i by default, at most %i a page and page %i', (_, schema, size, maxSize, maxPage) => {
    expect(schema.parse({})).toMatchObject({ page: 1, pageSize: size })
    expect(schema.parse({ page: String(maxPage), pageSize: String(maxSize) })).toMatchObject({ page: maxPage, pageSize: maxSize })
    for (const bad of [
      { page: '0' },
      { page: String(maxPage + 1) },
      { pageSize: '0' },
      { pageSize: String(maxSize + 1) },
      { page: '1.5' },
    ]) {
      expect(schema.safeParse(bad).success).toBe(false)
    }
  })

  it('skips the rows of the pages before', () => {
    expect(pageOffset({ page: 1, pageSize: 20 })).toBe(0)
    expect(pageOffset({ page: 3, pageSize: 20 })).toBe(40)
  })
})
