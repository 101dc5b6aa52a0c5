/**
 * Human text: what a person types for other people to read (names, titles, venues, descriptions,
 * reasons). It reaches attendance lists, CSV and .ics files, other people's screens and calendar
 * apps, so characters that are invisible or that change how the text around them is shown are
 * refused, not silently kept:
 *  - control characters (Unicode Cc: NUL, VT, ESC, NEL U+0085 …); multiline fields keep \n and \t
 *    (a pasted \r\n becomes \n);
 *  - format characters (Cf: zero-width space U+200B, joiners, soft hyphen, BOM, the bidi
 *    embeddings and overrides U+202A–202E and isolates U+2066–2069, tags …);
 *  - the line and paragraph separators U+2028/2029 (line breaks in some readers, not in others);
 *  - the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0): letters that draw nothing, the usual way
 *    to make a "blank" name that passes a non-empty check;
 *  - lone surrogates (not text at all).
 * One exception: a zero-width joiner (U+200D) between two emoji is allowed in every field, since
 * it only glues an emoji sequence into one picture (👨‍👩‍👧) and cannot hide or reorder text;
 * anywhere else it is refused. Text is normalised to NFC (the same words compare equal) and
 * trimmed first; what is empty after that is empty.
 */
import { z } from 'zod'

export type TextProblem = 'control' | 'invisible' | 'separator'

const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}(?:\u{FE0F}|[\u{1F3FB}-\u{1F3FF}])?)\u200D(?=\p{Extended_Pictographic})/gu
const CONTROL = /\p{Cc}/u
const INVISIBLE = /[\p{Cf}\p{Cs}\u115F\u1160\u3164\uFFA0]/u
const SEPARATOR = /[\u2028\u2029]/u

const hex = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`

/** The first refused character of already normalised text, and why; null when the text is clean. */
export function textProblem(text: string, multiline = false): { problem: TextProblem; at: string } | null {
  const control = (multiline ? text.replace(/[\n\t]/g, '') : text).match(CONTROL)
  if (control) return { problem: 'control', at: hex(control[0]) }
  const invisible = text.replace(EMOJI_JOINER, '').match(INVISIBLE)
  if (invisible) return { problem: 'invisible', at: hex(invisible[0]) }
  const separator = text.match(SEPARATOR)
  if (separator) return { problem: 'separator', at: hex(separator[0]) }
  return null
}

const WORDS: Record<TextProblem, string> = {
  control: 'must not contain control characters',
  invisible: 'must not contain invisible or text-direction characters',
  separator: 'must not contain the Unicode line or paragraph separators',
}

export interface HumanTextOptions {
  /** what the field is called in messages: "name", "title" … */
  label: string
  /** after trimming; 0 lets the field be cleared */
  min?: number
  max: number
  /** keeps \n and \t (descriptions, bios) */
  multiline?: boolean
}

/**
 * A zod string for human text: NFC, trimmed, `min`–`max` characters (UTF-16 units, as before),
 * and none of the characters above. Refusals carry `params.textProblem` so a client can word
 * them in the person's language (client: `textProblemOf`).
 */
export function humanText({ label, min = 1, max, multiline = false }: HumanTextOptions) {
  let schema = z.string()
  if (multiline) schema = schema.overwrite((s) => s.replace(/\r\n?/g, '\n'))
  schema = schema.normalize('NFC').trim()
  if (min > 0) schema = schema.min(min, min === 1 ? `${label} is required` : `${label} is at least ${min} characters`)
  return schema.max(max, `${label} is at most ${max} characters`).superRefine((text, ctx) => {
    const found = textProblem(text, multiline)
    if (found)
      ctx.addIssue({
        code: 'custom',
        message: `${label} ${WORDS[found.problem]} (found ${found.at})`,
        params: { textProblem: found.problem, at: found.at },
      })
  })
}

/** The text problem a zod issue reports, if it came from `humanText`. */
export function textProblemOf(issue: { code: string; params?: Record<string, unknown> }): TextProblem | null {
  const problem = issue.code === 'custom' ? issue.params?.textProblem : undefined
  return problem === 'control' || problem === 'invisible' || problem === 'separator' ? problem : null
}
