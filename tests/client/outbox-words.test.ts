/**
 * An outbox entry in words: what it is about by name (captured when it was made, so offline too),
 * never by id; a refusal that sending again cannot overcome offers only 移除; one that can offers 重试.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { createAppI18n } from '../../client/i18n/index'
import OutboxItem from '../../client/features/sync/OutboxItem.vue'
import type { OutboxEntry } from '../../client/lib/idb'
import { answerConfirm, confirmState } from '../../client/components/feedback'

const ACTIVITY_ID = '7b0c2f4e-1d2a-4c3b-9e8f-0a1b2c3d4e5f'
const REGISTRATION_ID = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b'

const entry = (over: Partial<OutboxEntry>): OutboxEntry => ({
  id: 'e1',
  name: 'activity.register',
  args: { registrationId: REGISTRATION_ID, activityId: ACTIVITY_ID },
  createdAt: '2026-11-30T06:00:00.000Z',
  seq: 1,
  status: 'rejected',
  code: 'registration_closed',
  message: 'closed',
  ...over,
})

async function mountItem(e: OutboxEntry, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
  await router.push('/sync')
  return mount(OutboxItem, { props: { entry: e }, global: { plugins: [router, createAppI18n(locale)] } })
}

afterEach(() => {
  while (confirmState.current) answerConfirm(false)
})

describe('outbox entries in words', () => {
  it('names the activity, never its id, and offers only 移除 for a refusal a retry cannot fix', async () => {
    const wrapper = await mountItem(entry({ display: { activity: '人工智能前沿论坛' } }))
    expect(wrapper.get('[data-testid=outbox-what]').text()).toBe('报名「人工智能前沿论坛」')
    expect(wrapper.text()).not.toContain(ACTIVITY_ID)
    expect(wrapper.text()).not.toContain(REGISTRATION_ID)
    expect(wrapper.get('[data-testid=outbox-reason]').text()).toContain('报名已截止')
    expect(wrapper.find('[data-testid=outbox-retry]').exists()).toBe(false)
    expect(wrapper.get('[data-testid=outbox-discard]').text()).toBe('移除')

    await wrapper.get('[data-testid=outbox-discard]').trigger('click')
    await flushPromises()
    expect(confirmState.current?.message).toBe('报名「人工智能前沿论坛」')
    answerConfirm(true)
    await flushPromises()
    expect(wrapper.emitted('discard')).toEqual([['e1']])
  })

  it('offers 重试 when sending again later can succeed (registration not open yet)', async () => {
    const wrapper = await mountItem(entry({ code: 'registration_not_open', display: { activity: '人工智能前沿论坛' } }))
    await wrapper.get('[data-testid=outbox-retry]').trigger('click')
    expect(wrapper.emitted('retry')).toEqual([['e1']])
  })

  it('names the organisation of an application, in English too; a removal the person cancels keeps the entry', async () => {
    const e = entry({
      name: 'membership.apply',
      args: { membershipId: REGISTRATION_ID, orgId: 'cast-110108' },
      code: 'already_member',
      display: { org: '北京市海淀区科学技术协会' },
    })
    const zh = await mountItem(e)
    expect(zh.get('[data-testid=outbox-what]').text()).toBe('申请加入北京市海淀区科学技术协会')
    expect(zh.text()).not.toContain('cast-110108')
    const en = await mountItem(e, 'en')
    expect(en.get('[data-testid=outbox-what]').text()).toBe('Apply to join 北京市海淀区科学技术协会')
    expect(en.get('[data-testid=outbox-discard]').text()).toBe('Remove')
    await en.get('[data-testid=outbox-discard]').trigger('click')
    await flushPromises()
    answerConfirm(false)
    await flushPromises()
    expect(en.emitted('discard')).toBeUndefined()
  })

  it('an entry made before names were kept says what it is without an id', async () => {
    const wrapper = await mountItem(entry({ status: 'pending', code: undefined }))
    expect(wrapper.get('[data-testid=outbox-what]').text()).toBe('报名活动')
    expect(wrapper.text()).not.toContain(ACTIVITY_ID)
    expect(wrapper.find('[data-testid=outbox-discard]').exists()).toBe(false)
  })

  it('a check-in by phone shows the name from the desk’s list and the phone masked', async () => {
    const wrapper = await mountItem(
      entry({
        name: 'activity.checkIn',
        args: { checkInId: 'c1', activityId: ACTIVITY_ID, phone: '13912345678' },
        display: { who: '李思远' },
      }),
    )
    expect(wrapper.get('[data-testid=outbox-what]').text()).toBe('活动签到：李思远')
    const anonymous = await mountItem(
      entry({ name: 'activity.checkIn', args: { checkInId: 'c1', activityId: ACTIVITY_ID, phone: '13912345678' } }),
    )
    expect(anonymous.get('[data-testid=outbox-what]').text()).toBe('活动签到：139****5678')
    expect(anonymous.text()).not.toContain('13912345678')
  })
})
