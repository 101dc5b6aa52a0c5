/** The strength meter and the submit check on the register and password screens, with the real estimator. */
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import RegisterView from '../../client/features/account/RegisterView.vue'
import PasswordView from '../../client/features/account/PasswordView.vue'
import { createAppI18n } from '../../client/i18n/index'
import { useAccountStore } from '../../client/features/account/store'
import { stopPasswordWorker } from '../../client/features/account/password-estimate'
import { InThreadPasswordWorker, SilentWorker, UnloadableWorker } from './in-thread-worker'
import { passwordWorkerPerTest } from './register-form'
import { fakeApi, reply } from './fake-api'
import { guessablePasswordError } from '../../client/features/account/validation'

function mountWith(component: object, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
  return mount(component, { global: { plugins: [pinia, router, createAppI18n(locale)] } })
}

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 50 })

describe('password strength meter', () => {
  passwordWorkerPerTest()

  it('words zxcvbn’s feedback in Chinese for a keyboard row, and calls a good password 较强', async () => {
    const wrapper = mountWith(RegisterView)
    await wrapper.get('[data-testid=password]').setValue('qwertyuiop')
    await waitFor(() => expect(wrapper.find('[data-testid=strength-label]').exists()).toBe(true))
    expect(wrapper.get('[data-testid=strength-label]').text()).toBe('密码强度：很弱')
    expect(wrapper.get('[data-testid=strength-hints]').text()).toContain('这是非常常用的密码。')
    await wrapper.get('[data-testid=password]').setValue('Demo-2026!')
    await waitFor(() => expect(wrapper.get('[data-testid=strength-label]').text()).toBe('密码强度：较强'))
    expect(wrapper.find('[data-testid=strength-hints]').exists()).toBe(false)
  })

  it('speaks English too, and refuses the password on submit without calling the server', async () => {
    const { fetch } = fakeApi({})
    const wrapper = mountWith(RegisterView, 'en')
    await wrapper.get('[data-testid=phone]').setValue('13800138000')
    await wrapper.get('[data-testid=name]').setValue('张三')
    await wrapper.get('[data-testid=password]').setValue('P@ssw0rd')
    await wrapper.get('[data-testid=consent]').setValue(true)
    await waitFor(() => expect(wrapper.find('[data-testid=strength-hints]').exists()).toBe(true))
    expect(wrapper.get('[data-testid=strength-hints]').text()).toContain('look-alike symbols')
    await wrapper.get('form').trigger('submit')
    await waitFor(() => expect(wrapper.text()).toContain('This password is too easy to guess'))
    expect(fetch).not.toHaveBeenCalled()
  })

  it('checks the new password on the password screen against the person’s own name', async () => {
    const { fetch } = fakeApi({})
    const wrapper = mountWith(PasswordView)
    useAccountStore().me = { name: 'zhangsan', phone: '13800138000' } as never
    await wrapper.get('[data-testid=current-password]').setValue('Kexie-2026!')
    await wrapper.get('[data-testid=new-password]').setValue('Zhangsan-2026')
    await waitFor(() => expect(wrapper.find('[data-testid=strength-hints]').exists()).toBe(true))
    expect(wrapper.get('[data-testid=strength-hints]').text()).toContain('手机号、姓名')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    await waitFor(() => expect(wrapper.text()).toContain('这个密码太容易被猜到'))
    expect(fetch).not.toHaveBeenCalled()
  })

  it('stays silent when the worker cannot be loaded, and leaves the decision to the server', async () => {
    vi.stubGlobal('Worker', UnloadableWorker)
    const { fetch } = fakeApi({ '*': reply(422, { error: { code: 'weak_password', message: 'weak' } }) })
    const wrapper = mountWith(RegisterView)
    await wrapper.get('[data-testid=phone]').setValue('13800138000')
    await wrapper.get('[data-testid=code]').setValue('123456')
    await wrapper.get('[data-testid=name]').setValue('张三')
    await wrapper.get('[data-testid=password]').setValue('P@ssw0rd')
    await wrapper.get('[data-testid=consent]').setValue(true)
    await wrapper.get('form').trigger('submit')
    await waitFor(() => expect(wrapper.find('[data-testid=form-error]').exists()).toBe(true))
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(wrapper.find('[data-testid=strength-label]').exists()).toBe(false)
  })

  it('does not hold the form when the worker is slow to arrive: the server decides', async () => {
    vi.stubGlobal('Worker', SilentWorker)
    expect(await guessablePasswordError('P@ssw0rd', {}, 50)).toBeNull()
    vi.stubGlobal('Worker', InThreadPasswordWorker)
    stopPasswordWorker()
    expect(await guessablePasswordError('P@ssw0rd', {}, 10_000)).toBe('validation.passwordTooGuessable')
  })
})
