/** The register form, the language switch and the tab bar, mounted with the real i18n and router. */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import RegisterView from '../../client/features/account/RegisterView.vue'
import TabBar from '../../client/components/TabBar.vue'
import AppHeader from '../../client/components/AppHeader.vue'
import { createAppI18n, STORAGE_KEY_LOCALE } from '../../client/i18n/index'
import { fillRegister, passwordWorkerPerTest } from './register-form'
import { fakeApi, reply } from './fake-api'

function mountWith(component: object) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
  return mount(component, { global: { plugins: [pinia, router, createAppI18n()] } })
}

describe('register form', () => {
  passwordWorkerPerTest()

  it('explains a malformed number, a missing code, a weak password and missing consent without calling the server', async () => {
    const { fetch } = fakeApi({ '*': reply(201, {}) })
    const wrapper = mountWith(RegisterView)
    await fillRegister(wrapper, { phone: '1380013', code: '12', name: '张三', password: '12345678', consent: false })
    const errors = wrapper.findAll('.field__error').map((e) => e.text())
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('11 位'),
        expect.stringContaining('6 位验证码'),
        expect.stringContaining('太容易被猜到'),
        expect.stringContaining('同意'),
      ]),
    )
    expect(fetch).not.toHaveBeenCalled()
  })

  it('asks for a code for the number, then counts down before another may be asked for', async () => {
    const { fetch, calls } = fakeApi({
      'POST /api/auth/sms-code': reply(200, { sent: true, resendAfterSeconds: 60, expiresInSeconds: 300 }),
    })
    const wrapper = mountWith(RegisterView)
    await wrapper.get('[data-testid=send-code]').trigger('click')
    expect(wrapper.get('[data-testid=phone-error]').text()).toContain('11 位')
    expect(fetch).not.toHaveBeenCalled()
    await wrapper.get('[data-testid=phone]').setValue('13800138000')
    await wrapper.get('[data-testid=send-code]').trigger('click')
    await vi.waitFor(() => expect(wrapper.get('[data-testid=code-sent]').text()).toContain('138****8000'))
    expect(calls[0]!.body).toEqual({ phone: '13800138000', purpose: 'register' })
    expect(wrapper.get('[data-testid=send-code]').text()).toBe('60 秒后重发')
    expect(wrapper.get('[data-testid=send-code]').attributes('disabled')).toBeDefined()
  })

  it('marks the code field when the server finds the code wrong or expired', async () => {
    fakeApi({ '*': reply(401, { error: { code: 'code_invalid', message: 'wrong' } }) })
    const wrapper = mountWith(RegisterView)
    await fillRegister(wrapper, { phone: '13800138000', name: '张三', password: 'Strong-pass-2026', consent: true })
    expect(wrapper.get('[data-testid=code-error]').text()).toContain('验证码不正确或已过期')
  })

  it('shows the server answer for a number already registered (409)', async () => {
    fakeApi({ '*': reply(409, { error: { code: 'phone_taken', message: 'taken' } }) })
    const wrapper = mountWith(RegisterView)
    await fillRegister(wrapper, { phone: '13800138000', name: '张三', password: 'Strong-pass-2026', consent: true })
    expect(wrapper.get('[data-testid=form-error]').text()).toContain('已经注册')
  })

  it('shows the server answer for a weak password (422)', async () => {
    fakeApi({ '*': reply(422, { error: { code: 'weak_password', message: 'weak' } }) })
    const wrapper = mountWith(RegisterView)
    await fillRegister(wrapper, { phone: '13800138000', name: '张三', password: 'Strong-pass-2026', consent: true })
    expect(wrapper.get('[data-testid=form-error]').text()).toContain('密码太弱')
  })

  it('says so when the network is down', async () => {
    fakeApi({}, { offline: () => true })
    const wrapper = mountWith(RegisterView)
    await fillRegister(wrapper, { phone: '13800138000', name: '张三', password: 'Strong-pass-2026', consent: true })
    expect(wrapper.get('[data-testid=form-error]').text()).toContain('网络')
  })
})

describe('language and navigation', () => {
  beforeEach(() => localStorage.clear())

  it('renders five tabs, each a feature that exists, with Chinese labels by default', () => {
    const wrapper = mountWith(TabBar)
    expect(wrapper.findAll('a').map((a) => a.text().replace(/\s+/g, ''))).toEqual(['⌂首页', '◎组织', '▦活动', '♥志愿', '☺我的'])
  })

  it('switches to English, remembers it, and sets <html lang>', async () => {
    const wrapper = mountWith(AppHeader)
    expect(wrapper.text()).toContain('科技工作者之家')
    await wrapper.get('[data-testid=lang-switch]').trigger('click')
    expect(wrapper.text()).toContain('Scientists')
    expect(localStorage.getItem(STORAGE_KEY_LOCALE)).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    // a new app on the same device starts in English
    expect(mountWith(TabBar).text()).toContain('Home')
  })
})
