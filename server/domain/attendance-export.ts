/**
 * The attendance list as a spreadsheet for the organiser: names, phones (masked unless the caller
 * holds the explicit right), member numbers, registration status and check-in method in words,
 * times on the Beijing clock. Written by the one CSV writer (csv.ts).
 */
import type { CheckInMethod, ExportLanguage, RegistrationStatus } from '../../shared/schemas/activity'
import type { AttendanceLine } from '../db/activity-attendance.repository'
import { writeCsv, type CsvColumn } from './csv'

interface Words {
  header: Record<'name' | 'phone' | 'memberNo' | 'registration' | 'registeredAt' | 'checkedInAt' | 'method', string>
  /** `none`: checked in without a registration */
  registration: Record<RegistrationStatus | 'none', string>
  method: Record<CheckInMethod, string>
}

/** The same words as the organiser's attendance screen (client/features/activities/admin-messages.ts). */
const WORDS: Record<ExportLanguage, Words> = {
  'zh-CN': {
    header: {
      name: '姓名',
      phone: '手机',
      memberNo: '会员号',
      registration: '报名状态',
      registeredAt: '报名时间',
      checkedInAt: '签到时间',
      method: '签到方式',
    },
    registration: {
      registered: '已报名',
      waitlisted: '候补',
      pending_approval: '待审核',
      cancelled: '已取消',
      rejected: '未通过',
      none: '现场参加',
    },
    method: { card: '会员证', member_no: '会员号', phone: '手机号', walk_in: '现场登记' },
  },
  en: {
    header: {
      name: 'Name',
      phone: 'Phone',
      memberNo: 'Member no.',
      registration: 'Registration',
      registeredAt: 'Registered at',
      checkedInAt: 'Checked in at',
      method: 'Check-in method',
    },
    registration: {
      registered: 'Registered',
      waitlisted: 'Waitlist',
      pending_approval: 'Awaiting approval',
      cancelled: 'Cancelled',
      rejected: 'Rejected',
      none: 'Walk-in',
    },
    method: { card: 'member card', member_no: 'member no.', phone: 'phone', walk_in: 'walk-in' },
  },
}

export function attendanceCsv(lines: AttendanceLine[], opts: { fullPhones: boolean; lang: ExportLanguage }): string {
  const w = WORDS[opts.lang]
  const columns: Array<CsvColumn<AttendanceLine>> = [
    { header: w.header.name, text: (l) => l.name },
    { header: w.header.phone, text: (l) => (opts.fullPhones ? l.fullPhone : l.phone) },
    { header: w.header.memberNo, text: (l) => l.memberNo },
    { header: w.header.registration, code: (l) => l.registrationStatus ?? 'none', labels: w.registration },
    { header: w.header.registeredAt, instant: (l) => l.registeredAt },
    { header: w.header.checkedInAt, instant: (l) => l.checkedInAt },
    { header: w.header.method, code: (l) => l.method, labels: w.method },
  ]
  return writeCsv(columns, lines)
}
