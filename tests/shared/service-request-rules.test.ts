/** The service-request rules both sides share: each state's deadline, the dispatch deadline's bounds, the team ranking. */
import { describe, expect, it } from 'vitest'
import {
  allowedActions,
  completeByProblem,
  rankTeams,
  stateDueAt,
  teamDistance,
  type RankableTeam,
} from '../../shared/rules/service-request'
import { formatRequestNumber, RequestNumber } from '../../shared/schemas/service-request'

const HOUR = 3_600_000
const t = (iso: string) => new Date(iso)
const at = t('2026-11-28T08:00:00.000Z')

describe('stateDueAt', () => {
  it('ordered: 24 h after it was ordered, whatever the deadline', () => {
    expect(stateDueAt('ordered', at, null)).toEqual(t('2026-11-29T08:00:00.000Z'))
    expect(stateDueAt('ordered', at, t('2026-11-28T10:00:00.000Z'))).toEqual(t('2026-11-29T08:00:00.000Z'))
  })
  it('dispatched: 24 h to accept, or the deadline when sooner', () => {
    expect(stateDueAt('dispatched', at, t('2026-12-05T00:00:00.000Z'))).toEqual(t('2026-11-29T08:00:00.000Z'))
    expect(stateDueAt('dispatched', at, t('2026-11-28T20:00:00.000Z'))).toEqual(t('2026-11-28T20:00:00.000Z'))
    expect(stateDueAt('dispatched', at, null)).toEqual(t('2026-11-29T08:00:00.000Z'))
  })
  it('accepted: the deadline; done, rated and closed wait for nobody', () => {
    expect(stateDueAt('accepted', at, t('2026-12-05T00:00:00.000Z'))).toEqual(t('2026-12-05T00:00:00.000Z'))
    expect(stateDueAt('accepted', at, null)).toBeNull()
    for (const s of ['done', 'rated', 'closed'] as const) expect(stateDueAt(s, at, t('2026-12-05T00:00:00.000Z'))).toBeNull()
  })
})

describe('completeByProblem', () => {
  it('between one hour and 90 days ahead, both ends included', () => {
    expect(completeByProblem(new Date(at.getTime() + HOUR - 1), at)).toBe('too_soon')
    expect(completeByProblem(new Date(at.getTime() + HOUR), at)).toBeNull()
    expect(completeByProblem(new Date(at.getTime() + 90 * 24 * HOUR), at)).toBeNull()
    expect(completeByProblem(new Date(at.getTime() + 90 * 24 * HOUR + 1), at)).toBe('too_late')
    expect(completeByProblem(new Date(at.getTime() - HOUR), at)).toBe('too_soon')
  })
})

describe('allowedActions', () => {
  it('offers the buttons of each state', () => {
    expect(allowedActions('ordered').sort()).toEqual(['close', 'dispatch'])
    expect(allowedActions('dispatched').sort()).toEqual(['accept', 'close', 'decline', 'dispatch'])
    expect(allowedActions('accepted').sort()).toEqual(['assign', 'close', 'dispatch', 'done'])
    expect(allowedActions('done')).toEqual(['rate'])
    expect(allowedActions('rated')).toEqual([])
    expect(allowedActions('closed')).toEqual([])
  })
})

describe('teamDistance', () => {
  const hub = '110108010' // 北京市海淀区中关村街道
  it('township, county, city, farther by the GB/T 2260 prefix; no region is farther', () => {
    expect(teamDistance(hub, '110108010')).toBe('township')
    expect(teamDistance(hub, '110108011')).toBe('county')
    expect(teamDistance(hub, '110108')).toBe('county')
    expect(teamDistance(hub, '110105')).toBe('city')
    expect(teamDistance(hub, '1101')).toBe('city')
    expect(teamDistance(hub, '11')).toBe('farther')
    expect(teamDistance(hub, '370783')).toBe('farther')
    expect(teamDistance(hub, null)).toBe('farther')
  })
})

describe('rankTeams', () => {
  const hub = '110108010'
  const team = (id: string, over: Partial<RankableTeam> = {}): RankableTeam => ({
    id,
    name: `队${id}`,
    regionCode: '110108',
    skills: [],
    memberCount: 10,
    ...over,
  })

  it('more of the wanted skills first, the main skill before the others, then distance, then size, then name, then id', () => {
    const teams = [
      team('farOnlyElder', { regionCode: '370783', skills: ['elder_care'] }),
      team('both', { regionCode: '370783', skills: ['it', 'elder_care'] }),
      team('itCity', { regionCode: '110105', skills: ['it'] }),
      team('itTownship', { regionCode: '110108010', skills: ['it'] }),
      team('none', { regionCode: '110108010', skills: ['health'] }),
      team('elderTownship', { regionCode: '110108010', skills: ['elder_care'] }),
    ]
    const ranked = rankTeams('elder_digital', hub, teams)
    expect(ranked.map((r) => r.team.id)).toEqual(['both', 'itTownship', 'itCity', 'elderTownship', 'farOnlyElder', 'none'])
    expect(ranked[0]).toMatchObject({ matchedSkills: ['it', 'elder_care'], wantedSkills: ['it', 'elder_care'], distance: 'farther' })
    expect(ranked[1]).toMatchObject({ matchedSkills: ['it'], distance: 'township' })
    expect(ranked.at(-1)).toMatchObject({ matchedSkills: [], distance: 'township' })
  })

  it('ties: the larger team, then by name (zh-CN collation), then by id — the same list whatever the input order', () => {
    const teams = [
      team('b', { name: '海淀队', memberCount: 5, skills: ['health'] }),
      team('a', { name: '海淀队', memberCount: 5, skills: ['health'] }),
      team('c', { name: '安贞队', memberCount: 5, skills: ['health'] }),
      team('d', { name: '朝阳队', memberCount: 30, skills: ['health'] }),
    ]
    const expected = ['d', 'c', 'a', 'b']
    expect(rankTeams('health', hub, teams).map((r) => r.team.id)).toEqual(expected)
    expect(rankTeams('health', hub, [...teams].reverse()).map((r) => r.team.id)).toEqual(expected)
  })

  it('"other" asks for no skill: distance decides', () => {
    const ranked = rankTeams('other', hub, [team('far', { regionCode: null }), team('near', { regionCode: '110108010' })])
    expect(ranked.map((r) => [r.team.id, r.matchedSkills, r.distance])).toEqual([
      ['near', [], 'township'],
      ['far', [], 'farther'],
    ])
  })
})

describe('request numbers', () => {
  it('are <deviceNo>-<seq padded to 4>, and what residents type is normalised', () => {
    expect(formatRequestNumber(12, 7)).toBe('12-0007')
    expect(formatRequestNumber(3, 12345)).toBe('3-12345')
    expect(RequestNumber.parse(' 12－0007 ')).toBe('12-0007')
    expect(RequestNumber.safeParse('12-7').success).toBe(false)
  })
})
