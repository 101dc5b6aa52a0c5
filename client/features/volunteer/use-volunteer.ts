/**
 * The person's volunteering from the replica (teams, own team places, shifts, sign-ups, swaps), with
 * whether each own row still waits in the outbox: the 志愿 screens open offline and show what was
 * done offline as 待同步.
 */
import { computed } from 'vue'
import type { Shift } from '../../../shared/schemas/volunteer'
import { META_SIGNED_UP_SHIFTS } from '../../lib/idb'
import type { SyncEngine } from '../../lib/sync'
import {
  SHIFT_SIGNUPS_TABLE,
  SHIFT_SWAPS_TABLE,
  SHIFTS_TABLE,
  TEAM_MEMBERS_TABLE,
  VOLUNTEER_TEAMS_TABLE,
  type TableName,
} from '../../lib/tables'
import { useReplicaQuery } from '../sync/use-replica-query'
import { useServerNow } from '../sync/use-server-now'
import { leadsATeam, myVolunteering, NO_ROWS, type VolunteerRows } from './model'

export const VOLUNTEER_TABLES: readonly TableName[] = [
  VOLUNTEER_TEAMS_TABLE,
  TEAM_MEMBERS_TABLE,
  SHIFTS_TABLE,
  SHIFT_SIGNUPS_TABLE,
  SHIFT_SWAPS_TABLE,
]

async function withSyncing<T extends { id: string }>(engine: SyncEngine, table: TableName, rows: T[]) {
  return Promise.all(rows.map(async (r) => ({ ...r, syncing: await engine.isRowPending(table, r.id) })))
}

const SIGNED_UP_LIMIT = 100

/**
 * Keeps a shift signed up for from the open list (not in the replica until the server's answer
 * syncs it), so 我的志愿 shows an offline sign-up with its time and place at once.
 */
export async function rememberShift(engine: SyncEngine, shift: Shift): Promise<void> {
  const list = (await engine.readLocal<Shift[]>(META_SIGNED_UP_SHIFTS)) ?? []
  await engine.writeLocal(META_SIGNED_UP_SHIFTS, [shift, ...list.filter((s) => s.id !== shift.id)].slice(0, SIGNED_UP_LIMIT))
}

async function readVolunteering(engine: SyncEngine): Promise<VolunteerRows> {
  const [teams, members, shifts, signups, swaps, remembered] = await Promise.all([
    engine.listRows(VOLUNTEER_TEAMS_TABLE),
    engine.listRows(TEAM_MEMBERS_TABLE),
    engine.listRows(SHIFTS_TABLE),
    engine.listRows(SHIFT_SIGNUPS_TABLE),
    engine.listRows(SHIFT_SWAPS_TABLE),
    engine.readLocal<Shift[]>(META_SIGNED_UP_SHIFTS),
  ])
  return {
    teams: new Map(teams.map((t) => [t.id, t])),
    members: await withSyncing(engine, TEAM_MEMBERS_TABLE, members),
    // the replica's row wins over a remembered copy
    shifts: new Map([...(remembered ?? []), ...shifts].map((s) => [s.id, s])),
    signups: await withSyncing(engine, SHIFT_SIGNUPS_TABLE, signups),
    swaps: await withSyncing(engine, SHIFT_SWAPS_TABLE, swaps),
  }
}

export function useVolunteer() {
  const query = useReplicaQuery(VOLUNTEER_TABLES, readVolunteering, NO_ROWS)
  const now = useServerNow()
  return {
    rows: query.data,
    loaded: query.loaded,
    now,
    mine: computed(() => myVolunteering(query.data.value, now.value)),
  }
}

/** Does the person lead a volunteer team (read from their own team places only)? */
export function useLeadsATeam() {
  const { data } = useReplicaQuery([TEAM_MEMBERS_TABLE], (engine) => engine.listRows(TEAM_MEMBERS_TABLE), [])
  return computed(() => leadsATeam(data.value))
}
