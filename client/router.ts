import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import HomeView from './features/home/HomeView.vue'
import { useAccountStore } from './features/account/store'

/** Routes of the four doors. Feature views load lazily; the shell (home, tabs) is in the main chunk. */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView, meta: { tab: 'home' } },
  {
    path: '/orgs',
    name: 'organizations',
    component: () => import('./features/organizations/OrgSearchView.vue'),
    meta: { tab: 'organizations' },
  },
  {
    path: '/orgs/:id',
    name: 'organization',
    component: () => import('./features/organizations/OrgView.vue'),
    props: true,
    meta: { tab: 'organizations' },
  },
  { path: '/me/cards', name: 'cards', component: () => import('./features/organizations/CardsView.vue'), meta: { tab: 'me', auth: true } },
  {
    path: '/activities',
    name: 'activities',
    component: () => import('./features/activities/ActivityListView.vue'),
    meta: { tab: 'activities' },
  },
  {
    path: '/activities/:id',
    name: 'activity',
    component: () => import('./features/activities/ActivityView.vue'),
    props: true,
    meta: { tab: 'activities' },
  },
  {
    path: '/me/activities',
    name: 'my-activities',
    component: () => import('./features/activities/MyActivitiesView.vue'),
    meta: { tab: 'me', auth: true },
  },
  {
    path: '/volunteer',
    name: 'volunteer',
    component: () => import('./features/home/SectionView.vue'),
    props: { section: 'volunteer' },
    meta: { tab: 'volunteer' },
  },
  {
    path: '/learning',
    name: 'learning',
    component: () => import('./features/home/SectionView.vue'),
    props: { section: 'learning' },
    meta: { tab: 'learning' },
  },
  { path: '/me', name: 'me', component: () => import('./features/account/MeView.vue'), meta: { tab: 'me' } },
  {
    path: '/me/edit',
    name: 'profile-edit',
    component: () => import('./features/profile/ProfileEditView.vue'),
    meta: { tab: 'me', auth: true },
  },
  {
    path: '/me/password',
    name: 'password',
    component: () => import('./features/account/PasswordView.vue'),
    meta: { tab: 'me', auth: true },
  },
  {
    path: '/me/security',
    name: 'security',
    component: () => import('./features/account/SecurityView.vue'),
    meta: { tab: 'me', auth: true },
  },
  { path: '/sync', name: 'sync', component: () => import('./features/sync/OutboxView.vue'), meta: { tab: 'me' } },
  { path: '/register', name: 'register', component: () => import('./features/account/RegisterView.vue'), meta: { tab: 'me' } },
  { path: '/login', name: 'login', component: () => import('./features/account/LoginView.vue'), meta: { tab: 'me' } },
  {
    path: '/forgot-password',
    name: 'forgot-password',
    component: () => import('./features/account/ForgotPasswordView.vue'),
    meta: { tab: 'me' },
  },
  { path: '/privacy', name: 'privacy', component: () => import('./features/account/PrivacyView.vue'), meta: { tab: 'me' } },
  { path: '/lead', name: 'lead', component: () => import('./doors/DoorView.vue'), props: { door: 'lead' }, meta: { door: 'lead' } },
  { path: '/kiosk', name: 'kiosk', component: () => import('./doors/DoorView.vue'), props: { door: 'kiosk' }, meta: { door: 'kiosk' } },
  {
    path: '/admin/memberships',
    name: 'admin-memberships',
    component: () => import('./doors/admin/AdminMembershipsView.vue'),
    meta: { door: 'admin' },
  },
  {
    path: '/admin/orgs/:id/members',
    name: 'admin-members',
    component: () => import('./doors/admin/AdminMembersView.vue'),
    props: true,
    meta: { door: 'admin' },
  },
  {
    path: '/admin/activities',
    name: 'admin-activities',
    component: () => import('./doors/admin/AdminActivitiesView.vue'),
    meta: { door: 'admin' },
  },
  {
    path: '/admin/activities/new',
    name: 'admin-activity-new',
    component: () => import('./doors/admin/ActivityFormView.vue'),
    meta: { door: 'admin' },
  },
  {
    path: '/admin/activities/:id/edit',
    name: 'admin-activity-edit',
    component: () => import('./doors/admin/ActivityFormView.vue'),
    props: true,
    meta: { door: 'admin' },
  },
  {
    path: '/admin/activities/:id/check-in',
    name: 'admin-activity-check-in',
    component: () => import('./doors/admin/CheckInView.vue'),
    props: true,
    meta: { door: 'admin' },
  },
  {
    path: '/admin/activities/:id',
    name: 'admin-activity',
    component: () => import('./doors/admin/AdminActivityView.vue'),
    props: true,
    meta: { door: 'admin' },
  },
  { path: '/admin/audit', name: 'admin-audit', component: () => import('./doors/admin/AuditView.vue'), meta: { door: 'admin' } },
  { path: '/admin', name: 'admin', component: () => import('./doors/DoorView.vue'), props: { door: 'admin' }, meta: { door: 'admin' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./features/home/NotFoundView.vue') },
]

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
  // Screens that need a person send a guest to the login, and back afterwards.
  router.beforeEach((to) => {
    if (to.meta.auth && !useAccountStore().isLoggedIn) return { name: 'login', query: { next: to.fullPath } }
  })
  return router
}
