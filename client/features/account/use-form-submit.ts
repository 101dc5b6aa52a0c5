/** The submit of an account form: busy while it runs, the server's refusal as an i18n key. */
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { expectedError, type ClientError } from '../../lib/errors'
import { errorKey } from './validation'

export function useFormSubmit() {
  const { te } = useI18n()
  const busy = ref(false)
  const serverError = ref<string | null>(null)

  /** Runs `work`; a refusal goes to `onRefusal` (field errors) and becomes the form's message. */
  async function run(work: () => Promise<void>, onRefusal?: (err: ClientError) => void) {
    serverError.value = null
    busy.value = true
    try {
      await work()
    } catch (caught) {
      const err = expectedError(caught)
      onRefusal?.(err)
      serverError.value = errorKey(err.code, te)
    } finally {
      busy.value = false
    }
  }
  return { busy, serverError, run }
}
