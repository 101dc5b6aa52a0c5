/** 登录 by SMS code and 忘记密码, mounted with the real i18n and router against the fake API. */
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import LoginView from '../../client/features/account/LoginView.vue'
import ForgotPasswordView from '../../client/features/account/ForgotPasswordView.vue'
import { createAppI18n } from '../../client/i18n/index'
import { passwordWorkerPerTest } from './register-form'
import { fakeApi, reply } from './fake-api'

const me = {
  id: 'u1',
  phone: '13800138000',
  name: '张三',
  regionCode: null,
  regionName: null,
  discipline: null,
  employer: null,
  title: null,
  bio: null,
  systemRole: 'member',
  createdAt: '2026-11-28T08:00:00.000Z',
  version: 1,
}
const sent = reply(200, { sent: true, resendAfterSeconds: 60, expiresInSeconds: 300 })

async function mountAt(component: object, path: string) {
  setActivePinia(createPinia())
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
  await router.push(path)
  const wrapper = mount(component, { global: { plugins: [router, createAppI18n()] } })
  return { wrapper, router }
}

describe('登录 by code', () => {
  passwordWorkerPerTest()

  it('asks for a login code, signs in with it and goes on to where it was sent', async () => {
    const { calls } = fakeApi({ 'POST /api/auth/sms-code': sent, 'POST /api/auth/login/code': reply(200, me) })
    const { wrapper, router } = await mountAt(LoginView, '/login?next=/me/activities')
    await wrapper.get('[data-testid=way-code]').trigger('click')
    expect(wrapper.find('[data-testid=password]').exists()).toBe(false)
    await wrapper.get('[data-testid=phone]').setValue('13800138000')
    await wrapper.get('[data-testid=send-code]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid=code-sent]').exists()).toBe(true))
    await wrapper.get('[data-testid=code]').setValue('123456')
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/me/activities'))
    expect(calls.map((c) => [c.path, c.body])).toEqual([
      ['/api/auth/sms-code', { phone: '13800138000', purpose: 'login' }],
      ['/api/auth/login/code', { phone: '13800138000', code: '123456' }],
    ])
  })

  it('says a wrong code in words, and asks for the 6 digits before sending anything', async () => {
    const { calls } = fakeApi({ '*': reply(401, { error: { code: 'code_invalid', message: 'wrong' } }) })
    const { wrapper } = await mountAt(LoginView, '/login?way=code')
    await wrapper.get('[data-testid=phone]').setValue('13800138000')
    await wrapper.get('[data-testid=code]').setValue('12')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.get('[data-testid=code-error]').text()).toContain('6 位验证码')
    expect(calls).toEqual([])
    await wrapper.get('[data-testid=code]').setValue('123456')
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.get('[data-testid=form-error]').text()).toContain('验证码不正确或已过期'))
  })
})

describe('忘记密码', () => {
  passwordWorkerPerTest()

  it('takes an admin’s reset code as typed, sets the new password and leads to 登录 with the number', async () => {
    const { calls } = fakeApi({ 'POST /api/auth/password/reset': reply(200, { ok: true }) })
    const { wrapper, router } = await mountAt(ForgotPasswordView, '/forgot-password?phone=13800138000')
    expect((wrapper.get('[data-testid=phone]').element as HTMLInputElement).value).toBe('13800138000')
    await wrapper.get('[data-testid=code]').setValue('pq12r-sdt77')
    await wrapper.get('[data-testid=password]').setValue('Found-Again-2026')
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/login'), { timeout: 15_000 })
    expect(router.currentRoute.value.query).toEqual({ phone: '13800138000', reset: '1' })
    expect(calls[0]!.body).toEqual({ phone: '13800138000', code: 'pq12r-sdt77', newPassword: 'Found-Again-2026' })
    await flushPromises()
  })
})
