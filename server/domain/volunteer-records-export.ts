/**
 * A team's service records as a spreadsheet, in the fields of 《志愿服务记录与证明出具办法(试行)》:
 * the volunteer's name, phone (masked), the service, its date, start and end, place, hours, the
 * recording organisation (team and organisation) and the certifier (the approving leader), and when
 * it was recorded (approved). Approved records only; never an ID-card number. Written by the one CSV
 * writer (csv.ts), in zh-CN or English like the attendance export.
 */
import type { ExportLanguage } from '../../shared/schemas/activity'
import { maskPhone } from '../../shared/schemas/common'
import { minutesAsHours } from '../../shared/rules/volunteer'
import { beijingDay } from '../../shared/time/beijing'
import type { Executor } from '../db/database'
import { audit } from './audit'
import type { DomainContext } from './context'
import { writeCsv, type CsvColumn } from './csv'
import { assertLeadsTeam } from './team-authz'
import { approvedRecords, type ApprovedRecord } from './volunteer-records'

type Field = 'name' | 'phone' | 'service' | 'date' | 'start' | 'end' | 'venue' | 'hours' | 'recordedBy' | 'certifier' | 'recordedAt'

const HEADERS: Record<ExportLanguage, Record<Field, string>> = {
  'zh-CN': {
    name: '志愿者姓名',
    phone: '手机号',
    service: '服务项目',
    date: '服务日期',
    start: '开始时间',
    end: '结束时间',
    venue: '服务地点',
    hours: '服务时长(小时)',
    recordedBy: '记录组织',
    certifier: '证明人',
    recordedAt: '记录时间',
  },
  en: {
    name: 'Volunteer',
    phone: 'Phone',
    service: 'Service',
    date: 'Date',
    start: 'Start',
    end: 'End',
    venue: 'Place',
    hours: 'Hours',
    recordedBy: 'Recorded by',
    certifier: 'Certified by',
    recordedAt: 'Recorded at',
  },
}

export function recordsCsv(rows: readonly ApprovedRecord[], lang: ExportLanguage): string {
  const h = HEADERS[lang]
  const columns: Array<CsvColumn<ApprovedRecord>> = [
    { header: h.name, text: (r) => r.user_name ?? r.walk_in_name },
    { header: h.phone, text: (r) => (r.user_phone ? maskPhone(r.user_phone) : null) },
    { header: h.service, text: (r) => r.service_title },
    { header: h.date, text: (r) => beijingDay(r.starts_at) },
    { header: h.start, instant: (r) => r.starts_at },
    { header: h.end, instant: (r) => r.ends_at },
    { header: h.venue, text: (r) => r.venue_address },
    { header: h.hours, text: (r) => minutesAsHours(r.credited_minutes ?? 0) },
    { header: h.recordedBy, text: (r) => `${r.team_name} (${r.org_name})` },
    { header: h.certifier, text: (r) => r.approver_name },
    { header: h.recordedAt, instant: (r) => r.approved_at },
  ]
  return writeCsv(columns, rows)
}

/** The team's approved records of a period (by shift start) as CSV, for a leader of the team. Audited. */
export async function exportTeamRecords(
  ctx: Pick<DomainContext, 'user' | 'clock'> & { trx: Executor },
  teamId: string,
  q: { from?: string; to?: string; lang: ExportLanguage },
): Promise<string> {
  const { trx, user, clock } = ctx
  const team = await assertLeadsTeam(trx, user, teamId)
  let rows = approvedRecords(trx).where('g.team_id', '=', team.id)
  if (q.from) rows = rows.where('s.starts_at', '>=', new Date(q.from).toISOString())
  if (q.to) rows = rows.where('s.starts_at', '<', new Date(q.to).toISOString())
  const records = await rows.execute()
  await audit(trx, {
    actorId: user.id,
    action: 'volunteer.records_export',
    orgId: team.org_id,
    target: team.id,
    detail: { count: records.length, from: q.from ?? null, to: q.to ?? null },
    at: clock.now(),
  })
  return recordsCsv(records, q.lang)
}
