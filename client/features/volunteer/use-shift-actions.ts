/**
 * The person's own actions on a sign-up, through the sync engine (offline too): confirm the day
 * before, cancel before the team's cut-off (asked first), answer or withdraw a swap. Each says what
 * happened in a toast (queued when offline); `busy` holds the buttons while one runs.
 */
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { shiftCancel, shiftConfirm, shiftSwapRespond } from '../../../shared/mutations/volunteer'
import type { ShiftSwapRespondArgs } from '../../../shared/schemas/volunteer'
import { confirmDialog, toast } from '../../components/feedback'
import { useSyncStore } from '../sync/store'
import type { MySignup } from './model'

/** One action at a time: `run(fn)` sets `busy` while fn runs. */
export function useBusy() {
  const busy = ref(false)
  async function run<T>(fn: () => Promise<T>): Promise<T> {
    busy.value = true
    try {
      return await fn()
    } finally {
      busy.value = false
    }
  }
  return { busy, run }
}

export function useShiftActions() {
  const { t } = useI18n()
  const sync = useSyncStore()
  const { busy, run } = useBusy()
  const done = (key: string) => toast(t(sync.online ? key : 'vol.done.queued'))

  const confirm = (signup: MySignup, title: string) =>
    run(async () => {
      await sync.mutate(shiftConfirm, { signupId: signup.id }, { shift: title })
      done('vol.done.confirmed')
    })
  const cancel = (signup: MySignup, title: string) =>
    run(async () => {
      const label = signup.status === 'waitlisted' ? t('vol.leaveWaitlist') : t('vol.cancel')
      if (!(await confirmDialog({ title: t('vol.cancelConfirm'), message: title, confirmLabel: label, danger: true }))) return
      await sync.mutate(shiftCancel, { signupId: signup.id }, { shift: title })
      done('vol.done.cancelled')
    })
  const respond = (swapId: string, answer: ShiftSwapRespondArgs['answer'], title: string) =>
    run(async () => {
      await sync.mutate(shiftSwapRespond, { swapId, answer }, { shift: title })
      done(`vol.done.swap.${answer}`)
    })
  return { busy, confirm, cancel, respond }
}
