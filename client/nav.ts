/**
 * The member door's navigation in one place: the bottom tabs (at most five, each a feature that
 * exists; 消息 is the header's bell) and, for every other page, where "back" leads when the app has
 * no history to go back to (an installed app runs standalone, without the browser's back button).
 */
import type { RouteLocationNormalizedLoaded } from 'vue-router'

export const TABS = [
  { key: 'home', to: '/', icon: '⌂' },
  { key: 'organizations', to: '/orgs', icon: '◎' },
  { key: 'activities', to: '/activities', icon: '▦' },
  { key: 'volunteer', to: '/volunteer', icon: '♥' },
  { key: 'me', to: '/me', icon: '☺' },
] as const
export type TabKey = (typeof TABS)[number]['key']

declare module 'vue-router' {
  interface RouteMeta {
    /** the bottom tab a member-door page belongs to */
    tab?: TabKey
    /** where back leads without in-app history; default: the tab's own page */
    parent?: string
    /** the page needs a signed-in person: a guest goes to the login and comes back */
    auth?: boolean
    /** a staff or device door with its own layout (no tab bar) */
    door?: 'lead' | 'kiosk' | 'admin'
  }
}

/**
 * The page "back" leads to when there is no in-app history, or null for a tab's own page (and doors,
 * which have their own header).
 */
export function parentOf(route: Pick<RouteLocationNormalizedLoaded, 'path' | 'meta'>): string | null {
  const tab = TABS.find((t) => t.key === route.meta.tab)
  // a member-door page under no tab (消息, opened from the header's bell) leads up to its parent
  if (!tab) return route.meta.door ? null : (route.meta.parent ?? null)
  if (route.path === tab.to) return null
  return route.meta.parent ?? tab.to
}
