/**
 * The person's volunteer service certificate (服务证明): their approved records (谁记录谁证明: each
 * with its team and approving leader) and a QR signed with the card signing keys
 * (`SHV1.<payload>.<signature>.<kid>`, shared/rules/volunteer-certificate.ts) that verifies offline
 * with the public keys of `GET /api/cards/keys`.
 */
import { randomUUID } from 'node:crypto'
import type { DB } from '../db/database'
import type { UserRow } from '../db/database.types'
import type { Clock } from '../deps'
import { signQr } from './cards'
import { approvedRecords, certifiedBy } from './volunteer-records'
import { CERTIFICATE_PREFIX } from '../../shared/rules/volunteer-certificate'
import { beijingDay } from '../../shared/time/beijing'
import type { CertificatePayload, VolunteerCertificate } from '../../shared/schemas/volunteer'

export async function issueCertificate(db: DB, clock: Clock, user: Pick<UserRow, 'id' | 'name'>): Promise<VolunteerCertificate> {
  const rows = await approvedRecords(db).where('g.user_id', '=', user.id).execute()
  const records = rows.map((r) => ({
    teamName: r.team_name,
    orgName: r.org_name,
    serviceTitle: r.service_title,
    venueAddress: r.venue_address,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    minutes: r.credited_minutes ?? 0,
    certifiedBy: certifiedBy(r),
  }))
  const now = clock.now()
  const approvedMinutes = records.reduce((sum, r) => sum + r.minutes, 0)
  const first = records[0]
  const last = records[records.length - 1]
  const payload: CertificatePayload = {
    p: user.name.slice(0, 40) || '-',
    h: approvedMinutes,
    r: records.length,
    f: first ? beijingDay(first.startsAt) : null,
    l: last ? beijingDay(last.startsAt) : null,
    c: randomUUID(),
    i: Math.floor(now.getTime() / 1000),
  }
  const signed = await signQr(db, clock, CERTIFICATE_PREFIX, payload)
  return {
    holder: user.name,
    approvedMinutes,
    records,
    issuedAt: now.toISOString(),
    certificateId: payload.c,
    qr: signed.qr,
  }
}
