/**
 * Words for the sync status, the outbox screen and each mutation, in zh-CN and English. Merged into
 * a component's local i18n scope by useSyncI18n() (client/features/sync/i18n.ts), so the shell's
 * message files stay untouched; the locale follows the global one.
 */
import { errorMessagesEn, errorMessagesZhCN } from '../../i18n/error-messages'

const zhCN = {
  sync: {
    online: '在线',
    offline: '离线',
    unreachable: '连不上服务器',
    pending: '待同步 {n}',
    allSynced: '已全部同步',
    syncing: '正在同步…',
    lastSync: '上次同步 {time}',
    neverSynced: '尚未同步',
    rejectedCount: '{n} 项未被接受',
    error: '同步出错：{message}',
    authRequired: '登录已过期，请重新登录后继续同步',
    login: '去登录',
    updateRequired: '需要更新应用后才能继续同步',
    reloadRequired: '应用已在其他页面更新，请刷新本页',
    reload: '刷新',
    openOutbox: '查看同步记录',
    title: '同步记录',
    intro: '您离线时做的修改先保存在本机，联网后按顺序发送到服务器。被拒绝的修改会保留在这里，您可以修改后重试或放弃。',
    syncNow: '立即同步',
    emptyOutbox: '没有待同步或被拒绝的修改。',
    pendingSection: '待同步',
    rejectedSection: '未被接受',
    state: { pending: '待同步', sending: '发送中', rejected: '未被接受' },
    createdAt: '提交于 {time}',
    reasonLabel: '原因',
    enteredLabel: '您填写的内容',
    retry: '重试',
    editRetry: '修改后重试',
    discard: '放弃',
    discardConfirm: '确定放弃这项修改吗？您填写的内容将被删除。',
    mutation: {
      profile: { update: '编辑资料：{fields}' },
      membership: { apply: '申请入会：{org}', leave: '退出组织' },
      activity: { register: '报名活动', cancel: '取消活动报名', checkIn: '活动签到：{who}' },
      unknown: '操作 {name}',
    },
    field: {
      name: '姓名', regionCode: '地区', orgId: '组织', membershipId: '申请编号', discipline: '学科', employer: '工作单位', title: '职称/职务', bio: '个人简介',
    },
    empty: '（空）',
    listSep: '、',
    // the general words for every server code, then the outbox's own (what happens next)
    reason: {
      ...errorMessagesZhCN,
      unknown_region: '所选地区不存在，请重新选择地区。',
      rate_limited: '短时间内的修改太多，其余修改稍后自动发送，无需重新操作。',
      member_not_found: '没有找到这个会员号或手机号的人，可按现场参加登记姓名。',
      not_on_list: '这个手机号或会员号不在本活动的报名名单（含候补、待审核）中，请按现场参加登记姓名。',
      check_in_not_open: '签到尚未开始（活动开始前才开放），未签到。',
      check_in_closed: '活动已结束，签到已关闭，未签到。',
      network: '网络不通，稍后自动重试。',
      internal: '服务器暂时出错，稍后自动重试。',
    },
  },
}
export type SyncMessages = typeof zhCN

const en: SyncMessages = {
  sync: {
    online: 'Online',
    offline: 'Offline',
    unreachable: 'Server unreachable',
    pending: '{n} to sync',
    allSynced: 'All synced',
    syncing: 'Syncing…',
    lastSync: 'Last sync {time}',
    neverSynced: 'Not synced yet',
    rejectedCount: '{n} not accepted',
    error: 'Sync error: {message}',
    authRequired: 'Your session has ended. Log in again to continue syncing',
    login: 'Log in',
    updateRequired: 'Update the app to continue syncing',
    reloadRequired: 'The app was updated in another tab. Please reload this page',
    reload: 'Reload',
    openOutbox: 'Open sync records',
    title: 'Sync records',
    intro: 'Changes you make offline are kept on this device and sent to the server in order once you are online. Changes the server did not accept stay here so you can edit and retry them, or discard them.',
    syncNow: 'Sync now',
    emptyOutbox: 'Nothing waiting to sync and nothing rejected.',
    pendingSection: 'Waiting to sync',
    rejectedSection: 'Not accepted',
    state: { pending: 'Waiting', sending: 'Sending', rejected: 'Not accepted' },
    createdAt: 'Made {time}',
    reasonLabel: 'Reason',
    enteredLabel: 'What you entered',
    retry: 'Retry',
    editRetry: 'Edit and retry',
    discard: 'Discard',
    discardConfirm: 'Discard this change? What you entered will be deleted.',
    mutation: {
      profile: { update: 'Profile edit: {fields}' },
      membership: { apply: 'Apply to join: {org}', leave: 'Leave an organisation' },
      activity: { register: 'Register for an activity', cancel: 'Cancel an activity registration', checkIn: 'Activity check-in: {who}' },
      unknown: 'Action {name}',
    },
    field: {
      name: 'Name', regionCode: 'Region', orgId: 'Organisation', membershipId: 'Application id', discipline: 'Discipline', employer: 'Employer', title: 'Title', bio: 'About me',
    },
    empty: '(empty)',
    listSep: ', ',
    reason: {
      ...errorMessagesEn,
      unknown_region: 'The chosen region does not exist. Please choose the region again.',
      rate_limited: 'Too many changes in a short time. The rest will be sent automatically in a little while; nothing to redo.',
      member_not_found: 'Nobody has this member number or phone; record them as a walk-in by name.',
      not_on_list: 'This phone or member number is not on this activity’s list (registered, waitlisted or awaiting approval); record the person as a walk-in by name.',
      check_in_not_open: 'Check-in has not opened yet (it opens shortly before the start). Not checked in.',
      check_in_closed: 'The activity has ended and check-in is closed. Not checked in.',
      network: 'No network. Will retry automatically.',
      internal: 'The server had a problem. Will retry automatically.',
    },
  },
}

export const syncMessages = { 'zh-CN': zhCN, en }
