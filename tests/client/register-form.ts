/** The register form, as several tests drive it: the in-thread password worker per test, and filling the form in. */
import { afterEach, beforeEach, expect, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils'
import { stopPasswordWorker } from '../../client/features/account/password-estimate'
import { InThreadPasswordWorker } from './in-thread-worker'

// registered once per test file that imports this one (its hooks are the file's): see passwordWorkerPerTest
enableAutoUnmount(afterEach)

/**
 * Each test starts with empty localStorage and the in-thread worker; none started by an earlier test (module state) is
 * reused. Each ends with its forms unmounted, so the strength meter's pending estimate (a 150 ms timer) is cleared and
 * cannot fire after the test environment is gone (an unhandled "self is not defined" on a slow machine).
 */
export function passwordWorkerPerTest() {
  beforeEach(() => {
    localStorage.clear()
    vi.stubGlobal('Worker', InThreadPasswordWorker)
    stopPasswordWorker()
  })
}

/** Fills in the register form (the SMS code as if read from the phone: `123456` unless given), submits it and waits for the answer. */
export async function fillRegister(
  wrapper: Pick<VueWrapper, 'get'>,
  values: { phone: string; name: string; password: string; consent: boolean; code?: string },
) {
  await wrapper.get('[data-testid=phone]').setValue(values.phone)
  await wrapper.get('[data-testid=code]').setValue(values.code ?? '123456')
  await wrapper.get('[data-testid=name]').setValue(values.name)
  await wrapper.get('[data-testid=password]').setValue(values.password)
  await wrapper.get('[data-testid=consent]').setValue(values.consent)
  await wrapper.get('form').trigger('submit')
  // the submit first runs the strength estimate (a lazy import), then answers
  await vi.waitFor(() => expect(wrapper.get('[data-testid=submit]').attributes('disabled')).toBeUndefined(), { timeout: 15_000 })
  await flushPromises()
}
