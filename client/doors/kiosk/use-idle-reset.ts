/**
 * Idle reset (WCAG 2.2.1 timing adjustable): after `warnAfterMs` without input the kiosk asks
 * 还在使用吗？ for `resetAfterMs`, then resets. Armed by the first input after a reset (an untouched
 * home screen has nothing to clear); any input, or 继续使用, starts the wait again.
 */
import { onBeforeUnmount, onMounted, ref } from 'vue'
import type { KioskIdle } from './kiosk-db'

const EVENTS = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const

export function useIdleReset(options: { timings: () => KioskIdle; onReset: () => void | Promise<void> }) {
  const warning = ref(false)
  const secondsLeft = ref(0)
  let warnTimer: ReturnType<typeof setTimeout> | undefined
  let resetTimer: ReturnType<typeof setTimeout> | undefined
  let countdown: ReturnType<typeof setInterval> | undefined

  function clear() {
    clearTimeout(warnTimer)
    clearTimeout(resetTimer)
    clearInterval(countdown)
    warnTimer = resetTimer = countdown = undefined
  }
  /** Input: the wait starts again (also while the warning shows: the person is there). */
  function arm() {
    clear()
    warning.value = false
    warnTimer = setTimeout(warn, options.timings().warnAfterMs)
  }
  function warn() {
    const { resetAfterMs } = options.timings()
    warning.value = true
    secondsLeft.value = Math.ceil(resetAfterMs / 1000)
    countdown = setInterval(() => (secondsLeft.value = Math.max(0, secondsLeft.value - 1)), 1000)
    resetTimer = setTimeout(() => void reset(), resetAfterMs)
  }
  async function reset() {
    clear()
    warning.value = false
    await options.onReset()
  }

  onMounted(() => {
    for (const e of EVENTS) document.addEventListener(e, arm, { capture: true, passive: true })
  })
  onBeforeUnmount(() => {
    clear()
    for (const e of EVENTS) document.removeEventListener(e, arm, { capture: true })
  })
  return { warning, secondsLeft, continueUsing: arm, resetNow: reset }
}
