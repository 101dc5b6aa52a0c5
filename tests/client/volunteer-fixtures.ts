/** Rows, a person and the mount for the 志愿 component tests (tests/client/volunteer*.test.ts). */
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Component } from 'vue'
import { createAppI18n } from '../../client/i18n/index'
import { useAccountStore } from '../../client/features/account/store'
import { useSyncStore } from '../../client/features/sync/store'
import type { TeamMember, VolunteerTeam } from '../../shared/schemas/volunteer'
import type { Me } from '../../shared/schemas/user'

export const TEAM_ID = '10000000-0000-4000-8000-000000000001'

export const ME: Me = {
  id: 'u-1',
  phone: '13912345678',
  name: '张三',
  regionCode: '110108',
  regionName: '北京市海淀区',
  discipline: '医学',
  employer: null,
  title: null,
  bio: null,
  systemRole: 'member',
  createdAt: '2026-01-01T00:00:00.000Z',
  version: 1,
}

export const team = (id: string, over: Partial<VolunteerTeam> = {}): VolunteerTeam => ({
  id,
  orgId: 'cast-110108',
  orgName: '海淀区科协',
  name: '海淀医疗志愿队',
  description: '',
  regionCode: '110108',
  skills: ['health'],
  status: 'active',
  minAttendancePercent: 60,
  cancelCutoffHours: 12,
  memberCount: 5,
  createdAt: '2026-10-01T00:00:00Z',
  updatedAt: '2026-10-01T00:00:00Z',
  version: 1,
  ...over,
})
export const member = (teamId: string, over: Partial<TeamMember> = {}): TeamMember => ({
  id: `20000000-0000-4000-8000-00000000000${teamId.at(-1)}`,
  teamId,
  role: 'member',
  status: 'active',
  skills: ['health'],
  createdAt: '2026-10-01T00:00:00Z',
  updatedAt: '2026-10-01T00:00:00Z',
  version: 1,
  ...over,
})

/** Mounts a 志愿 view for ME at `path` with a fresh pinia, starts the sync engine and syncs once. */
export async function mountVolunteer(view: Component, path: string, props: Record<string, unknown> = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAccountStore().me = ME
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:p(.*)*', name: 'login', component: { template: '<div />' } }],
  })
  await router.push(path)
  const wrapper = mount(view, { props, global: { plugins: [pinia, router, createAppI18n('zh-CN')] } })
  const sync = useSyncStore()
  await sync.start()
  const synced = await sync.syncNow()
  await flushPromises()
  return { wrapper, sync, synced }
}
