/**
 * The publish/edit form's state and actions (ActivityFormView lays it out): the fields, checked here
 * with the shared schema and schedule rule (activity-form.ts), then sent over REST — the server
 * checks again and its refusal lands next to its field or above the buttons. An edit sends only the
 * fields that changed; cancelling the activity is confirmed first.
 */
import { computed, reactive, ref, watch } from 'vue'
import { useRouter } from 'vue-router'
import type { ActivityDetail } from '../../../shared/schemas/activity'
import type { Hub } from '../../../shared/schemas/hub'
import { expectedError, type ClientError } from '../../lib/errors'
import { useDirtyForm } from '../../pwa/dirty-forms'
import type { useI18n } from 'vue-i18n'
import { errorKey } from '../account/validation'
import { adminActivityApi } from './admin-api'
import {
  SCHEDULE_FIELD,
  defaultForm,
  formFromActivity,
  patchOf,
  validateForm,
  type ActivityForm,
  type FormErrors,
  type FormField,
} from './activity-form'
import { useOrganiserOrgChoice } from './use-organiser-org-choice'

type FormI18n = Pick<ReturnType<typeof useI18n>, 't' | 'te'>

export function useActivityForm(id: string | undefined, { t, te }: FormI18n) {
  const router = useRouter()
  const editing = !!id
  const form = reactive<ActivityForm>(defaultForm(new Date()))
  const current = ref<ActivityDetail | null>(null)
  const errors = reactive<FormErrors>({})
  const notice = ref<{ kind: 'error' | 'success' | 'info'; text: string } | null>(null)
  const busy = ref(false)
  const loadError = ref<string | null>(null)
  const confirmingCancel = ref(false)
  const cancelReason = ref('')
  /** registration closes when the activity starts, until the organiser sets it themselves */
  const closesTouched = ref(false)
  const orgChoice = useOrganiserOrgChoice(editing, (orgId) => {
    // a hub belongs to its organisation: another organiser, no hub until one is chosen again
    if (orgId !== form.orgId) form.hubId = ''
    form.orgId = orgId
  })

  /** 举办阵地 chosen: the venue is the hub's address, and the region the hub's when none is set. */
  function pickHub(hub: Hub | null) {
    if (!hub) return
    form.venueAddress = hub.address
    if (!form.regionCode) form.regionCode = hub.regionCode
  }

  // The organiser's own words, typed and not saved: an update accepted in another tab waits for
  // them (issue 11). The other fields start from defaults or the saved activity.
  useDirtyForm(() => {
    const saved = current.value ? formFromActivity(current.value) : null
    return (['title', 'description', 'venueAddress'] as const).some((f) => form[f] !== (saved ? saved[f] : ''))
  })
  watch(
    () => form.startsAt,
    (start) => {
      if (!editing && !closesTouched.value) form.registrationClosesAt = start
    },
  )

  const cancelled = computed(() => current.value?.status === 'cancelled')
  const problemText = (field: FormField) => {
    const p = errors[field]
    if (!p) return ''
    return p.startsWith('validation.') ? t(p) : t(`organiser.problem.${p}`)
  }
  const clearErrors = () => {
    for (const k of Object.keys(errors) as FormField[]) delete errors[k]
  }

  /** The server's refusal in our words: next to a field where it belongs, else above the buttons. */
  function showServerError(err: ClientError) {
    if (err.isNetwork) return void (notice.value = { kind: 'error', text: t('organiser.error.network') })
    if (err.code in SCHEDULE_FIELD) {
      errors[SCHEDULE_FIELD[err.code as keyof typeof SCHEDULE_FIELD]] = err.code as keyof typeof SCHEDULE_FIELD
      return void (notice.value = { kind: 'error', text: t('organiser.invalid') })
    }
    if (err.code === 'unknown_region' || err.code === 'invalid_region') {
      errors.regionCode = 'regionCode'
      return void (notice.value = { kind: 'error', text: t('organiser.invalid') })
    }
    if (err.code === 'capacity_below_taken') {
      errors.capacity = 'capacity_below_taken'
      return void (notice.value = { kind: 'error', text: t('organiser.problem.capacity_below_taken') })
    }
    const key = err.status === 403 ? 'forbidden' : err.status === 401 ? 'unauthorized' : err.status === 404 ? 'not_found' : err.code
    notice.value = {
      kind: 'error',
      text: te(`organiser.error.${key}`)
        ? t(`organiser.error.${key}`)
        : t('organiser.error.generic', { message: t(errorKey(err.code, te)) }),
    }
  }

  /** Runs one REST action with the form busy; a refusal is shown, anything else is a bug and thrown. */
  async function busyWhile(action: () => Promise<void>) {
    busy.value = true
    try {
      await action()
    } catch (caught) {
      const err = expectedError(caught)
      showServerError(err)
    } finally {
      busy.value = false
    }
  }

  async function submit() {
    notice.value = null
    clearErrors()
    const result = validateForm(form)
    if (!result.ok) {
      Object.assign(errors, result.errors)
      notice.value = { kind: 'error', text: t('organiser.invalid') }
      return
    }
    await busyWhile(async () => {
      if (!current.value) {
        const created = await adminActivityApi.publish(result.input)
        return void (await router.push({ path: `/admin/activities/${created.id}`, query: { published: '1' } }))
      }
      const patch = patchOf(current.value, result.input)
      if (!Object.keys(patch).length) return void (notice.value = { kind: 'info', text: t('organiser.noChange') })
      current.value = await adminActivityApi.edit(current.value.id, patch)
      Object.assign(form, formFromActivity(current.value))
      notice.value = { kind: 'success', text: t('organiser.saved') }
    })
  }

  async function cancelActivity() {
    if (!current.value) return
    notice.value = null
    const activity = current.value
    await busyWhile(async () => {
      const reason = cancelReason.value.trim()
      current.value = await adminActivityApi.cancel(activity.id, reason ? { reason } : {})
      confirmingCancel.value = false
      notice.value = { kind: 'success', text: t('organiser.cancelledDone') }
    })
  }

  async function load() {
    if (!id) return
    try {
      current.value = await adminActivityApi.detail(id)
      Object.assign(form, formFromActivity(current.value))
    } catch (caught) {
      const err = expectedError(caught)
      loadError.value = err.isNetwork
        ? t('organiser.error.network')
        : err.status === 404
          ? t('organiser.error.not_found')
          : t('organiser.loadFailed')
    }
  }

  return {
    editing,
    form,
    current,
    errors,
    notice,
    busy,
    loadError,
    confirmingCancel,
    cancelReason,
    closesTouched,
    cancelled,
    ...orgChoice,
    problemText,
    pickHub,
    submit,
    cancelActivity,
    load,
  }
}
