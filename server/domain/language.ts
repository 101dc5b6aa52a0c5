/**
 * Which language a server-written document (an export) speaks: the caller's explicit choice, else
 * the first language of Accept-Language we have words for, else Chinese (the default UI language).
 */
import type { ExportLanguage } from '../../shared/schemas/activity'

/** "en-GB,en;q=0.9,zh;q=0.8" → the supported language with the highest weight (ties keep header order). */
export function fromAcceptLanguage(header: string | undefined): ExportLanguage | null {
  if (!header) return null
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';')
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean)
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i }
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN'
    if (tag === 'en' || tag.startsWith('en-')) return 'en'
  }
  return null
}

export const exportLanguage = (explicit: ExportLanguage | undefined, acceptLanguage: string | undefined): ExportLanguage =>
  explicit ?? fromAcceptLanguage(acceptLanguage) ?? 'zh-CN'
