/**
 * Words for the sync status, the outbox screen and each mutation, in zh-CN and English. Merged into
 * a component's local i18n scope by useSyncI18n() (client/features/sync/i18n.ts), so the shell's
 * message files stay untouched; the locale follows the global one.
 */
const zhCN = {
  sync: {
    online: '在线',
    offline: '离线',
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
      unknown: '操作 {name}',
    },
    field: {
      name: '姓名', regionCode: '地区', discipline: '学科', employer: '工作单位', title: '职称/职务', bio: '个人简介',
    },
    empty: '（空）',
    listSep: '、',
    reason: {
      unknown_region: '所选地区不存在，请重新选择地区。',
      invalid_args: '填写的内容不符合要求。',
      unknown_mutation: '服务器不认识这项操作，请更新应用。',
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
      unknown: 'Action {name}',
    },
    field: {
      name: 'Name', regionCode: 'Region', discipline: 'Discipline', employer: 'Employer', title: 'Title', bio: 'About me',
    },
    empty: '(empty)',
    listSep: ', ',
    reason: {
      unknown_region: 'The chosen region does not exist. Please choose the region again.',
      invalid_args: 'Some of what you entered is not valid.',
      unknown_mutation: 'The server does not know this action. Please update the app.',
      network: 'No network. Will retry automatically.',
      internal: 'The server had a problem. Will retry automatically.',
    },
  },
}

export const syncMessages = { 'zh-CN': zhCN, en }
