/** BaseField as the one field block: input, number, textarea and select, attributes on the control, the error wired and findable. */
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import BaseField from '../../client/components/BaseField.vue'

describe('BaseField', () => {
  it('gives numbers from a number input, and its attributes go to the control', async () => {
    const wrapper = mount(BaseField, {
      props: { label: '名额', modelValue: 50, type: 'number', testid: 'cap', min: '1', error: '至少 1 个' },
    })
    const input = wrapper.get('[data-testid=cap]')
    expect(input.attributes()).toMatchObject({ min: '1', 'aria-invalid': 'true' })
    expect(input.attributes('aria-describedby')).toBe(wrapper.get('[data-testid=cap-error]').attributes('id'))
    expect(wrapper.get('label').attributes('for')).toBe(input.attributes('id'))
    await input.setValue('12')
    expect(wrapper.emitted('update:modelValue')!.at(-1)).toEqual([12])
    await input.setValue('')
    expect(wrapper.emitted('update:modelValue')!.at(-1)).toEqual([''])
  })

  it('is a textarea with rows, or a select of options', async () => {
    const text = mount(BaseField, { props: { label: '简介', modelValue: '', rows: 4, testid: 'd' } })
    expect(text.get('[data-testid=d]').element.tagName).toBe('TEXTAREA')
    const choice = mount(BaseField, {
      props: {
        label: '类型',
        modelValue: 'a',
        options: [
          { value: 'a', label: 'A' },
          { value: 'b', label: 'B' },
        ],
        testid: 'k',
      },
    })
    await choice.get('[data-testid=k]').setValue('b')
    expect(choice.emitted('update:modelValue')!.at(-1)).toEqual(['b'])
    expect(choice.findAll('option').map((o) => o.text())).toEqual(['A', 'B'])
    expect(choice.find('[data-testid=k-error]').exists()).toBe(false)
  })
})
