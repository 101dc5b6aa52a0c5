/** Invisible and control characters are refused in the forms with a message in words, in both languages. */
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import RegisterView from '../../client/features/account/RegisterView.vue'
import { createAppI18n } from '../../client/i18n/index'
import { defaultForm, validateForm } from '../../client/features/activities/activity-form'
import { fillRegister, passwordWorkerPerTest } from './register-form'
import { fakeApi } from './fake-api'

function mountRegister(locale: 'zh-CN' | 'en') {
  setActivePinia(createPinia())
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
  return mount(RegisterView, { global: { plugins: [router, createAppI18n(locale)] } })
}

const submitName = (wrapper: ReturnType<typeof mountRegister>, name: string) =>
  fillRegister(wrapper, { phone: '13800138000', name, password: 'Kexie-2026!', consent: true })

describe('human text in forms', () => {
  passwordWorkerPerTest()

  it.each([
    ['zh-CN', '张三\u200B', '不能包含看不见的字符或改变文字方向的字符'],
    ['zh-CN', '\u202E三张', '不能包含看不见的字符或改变文字方向的字符'],
    ['zh-CN', '张\u0000三', '不能包含控制字符'],
    ['en', '张\u2028三', 'special line or paragraph separator'],
    ['en', '\u200B', 'invisible or text-direction characters'],
  ] as const)('register (%s): a name %j is refused in words, and nothing is sent', async (locale, name, words) => {
    const { fetch } = fakeApi({})
    const wrapper = mountRegister(locale)
    await submitName(wrapper, name)
    expect(wrapper.findAll('.field__error').map((e) => e.text())).toEqual([expect.stringContaining(words)])
    expect(fetch).not.toHaveBeenCalled()
  })

  it('the activity form marks the title with the text problem (worded by the global validation.text keys)', () => {
    const form = { ...defaultForm(new Date('2026-11-28T08:00:00Z'), 'cast-110108'), title: '科普\u202E讲座', venueAddress: '海淀区科协' }
    const result = validateForm(form)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors.title).toBe('validation.text.invisible')
  })
})
