/**
 * The person's own actions on a sign-up, through the sync engine (offline too): confirm the day
 * before, cancel before the team's cut-off (asked first), answer or withdraw a swap. Each says what
 * happened in a toast (queued when offline).
 */
import { useI18n } from 'vue-i18n'
import { shiftCancel, shiftConfirm, shiftSwapRespond } from '../../../shared/mutations/volunteer'
import type { ShiftSwapRespondArgs } from '../../../shared/schemas/volunteer'
import { confirmDialog, toast } from '../../components/feedback'
import { useSyncStore } from '../sync/store'
import type { MySignup } from './model'

export function useShiftActions() {
  const { t } = useI18n()
  const sync = useSyncStore()
  const done = (key: string) => toast(t(sync.online ? key : 'vol.done.queued'))

  async function confirm(signup: MySignup, title: string) {
    await sync.mutate(shiftConfirm, { signupId: signup.id }, { shift: title })
    done('vol.done.confirmed')
  }
  async function cancel(signup: MySignup, title: string): Promise<boolean> {
    const label = signup.status === 'waitlisted' ? t('vol.leaveWaitlist') : t('vol.cancel')
    if (!(await confirmDialog({ title: t('vol.cancelConfirm'), message: title, confirmLabel: label, danger: true }))) return false
    await sync.mutate(shiftCancel, { signupId: signup.id }, { shift: title })
    done('vol.done.cancelled')
    return true
  }
  async function respond(swapId: string, answer: ShiftSwapRespondArgs['answer'], title: string) {
    await sync.mutate(shiftSwapRespond, { swapId, answer }, { shift: title })
    done(`vol.done.swap.${answer}`)
  }
  return { confirm, cancel, respond }
}
