import { profileUpdate } from '../../../shared/mutations/profile'
import { updateUser } from '../../db/user.repository'
import { DomainError } from '../../errors'
import { toMe } from '../../domain/me'
import { castChainOf } from '../scope'
import { recordScopeExit } from '../scope-exits'
import { defineServerMutator } from './define'

/**
 * profile.update: the person patches their own users row. Every apply stamps one new version (even an
 * empty patch), so "applied once" is visible in the version counter. Returns the new profile row.
 */
export const profileUpdateMutator = defineServerMutator(profileUpdate, async ({ trx, user, clock }, args) => {
  if (args.regionCode) {
    const region = await trx.selectFrom('regions').select('code').where('code', '=', args.regionCode).executeTakeFirst()
    if (!region) throw new DomainError('unknown_region', `there is no region with code ${args.regionCode}`)
  }
  const patch: Parameters<typeof updateUser>[2] = {}
  if (args.name !== undefined) patch.name = args.name
  if (args.regionCode !== undefined) patch.region_code = args.regionCode
  if (args.discipline !== undefined) patch.discipline = args.discipline
  if (args.employer !== undefined) patch.employer = args.employer
  if (args.title !== undefined) patch.title = args.title
  if (args.bio !== undefined) patch.bio = args.bio
  const before = await trx.selectFrom('users').select('region_code').where('id', '=', user.id).executeTakeFirstOrThrow()
  await updateUser(trx, user.id, patch, clock.now())
  const profile = await toMe(trx, user.id)
  // moving away from a region drops its 科协 chain from the person's scope
  const kept = new Set(castChainOf(profile.regionCode))
  for (const orgId of castChainOf(before.region_code).filter((id) => !kept.has(id))) {
    await recordScopeExit(trx, { userId: user.id, table: 'organizations', rowId: orgId, version: profile.version, at: clock.now() })
  }
  return profile
})
