/**
 * The member's 志愿 (issue 13), continued: the team page joins at once through an invitation link
 * (待同步 until the server says 队员) and asks to join without one (等待队长审核), offline from the
 * replica's row; the service certificate is kept on the device and opens offline; its QR verifies
 * offline with the saved card keys, and a tampered one is refused.
 *
 * The certificate QR is signed here as `SHV1.<payload>.<sig>.<kid>` over `SHV1.<payload>.<kid>`, by
 * analogy with the member card — the format shared/rules/volunteer-certificate.ts is written to.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useSyncStore } from '../../client/features/sync/store'
import TeamView from '../../client/features/volunteer/TeamView.vue'
import CertificateView from '../../client/features/volunteer/CertificateView.vue'
import VerifyView from '../../client/features/volunteer/VerifyView.vue'
import { base64UrlEncode } from '../../shared/rules/card'
import type { CardPublicKey } from '../../shared/schemas/card'
import type { CertificatePayload, TeamDetail, TeamMember, VolunteerCertificate, VolunteerTeam } from '../../shared/schemas/volunteer'
import type { ClientMutation } from '../../shared/schemas/sync'
import { freshIndexedDb } from './sync-setup'
import { settleAndStopSync } from './component-setup'
import { fakeApi, type Routes } from './fake-api'
import { mountVolunteer, team, TEAM_ID } from './volunteer-fixtures'

const INVITE = 'Abcdefgh12345678_-xy'
const TEAM: VolunteerTeam = team(TEAM_ID, { description: '社区义诊与健康讲座', skills: ['health', 'first_aid'], cancelCutoffHours: 24 })
const DETAIL: TeamDetail = { ...TEAM, leaders: [{ name: '李医生', role: 'leader' }], myMembership: null, canLead: false }

const state = { offline: false, pushed: [] as ClientMutation[], pull: [] as Array<{ table: string; row: { id: string } }> }
function api(extra: Routes) {
  fakeApi(
    {
      '/api/sync/push': ({ body }: { body: { mutations: ClientMutation[] } }) => {
        state.pushed.push(...body.mutations)
        return {
          results: body.mutations.map((m) => {
            const a = m.args as { memberId: string; inviteCode?: string; skills: TeamMember['skills'] }
            const row: TeamMember = {
              id: a.memberId,
              teamId: TEAM_ID,
              role: 'member',
              status: a.inviteCode ? 'active' : 'pending',
              skills: a.skills,
              createdAt: '2026-12-01T06:00:00Z',
              updatedAt: '2026-12-01T06:00:00Z',
              version: 7,
            }
            return { id: m.id, status: 'applied', data: row }
          }),
        }
      },
      '/api/sync/pull': () => ({
        changes: state.pull.splice(0).map((r) => ({ table: r.table, id: r.row.id, op: 'upsert', row: r.row })),
        cursor: 1,
        hasMore: false,
      }),
      ...extra,
    },
    { offline: () => state.offline },
  )
}

beforeEach(() => {
  freshIndexedDb()
  localStorage.clear()
  Object.assign(state, { offline: false, pushed: [], pull: [] })
})
afterEach(async () => {
  await settleAndStopSync()
  vi.unstubAllGlobals()
})

describe('the team page', () => {
  it('joins at once with the invitation link: 待同步, then 队员 once the server agrees', async () => {
    api({ [`GET /api/teams/${TEAM_ID}`]: DETAIL })
    const { wrapper, sync } = await mountVolunteer(TeamView, `/volunteer/teams/${TEAM_ID}?invite=${INVITE}`, { id: TEAM_ID })
    await vi.waitFor(() => expect(wrapper.get('[data-testid=team-name]').text()).toBe('海淀医疗志愿队'))
    expect(wrapper.get('[data-testid=team-leaders]').text()).toContain('李医生（队长）')
    expect(wrapper.get('[data-testid=team-rules]').text()).toContain('24 小时')
    expect(wrapper.get('[data-testid=invite-hint]').text()).toContain('无需审核')
    await wrapper.get('[data-testid=skill-health]').trigger('click')

    state.offline = true
    await wrapper.get('[data-testid=join-team]').trigger('click')
    await vi.waitFor(() => expect(wrapper.get('[data-testid=member-state]').text()).toBe('待同步'))
    state.offline = false
    await sync.syncNow()
    expect(state.pushed.map((m) => m.name)).toEqual(['team.join'])
    expect(state.pushed[0]!.args).toMatchObject({ teamId: TEAM_ID, inviteCode: INVITE, skills: ['health'] })
    await vi.waitFor(() => expect(wrapper.get('[data-testid=member-state]').text()).toBe('队员'))
    expect(wrapper.find('[data-testid=team-shifts]').exists()).toBe(true)
  })

  it('asks to join without an invitation (waiting for the leader), and opens offline from the replica', async () => {
    api({ [`GET /api/teams/${TEAM_ID}`]: () => (state.offline ? undefined : DETAIL) })
    state.pull = [{ table: 'volunteer_teams', row: TEAM }]
    const { wrapper, sync } = await mountVolunteer(TeamView, `/volunteer/teams/${TEAM_ID}`, { id: TEAM_ID })
    await vi.waitFor(() => expect(wrapper.find('[data-testid=join-team]').exists()).toBe(true))
    expect(wrapper.find('[data-testid=invite-hint]').exists()).toBe(false)
    await wrapper.get('[data-testid=join-team]').trigger('click')
    await sync.syncNow()
    await vi.waitFor(() => expect(wrapper.get('[data-testid=member-state]').text()).toBe('等待队长审核'))
    expect(state.pushed[0]!.args).not.toHaveProperty('inviteCode')
    wrapper.unmount()
    await sync.stop()

    state.offline = true
    const again = await mountVolunteer(TeamView, `/volunteer/teams/${TEAM_ID}`, { id: TEAM_ID })
    await vi.waitFor(() => expect(again.wrapper.get('[data-testid=team-name]').text()).toBe('海淀医疗志愿队'))
    expect(again.wrapper.get('[data-testid=member-state]').text()).toBe('等待队长审核')
  })
})

async function signer() {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey)
  const key: CardPublicKey = {
    kid: 'k2026',
    alg: 'Ed25519',
    jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x! },
    createdAt: '2026-01-01T00:00:00.000Z',
    retiredAt: null,
  }
  const encode = (p: CertificatePayload) => base64UrlEncode(new TextEncoder().encode(JSON.stringify(p)))
  async function qr(p: CertificatePayload) {
    const payload = encode(p)
    const sig = await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, new TextEncoder().encode(`SHV1.${payload}.k2026`))
    return `SHV1.${payload}.${base64UrlEncode(new Uint8Array(sig))}.k2026`
  }
  return { key, qr, encode }
}
const PAYLOAD: CertificatePayload = {
  p: '张三',
  h: 270,
  r: 2,
  f: '2026-11-20',
  l: '2026-11-22',
  c: '6b1f0c1e-2d3a-4b5c-8d7e-9f0a1b2c3d4e',
  i: 1_796_000_000,
}

describe('the service certificate', () => {
  it('prints what the server certifies, keeps it, and opens it offline; its QR verifies offline and a tampered one does not', async () => {
    const s = await signer()
    const certificate: VolunteerCertificate = {
      holder: '张三',
      approvedMinutes: 270,
      records: [
        {
          teamName: '海淀医疗志愿队',
          orgName: '海淀区科协',
          serviceTitle: '社区义诊',
          venueAddress: '中关村街道党群服务中心',
          startsAt: '2026-11-20T01:00:00Z',
          endsAt: '2026-11-20T03:30:00Z',
          minutes: 150,
          certifiedBy: '李医生',
        },
        {
          teamName: '海淀医疗志愿队',
          orgName: '海淀区科协',
          serviceTitle: '健康讲座',
          venueAddress: '海淀区科技馆',
          startsAt: '2026-11-22T01:00:00Z',
          endsAt: '2026-11-22T03:00:00Z',
          minutes: 120,
          certifiedBy: '李医生',
        },
      ],
      issuedAt: '2026-12-01T06:00:00Z',
      certificateId: PAYLOAD.c,
      qr: await s.qr(PAYLOAD),
    }
    api({ 'GET /api/me/volunteer/certificate': certificate, 'GET /api/cards/public-keys': { keys: [s.key] } })
    const online = await mountVolunteer(CertificateView, '/volunteer/certificate')
    await vi.waitFor(() => expect(online.wrapper.find('[data-testid=certificate]').exists()).toBe(true))
    expect(online.wrapper.get('[data-testid=certificate-hours]').text()).toBe('已认定服务时长 4.5 小时')
    expect(online.wrapper.findAll('[data-testid=certificate-record]')).toHaveLength(2)
    await vi.waitFor(() => expect(online.wrapper.get('[data-testid=certificate-qr]').attributes('src')).toMatch(/^data:image\/svg\+xml/))
    online.wrapper.unmount()

    // verify once online: the keys are saved on the device
    const verify = await mountVolunteer(VerifyView, '/volunteer/verify')
    await verify.wrapper.get('[data-testid=verify-input]').setValue(certificate.qr)
    await verify.wrapper.get('form').trigger('submit')
    await vi.waitFor(() => expect(verify.wrapper.get('[data-testid=verify-result]').attributes('data-ok')).toBe('true'))
    verify.wrapper.unmount()
    await useSyncStore().stop()

    state.offline = true
    const offline = await mountVolunteer(CertificateView, '/volunteer/certificate')
    await vi.waitFor(() => expect(offline.wrapper.find('[data-testid=certificate-saved]').exists()).toBe(true))
    expect(offline.wrapper.get('[data-testid=certificate-holder]').text()).toContain('张三')
    offline.wrapper.unmount()

    const check = await mountVolunteer(VerifyView, '/volunteer/verify')
    await check.wrapper.get('[data-testid=verify-input]').setValue(certificate.qr)
    await check.wrapper.get('form').trigger('submit')
    await vi.waitFor(() => expect(check.wrapper.get('[data-testid=verify-result]').attributes('data-ok')).toBe('true'))
    expect(check.wrapper.get('[data-testid=verify-hours]').text()).toBe('已认定服务时长 4.5 小时')
    // more hours under the original signature
    const [, , sig, kid] = certificate.qr.split('.')
    await check.wrapper.get('[data-testid=verify-input]').setValue(`SHV1.${s.encode({ ...PAYLOAD, h: 6000 })}.${sig}.${kid}`)
    await check.wrapper.get('form').trigger('submit')
    await vi.waitFor(() => expect(check.wrapper.get('[data-testid=verify-result]').attributes('data-ok')).toBe('false'))
    expect(check.wrapper.get('[data-testid=verify-result]').text()).toContain('签名不符')
  })
})
