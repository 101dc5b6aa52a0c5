import { sql, type SelectQueryBuilder } from 'kysely'
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

/**
 * One row per id with the latest version at which it entered the scope (`via`), from entries that
 * may name an id more than once (an organisation both joined and on the 科协 chain): the `s` a
 * synced table joins its rows to.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query whose rows are (id, via)
export function enteredScope(db: Executor, entries: SelectQueryBuilder<any, any, { id: string; via: number }>) {
  return db
    .selectFrom(entries.as('e'))
    .select((eb) => ['e.id', eb.fn.max('e.via').as('via')])
    .groupBy('e.id')
    .as('s')
}
