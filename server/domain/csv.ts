/**
 * The one CSV writer for exports people open in a spreadsheet (attendance today; shifts, courses
 * and indicators next). What Excel on Windows needs decides the format: a UTF-8 byte-order mark
 * (without it Chinese shows as mojibake), CRLF line ends, RFC 4180 quoting. Values a person
 * typed never run as formulas. Instants are written on the Beijing clock ("2026-12-01 14:05"),
 * codes as the words of the export's language — never UTC ISO or `registered`.
 */
import { beijingStamp } from '../../shared/time/beijing'

const BOM = '\ufeff'

/** One column: its header and how a row gives its value. */
export type CsvColumn<T> =
  | { header: string; text: (row: T) => string | number | null }
  /** an ISO instant, written in Beijing time */
  | { header: string; instant: (row: T) => string | null }
  /** a code, written as its label (a code without one is written as is) */
  | { header: string; code: (row: T) => string | null; labels: Readonly<Record<string, string>> }

/** RFC 4180 field: quoted when needed; a leading = + - @ (or tab, CR) is neutralised so spreadsheets do not run it as a formula. */
export function csvField(value: string | null): string {
  let v = value ?? ''
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

function cell<T>(column: CsvColumn<T>, row: T): string | null {
  if ('instant' in column) return beijingStamp(column.instant(row))
  if ('code' in column) {
    const code = column.code(row)
    return code === null ? null : (column.labels[code] ?? code)
  }
  const v = column.text(row)
  return v === null ? null : String(v)
}

/** The whole file: BOM, header line, one line per row, CRLF after each. */
export function writeCsv<T>(columns: ReadonlyArray<CsvColumn<T>>, rows: readonly T[]): string {
  const lines = [columns.map((c) => csvField(c.header)), ...rows.map((r) => columns.map((c) => csvField(cell(c, r))))]
  return BOM + lines.map((fields) => fields.join(',')).join('\r\n') + '\r\n'
}
