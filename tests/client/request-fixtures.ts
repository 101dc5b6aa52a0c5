/** Service requests as the staff API answers them, for the admin and leader request screen tests. */
import type { RequestEvent, ServiceRequestDetail, TeamSuggestion } from '../../shared/schemas/service-request'

export const REQUEST = '8e2a3b4c-5d6e-4f7a-8b9c-0d1e2f3a4b5c'
export const TEAM = '9f3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d'
export const OTHER_TEAM = 'a04c5d6e-7f8a-4b9c-8d0e-2f3a4b5c6d7e'
export const SHIFT = 'b15d6e7f-8a9b-4c0d-9e1f-3a4b5c6d7e8f'

export const event = (kind: RequestEvent['kind'], over: Partial<RequestEvent> = {}): RequestEvent => ({
  kind,
  at: '2026-12-01T02:00:00.000Z',
  actor: 'kiosk',
  teamName: null,
  note: null,
  ...over,
})

export const serviceRequest = (over: Partial<ServiceRequestDetail> = {}): ServiceRequestDetail => ({
  id: REQUEST,
  number: '12-0007',
  hubId: 'c26e7f8a-9b0c-4d1e-8f2a-4b5c6d7e8f9a',
  hubName: '中关村街道新时代文明实践所',
  orgId: 'cast-110108010',
  regionCode: '110108010',
  category: 'elder_digital',
  description: '想学用手机挂号和视频通话',
  wantedDate: '2026-12-20',
  wantedPeriod: 'afternoon',
  contactName: '王阿姨',
  contactPhone: '138****5678',
  phoneVisible: false,
  status: 'ordered',
  teamId: null,
  teamName: null,
  shiftId: null,
  completeBy: null,
  stateDueAt: '2026-12-02T02:00:00.000Z',
  overdueAt: null,
  escalatedOrgId: null,
  report: null,
  rating: null,
  ratingComment: null,
  closeReason: null,
  declineReason: null,
  createdAt: '2026-12-01T02:00:00.000Z',
  updatedAt: '2026-12-01T02:00:00.000Z',
  events: [event('ordered')],
  ...over,
})

export const suggestion = (over: Partial<TeamSuggestion> = {}): TeamSuggestion => ({
  teamId: TEAM,
  teamName: '中关村助老数字服务队',
  orgName: '中关村街道科学技术协会',
  regionCode: '110108010',
  memberCount: 12,
  matchedSkills: ['it', 'elder_care'],
  wantedSkills: ['it', 'elder_care'],
  distance: 'township',
  ...over,
})

/** The list answer of the staff request routes. */
export const page = (items: ServiceRequestDetail[]) => ({
  items: items.map(({ events: _events, ...r }) => r),
  total: items.length,
  page: 1,
  pageSize: 50,
})
