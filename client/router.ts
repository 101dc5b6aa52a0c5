import {
  createRouter,
  createWebHistory,
  type RouteComponent,
  type RouteLocationNormalized,
  type RouteMeta,
  type RouteRecordRaw,
} from 'vue-router'
import HomeView from './features/home/HomeView.vue'
import { useAccountStore } from './features/account/store'
import { kioskLockGuard } from './doors/kiosk/kiosk-lock'

type Lazy = () => Promise<RouteComponent | { default: RouteComponent }>

/** One page: its path, name, (lazily loaded) view and meta; `props` true passes the path's params. */
const page = (path: string, name: string, component: Lazy, meta: RouteMeta, props?: RouteRecordRaw['props']): RouteRecordRaw =>
  ({ path, name, component, meta, ...(props !== undefined && { props }) }) as RouteRecordRaw

const DoorView = () => import('./doors/DoorView.vue')
const ActivityForm = () => import('./doors/admin/ActivityFormView.vue')
const KioskDoor = () => import('./doors/kiosk/KioskDoor.vue')
/** Staff pages: a logged-out deep link goes to the login and back (the /admin, /lead and /kiosk doors explain themselves instead). */
const STAFF: RouteMeta = { door: 'admin', auth: true }
const LEAD: RouteMeta = { door: 'lead', auth: true }
const ME: RouteMeta = { tab: 'me', auth: true }
const KIOSK: RouteMeta = { door: 'kiosk' }

/** Routes of the member door (five tabs) and the staff doors. Feature views load lazily; the shell (home, tabs) is in the main chunk. */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView, meta: { tab: 'home' } },
  page('/orgs', 'organizations', () => import('./features/organizations/OrgSearchView.vue'), { tab: 'organizations' }),
  page('/orgs/:id', 'organization', () => import('./features/organizations/OrgView.vue'), { tab: 'organizations' }, true),
  page('/hubs/:id', 'hub', () => import('./features/hubs/HubView.vue'), { tab: 'organizations' }, true),
  // a resident follows a service request by number + phone: public, no login
  page('/requests/track', 'request-track', () => import('./features/requests/TrackView.vue'), { tab: 'home' }),
  page('/activities', 'activities', () => import('./features/activities/ActivityListView.vue'), { tab: 'activities' }),
  page('/activities/:id', 'activity', () => import('./features/activities/ActivityView.vue'), { tab: 'activities' }, true),
  // 消息 opens from the header's bell, under no tab; back without history leads home
  page('/notices', 'notices', () => import('./features/notices/NoticesView.vue'), { parent: '/' }),
  page('/volunteer', 'volunteer', () => import('./features/volunteer/VolunteerHome.vue'), { tab: 'volunteer' }),
  page('/volunteer/teams', 'volunteer-teams', () => import('./features/volunteer/TeamsView.vue'), { tab: 'volunteer' }),
  page('/volunteer/teams/:id', 'volunteer-team', () => import('./features/volunteer/TeamView.vue'), { tab: 'volunteer' }, true),
  page('/volunteer/shifts', 'volunteer-shifts', () => import('./features/volunteer/ShiftsView.vue'), { tab: 'volunteer' }),
  page('/volunteer/mine', 'volunteer-mine', () => import('./features/volunteer/MyVolunteerView.vue'), { tab: 'volunteer', auth: true }),
  page('/volunteer/certificate', 'volunteer-certificate', () => import('./features/volunteer/CertificateView.vue'), {
    tab: 'volunteer',
    parent: '/volunteer/mine',
    auth: true,
  }),
  page('/volunteer/verify', 'volunteer-verify', () => import('./features/volunteer/VerifyView.vue'), { tab: 'volunteer' }),
  page('/me', 'me', () => import('./features/account/MeView.vue'), { tab: 'me' }),
  page('/me/cards', 'cards', () => import('./features/organizations/CardsView.vue'), ME),
  page('/me/activities', 'my-activities', () => import('./features/activities/MyActivitiesView.vue'), ME),
  page('/me/edit', 'profile-edit', () => import('./features/profile/ProfileEditView.vue'), ME),
  page('/me/password', 'password', () => import('./features/account/PasswordView.vue'), ME),
  page('/me/security', 'security', () => import('./features/account/SecurityView.vue'), ME),
  page('/sync', 'sync', () => import('./features/sync/OutboxView.vue'), { tab: 'me' }),
  page('/register', 'register', () => import('./features/account/RegisterView.vue'), { tab: 'me' }),
  page('/login', 'login', () => import('./features/account/LoginView.vue'), { tab: 'me' }),
  page('/forgot-password', 'forgot-password', () => import('./features/account/ForgotPasswordView.vue'), { tab: 'me', parent: '/login' }),
  page('/privacy', 'privacy', () => import('./features/account/PrivacyView.vue'), { tab: 'me' }),
  page('/lead', 'lead', DoorView, { door: 'lead' }, { door: 'lead' }),
  page('/lead/teams/:id', 'lead-team', () => import('./doors/lead/LeadTeamView.vue'), LEAD, true),
  page('/lead/teams/:id/services', 'lead-services', () => import('./doors/lead/LeadServicesView.vue'), LEAD, true),
  page('/lead/teams/:id/week', 'lead-week', () => import('./doors/lead/LeadWeekView.vue'), LEAD, true),
  page('/lead/shifts/:id', 'lead-shift', () => import('./doors/lead/LeadShiftView.vue'), LEAD, true),
  page('/lead/requests', 'lead-requests', () => import('./doors/lead/LeadRequestsView.vue'), LEAD),
  page('/lead/requests/:id', 'lead-request', () => import('./doors/lead/LeadRequestView.vue'), LEAD, true),
  // a shared tablet's door: enrolment, then the hub's screens; never a person's login (doors/kiosk/)
  page('/kiosk', 'kiosk', KioskDoor, KIOSK, { screen: 'home' }),
  page('/kiosk/check-in', 'kiosk-check-in', KioskDoor, KIOSK, { screen: 'check-in' }),
  page('/kiosk/order', 'kiosk-order', KioskDoor, KIOSK, { screen: 'order' }),
  page('/kiosk/track', 'kiosk-track', KioskDoor, KIOSK, { screen: 'track' }),
  page('/admin/memberships', 'admin-memberships', () => import('./doors/admin/AdminMembershipsView.vue'), STAFF),
  page('/admin/orgs/:id/members', 'admin-members', () => import('./doors/admin/AdminMembersView.vue'), STAFF, true),
  page('/admin/activities', 'admin-activities', () => import('./doors/admin/AdminActivitiesView.vue'), STAFF),
  page('/admin/activities/new', 'admin-activity-new', ActivityForm, STAFF),
  page('/admin/activities/:id/edit', 'admin-activity-edit', ActivityForm, STAFF, true),
  page('/admin/activities/:id/check-in', 'admin-activity-check-in', () => import('./doors/admin/CheckInView.vue'), STAFF, true),
  page('/admin/activities/:id', 'admin-activity', () => import('./doors/admin/AdminActivityView.vue'), STAFF, true),
  page('/admin/audit', 'admin-audit', () => import('./doors/admin/AuditView.vue'), STAFF),
  page('/admin/teams', 'admin-teams', () => import('./doors/admin/AdminTeamsView.vue'), STAFF),
  page('/admin/hubs', 'admin-hubs', () => import('./doors/admin/HubsAdminView.vue'), STAFF),
  page('/admin/hubs/:id', 'admin-hub', () => import('./doors/admin/HubAdminView.vue'), STAFF, true),
  page('/admin/requests', 'admin-requests', () => import('./doors/admin/AdminRequestsView.vue'), STAFF),
  page('/admin/requests/:id', 'admin-request', () => import('./doors/admin/AdminRequestView.vue'), STAFF, true),
  page('/lead/shifts/:id/desk', 'lead-shift-desk', () => import('./doors/lead/day/ShiftDeskView.vue'), { door: 'lead', auth: true }, true),
  page('/lead/teams/:id/hours', 'lead-team-hours', () => import('./doors/lead/day/TeamHoursView.vue'), { door: 'lead', auth: true }, true),
  page('/lead/teams/:id/swaps', 'lead-team-swaps', () => import('./doors/lead/day/TeamSwapsView.vue'), { door: 'lead', auth: true }, true),
  page(
    '/lead/teams/:id/no-shows',
    'lead-team-no-shows',
    () => import('./doors/lead/day/NoShowBoardView.vue'),
    { door: 'lead', auth: true },
    true,
  ),
  page('/admin', 'admin', DoorView, { door: 'admin' }, { door: 'admin' }),
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./features/home/NotFoundView.vue') },
]

/** Screens that need a person send a guest to the login, and back afterwards (?next=). */
export function loginFirst(to: RouteLocationNormalized) {
  if (to.meta.auth && !useAccountStore().isLoggedIn) return { name: 'login', query: { next: to.fullPath } }
}

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
  // an enrolled kiosk stays inside /kiosk (before the login redirect: a kiosk never shows the login)
  router.beforeEach(kioskLockGuard)
  router.beforeEach(loginFirst)
  return router
}
