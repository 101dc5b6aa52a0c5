/**
 * 长者模式 (elder mode): larger text and targets, stronger contrast, fewer items per screen. The
 * choice lives in localStorage ('1' on, '0' off; absent = never chosen, so the first visit offers
 * it) and shows as `data-elder` on <html>, which switches the CSS custom properties in tokens.css.
 */
import { ref } from 'vue'

export const STORAGE_KEY_ELDER_MODE = 'sh.elderMode'

/** The remembered choice: true, false, or null when the person has not chosen yet. */
export function storedElderMode(): boolean | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY_ELDER_MODE)
    return value === '1' ? true : value === '0' ? false : null
  } catch {
    return null // storage unavailable (private mode): nothing remembered
  }
}

/** Sets or clears `data-elder` on <html>. */
export function applyElderMode(on: boolean, root: HTMLElement = document.documentElement): void {
  if (on) root.dataset.elder = ''
  else delete root.dataset.elder
}

const enabled = ref(storedElderMode() === true)
const chosen = ref(storedElderMode() !== null)

/** The switch shared by every component: whether it is on, whether it was ever chosen, and the setter. */
export function useElderMode() {
  function setElderMode(on: boolean) {
    enabled.value = on
    chosen.value = true
    applyElderMode(on)
    try {
      localStorage.setItem(STORAGE_KEY_ELDER_MODE, on ? '1' : '0')
    } catch {
      // storage refused: the choice holds for this visit only
    }
  }
  return { enabled, chosen, setElderMode }
}
