/**
 * Server mutator registry: public mutation name → authoritative apply.
 *
 * Adding a feature's mutation (e.g. `membership.join`):
 *   1. define it once in shared/mutations/<feature>.ts with defineMutation(name, zodArgs) and list it
 *      in shared/mutations/index.ts (the client uses the same definition);
 *   2. write server/sync/mutators/<feature>.ts exporting defineServerMutator(def, async (ctx, args) => …);
 *   3. here: one import line and one entry in `all` — that is the whole change.
 * tests/server/sync-engine.test.ts ("mutator registry") fails if a shared definition has no server mutator or vice versa.
 */
import type { ServerMutator } from './define'
import { profileUpdateMutator } from './profile'
import { membershipApplyMutator, membershipLeaveMutator } from './membership'
import { activityCancelMutator, activityRegisterMutator } from './activity'
import { activityCheckInMutator } from './activity-check-in'
import { noticeMarkReadMutator } from './notice'
import { teamJoinMutator, teamLeaveMutator, teamSetSkillsMutator } from './team'
import { shiftCancelMutator, shiftConfirmMutator, shiftSignUpMutator, shiftSwapRequestMutator, shiftSwapRespondMutator } from './shift'
import { shiftAttendMutator } from './shift-attend'
import { requestOrderMutator } from './service-request'

const all: ServerMutator[] = [
  profileUpdateMutator,
  membershipApplyMutator,
  membershipLeaveMutator,
  activityRegisterMutator,
  activityCancelMutator,
  activityCheckInMutator,
  noticeMarkReadMutator,
  teamJoinMutator,
  teamLeaveMutator,
  teamSetSkillsMutator,
  shiftSignUpMutator,
  shiftCancelMutator,
  shiftConfirmMutator,
  shiftSwapRequestMutator,
  shiftSwapRespondMutator,
  shiftAttendMutator,
  requestOrderMutator,
]

export const serverMutators: ReadonlyMap<string, ServerMutator> = new Map(all.map((m) => [m.def.name, m]))
