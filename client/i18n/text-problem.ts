import { textProblemOf, type TextProblem } from '../../shared/schemas/human-text'

export type TextProblemKey = `validation.text.${TextProblem}`

/**
 * The i18n key that words a human-text refusal (shared/schemas/human-text.ts: control, invisible
 * or separator characters) in the person's language; null for any other zod issue.
 */
export function textProblemKey(issue: { code: string; params?: Record<string, unknown> } | undefined): TextProblemKey | null {
  const problem = issue && textProblemOf(issue)
  return problem ? `validation.text.${problem}` : null
}
