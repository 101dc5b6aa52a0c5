/**
 * The app's feedback in words (client/components/feedback.ts): toasts that go by themselves or by a
 * tap, and the in-app confirmation dialog that replaces window.confirm (focus in, Tab kept inside,
 * Esc cancels, focus back to what had it), in both languages.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { createAppI18n } from '../../client/i18n/index'
import ToastHost from '../../client/components/ToastHost.vue'
import ConfirmHost from '../../client/components/ConfirmHost.vue'
import { TOAST_MS, answerConfirm, confirmDialog, confirmState, toast, toasts } from '../../client/components/feedback'

afterEach(() => {
  toasts.splice(0)
  while (confirmState.current) answerConfirm(false)
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('toasts', () => {
  it('are announced politely, go by themselves, and close on a tap', async () => {
    vi.useFakeTimers()
    const wrapper = mount(ToastHost, { global: { plugins: [createAppI18n('zh-CN')] } })
    toast('已保存')
    toast('已报名', 'info')
    await flushPromises()
    expect(wrapper.get('[data-testid=toasts]').attributes('role')).toBe('status')
    expect(wrapper.findAll('[data-testid=toast]').map((x) => x.text())).toEqual(['已保存×', '已报名×'])
    expect(wrapper.get('[data-testid=toast] button').attributes('aria-label')).toBe('关闭')

    await wrapper.get('[data-testid=toast] button').trigger('click')
    expect(wrapper.findAll('[data-testid=toast]').map((x) => x.text())).toEqual(['已报名×'])
    vi.advanceTimersByTime(TOAST_MS)
    await flushPromises()
    expect(wrapper.findAll('[data-testid=toast]')).toHaveLength(0)
  })
})

describe('the confirmation dialog', () => {
  function mountWithOpener(locale: 'zh-CN' | 'en' = 'zh-CN') {
    const Host = defineComponent({
      render: () => h('div', [h('button', { id: 'opener' }, 'open'), h(ConfirmHost)]),
    })
    return mount(Host, { attachTo: document.body, global: { plugins: [createAppI18n(locale)] } })
  }

  it('is an alertdialog that takes the focus, keeps Tab inside, and answers the button pressed', async () => {
    const wrapper = mountWithOpener()
    const opener = wrapper.get('#opener').element as HTMLButtonElement
    opener.focus()
    const answer = confirmDialog({ title: '确定移除这项记录吗？', message: '报名「人工智能前沿论坛」', confirmLabel: '移除', danger: true })
    await flushPromises()
    const dialog = wrapper.get('[data-testid=confirm-dialog]')
    expect(dialog.attributes('role')).toBe('alertdialog')
    expect(dialog.attributes('aria-modal')).toBe('true')
    expect(document.getElementById(dialog.attributes('aria-labelledby')!)?.textContent).toBe('确定移除这项记录吗？')
    expect(document.getElementById(dialog.attributes('aria-describedby')!)?.textContent).toBe('报名「人工智能前沿论坛」')
    // the safe choice has the focus; Tab from the last button comes back to the first, Shift+Tab goes round the other way
    const cancel = wrapper.get('[data-testid=confirm-cancel]').element
    const ok = wrapper.get('[data-testid=confirm-ok]').element as HTMLButtonElement
    expect(document.activeElement).toBe(cancel)
    expect(cancel.textContent?.trim()).toBe('取消')
    expect(ok.textContent?.trim()).toBe('移除')
    await dialog.trigger('keydown', { key: 'Tab', shiftKey: true })
    expect(document.activeElement).toBe(ok)
    await dialog.trigger('keydown', { key: 'Tab' })
    expect(document.activeElement).toBe(cancel)

    await wrapper.get('[data-testid=confirm-ok]').trigger('click')
    expect(await answer).toBe(true)
    await flushPromises()
    expect(wrapper.find('[data-testid=confirm-dialog]').exists()).toBe(false)
    expect(document.activeElement).toBe(opener)
  })

  it('closes on Esc as "cancel", and speaks English in the English UI', async () => {
    const wrapper = mountWithOpener('en')
    const opener = wrapper.get('#opener').element as HTMLButtonElement
    opener.focus()
    const answer = confirmDialog({ title: 'Leave this organisation?' })
    await flushPromises()
    expect(wrapper.get('[data-testid=confirm-cancel]').text()).toBe('Cancel')
    expect(wrapper.get('[data-testid=confirm-ok]').text()).toBe('OK')
    expect(wrapper.get('[data-testid=confirm-dialog]').attributes('aria-describedby')).toBeUndefined()
    await wrapper.get('[data-testid=confirm-dialog]').trigger('keydown', { key: 'Escape' })
    expect(await answer).toBe(false)
    await flushPromises()
    expect(wrapper.find('[data-testid=confirm-dialog]').exists()).toBe(false)
    expect(document.activeElement).toBe(opener)
  })

  it('shows a second request after the first is answered', async () => {
    const wrapper = mountWithOpener()
    const first = confirmDialog({ title: '一' })
    const second = confirmDialog({ title: '二' })
    await flushPromises()
    expect(wrapper.get('#confirm-title').text()).toBe('一')
    await wrapper.get('[data-testid=confirm-backdrop]').trigger('click') // a tap outside is "cancel"
    expect(await first).toBe(false)
    await flushPromises()
    expect(wrapper.get('#confirm-title').text()).toBe('二')
    await wrapper.get('[data-testid=confirm-ok]').trigger('click')
    expect(await second).toBe(true)
  })
})
