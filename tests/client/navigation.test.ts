/**
 * Navigation (issue 12) with the app's real routes: every page below a tab has a back control in the
 * header (back through the app's history, else up to the page above); a tab's own page has none; a
 * logged-out deep link to a staff page goes to the login with ?next=, the kiosk door still opens.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, createWebHistory } from 'vue-router'
import AppHeader from '../../client/components/AppHeader.vue'
import { loginFirst, routes } from '../../client/router'
import { parentOf, TABS } from '../../client/nav'
import { createAppI18n } from '../../client/i18n/index'

/** The app's routes with stub views (nothing loads), and the app's login guard; in the window's own history for the back control. */
function appRouter(history = createMemoryHistory()) {
  const stub = { template: '<div />' }
  const router = createRouter({
    history,
    routes: routes.map((r) => ({ ...r, component: stub, children: undefined }) as (typeof routes)[number]),
  })
  router.beforeEach(loginFirst)
  return router
}

/** The app opened at `at` (a deep link: the first navigation, so no history inside the app yet). */
async function mountHeader(at: string) {
  const pinia = createPinia()
  setActivePinia(pinia)
  window.history.replaceState(null, '', at)
  const router = appRouter(createWebHistory())
  await router.push(at)
  const wrapper = mount(AppHeader, { global: { plugins: [pinia, router, createAppI18n('zh-CN')] } })
  return { wrapper, router }
}

describe('navigation', () => {
  beforeEach(() => localStorage.clear())

  it('has at most five tabs, and a parent for every page below a tab', () => {
    expect(TABS.length).toBeLessThanOrEqual(5)
    const below = routes.filter((r) => r.meta?.tab && !TABS.some((t) => t.to === r.path))
    expect(below.length).toBeGreaterThan(5)
    for (const r of below) expect(parentOf({ path: r.path, meta: r.meta! }), r.path).toMatch(/^\//)
    expect(parentOf({ path: '/me/edit', meta: { tab: 'me' } })).toBe('/me')
    expect(parentOf({ path: '/volunteer', meta: { tab: 'volunteer' } })).toBeNull()
    expect(parentOf({ path: '/volunteer/certificate', meta: { tab: 'volunteer', parent: '/volunteer/mine' } })).toBe('/volunteer/mine')
    // 消息 opens from the header's bell, under no tab: back leads home; the doors keep their own header
    expect(parentOf({ path: '/notices', meta: routes.find((r) => r.path === '/notices')!.meta! })).toBe('/')
    expect(parentOf({ path: '/lead', meta: { door: 'lead' } })).toBeNull()
    expect(TABS.map((t) => t.key)).toEqual(['home', 'organizations', 'activities', 'volunteer', 'me'])
    expect(routes.some((r) => r.path === '/learning')).toBe(false)
  })

  it('goes up to the page above when the app has no history (a deep link in the installed app)', async () => {
    const { wrapper, router } = await mountHeader('/privacy')
    await wrapper.get('[data-testid=back]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/me')
    expect(wrapper.find('[data-testid=back]').exists()).toBe(false) // a tab's own page: the brand instead
  })

  it('goes back through the app’s own history when there is some', async () => {
    const { wrapper, router } = await mountHeader('/activities?kind=academic')
    await router.push('/activities/3f0c2c3e-9a55-4c37-a0fd-1d7d1e0a4b11')
    await flushPromises()
    await wrapper.get('[data-testid=back]').trigger('click')
    await new Promise<void>((resolve) => router.afterEach(() => resolve()))
    expect(router.currentRoute.value.fullPath).toBe('/activities?kind=academic')
  })

  it('sends a logged-out deep link to a staff page to the login and keeps where it pointed', async () => {
    const router = appRouter()
    setActivePinia(createPinia())
    await router.push('/admin/activities')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.next).toBe('/admin/activities')
    await router.push('/admin/activities/3f0c2c3e-9a55-4c37-a0fd-1d7d1e0a4b11/check-in')
    expect(router.currentRoute.value.query.next).toBe('/admin/activities/3f0c2c3e-9a55-4c37-a0fd-1d7d1e0a4b11/check-in')
    // the doors explain themselves to a guest, and a shared tablet's kiosk door opens without a person's login
    for (const door of ['/kiosk', '/admin', '/lead']) {
      await router.push(door)
      expect(router.currentRoute.value.path).toBe(door)
    }
  })
})
