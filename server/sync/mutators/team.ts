import { teamJoin, teamLeave, teamSetSkills } from '../../../shared/mutations/volunteer'
import { toTeamMember } from '../../db/volunteer.repository'
import { joinTeam, leaveTeam, setTeamSkills } from '../../domain/volunteer-teams'
import { defineServerMutator } from './define'

/** team.join: ask to join a volunteer team, or join at once with its invitation code (rules: server/domain/volunteer-teams.ts). */
export const teamJoinMutator = defineServerMutator(teamJoin, async (ctx, args) => toTeamMember(await joinTeam(ctx, args)))

/** team.leave: leave a team or withdraw the request (a sole leader cannot). */
export const teamLeaveMutator = defineServerMutator(teamLeave, async (ctx, args) => toTeamMember(await leaveTeam(ctx, args.memberId)))

/** team.setSkills: the skills the person brings to a team. */
export const teamSetSkillsMutator = defineServerMutator(teamSetSkills, async (ctx, args) =>
  toTeamMember(await setTeamSkills(ctx, args.memberId, args.skills)),
)
