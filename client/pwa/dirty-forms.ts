/**
 * Which screens hold typed input that is not saved yet. A new version taking control never reloads
 * a tab while one of them is dirty (issue 11: a half-typed bio in another tab was lost); the update
 * flow waits until `hasDirtyForms` turns false (client/pwa/register.ts).
 */
import { computed, onScopeDispose, shallowReactive } from 'vue'

const forms = shallowReactive(new Map<symbol, () => boolean>())

/** True while any registered form differs from what is saved. */
export const hasDirtyForms = computed(() => [...forms.values()].some((isDirty) => isDirty()))

/**
 * Registers a form for as long as the calling component (or effect scope) lives. `isDirty` must
 * read reactive state, so the registry notices when the form is saved or reset.
 */
export function useDirtyForm(isDirty: () => boolean): void {
  const key = Symbol('form')
  forms.set(key, isDirty)
  onScopeDispose(() => forms.delete(key))
}
