/**
 * A team's active members (names and skills), for asking one to take a shift: fresh from the server
 * when it answers (and saved in the account's IndexedDB meta), else the copy saved on this device.
 */
import type { z } from 'zod'
import type { Teammates } from '../../../shared/schemas/volunteer'
import { expectedError } from '../../lib/errors'
import { metaTeammatesKey } from '../../lib/idb'
import type { SyncEngine } from '../../lib/sync'
import { volunteerApi } from './api'

export type Teammate = z.infer<typeof Teammates>['items'][number]

export async function loadTeammates(engine: SyncEngine, teamId: string): Promise<{ items: Teammate[]; offline: boolean }> {
  try {
    const { items } = await volunteerApi.teammates(teamId)
    await engine.writeLocal(metaTeammatesKey(teamId), items)
    return { items, offline: false }
  } catch (err) {
    const e = expectedError(err)
    if (!e.isNetwork) throw err
    return { items: (await engine.readLocal<Teammate[]>(metaTeammatesKey(teamId))) ?? [], offline: true }
  }
}
