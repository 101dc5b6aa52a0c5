/**
 * The public keys that verify member cards at a desk: fresh from the server when it answers (and
 * saved), else the copy saved on this device, so an offline desk still refuses a forged card.
 */
import type { VerifyKey } from '../../../shared/rules/card'
import { expectedError } from '../../lib/errors'
import { META_CARD_KEYS } from '../../lib/idb'
import type { SyncEngine } from '../../lib/sync'
import { adminActivityApi } from '../activities/admin-api'

export async function loadCardKeys(engine: SyncEngine): Promise<VerifyKey[]> {
  try {
    const fresh = (await adminActivityApi.publicKeys()).keys.map((k) => ({ kid: k.kid, jwk: k.jwk }))
    await engine.writeLocal(META_CARD_KEYS, fresh)
    return fresh
  } catch (err) {
    expectedError(err) // offline or refused: the keys saved last time
    return (await engine.readLocal<VerifyKey[]>(META_CARD_KEYS)) ?? []
  }
}
