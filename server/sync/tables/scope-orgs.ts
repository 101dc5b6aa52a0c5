import { sql } from 'kysely'
import type { Executor } from '../../db/database'
import type { MemberScope } from '../scope'

/**
 * The organisations in a member's scope, each with the version at which it entered the scope
 * (`via`): the membership row's version, or the person's profile version for their 科协 chain.
 * A row that joins the scope late carries an old version of its own; riding on `via` makes it
 * reach clients whose cursor is already past that old version.
 */
export function scopeOrgs(db: Executor, scope: MemberScope) {
  return db
    .selectFrom('memberships')
    .select(['org_id as id', 'version as via'])
    .where('user_id', '=', scope.userId)
    .unionAll(
      db
        .selectFrom('organizations')
        .select(['id', sql<number>`${scope.profileVersion}`.as('via')])
        .where('id', 'in', scope.castChain),
    )
}
