/** Words of the check-in desk's saved list (roster.ts), in zh-CN and English. */
const zhCN = {
  roster: {
    saved: '已下载报名名单：{n} 人（{time}），离线时也能当场显示姓名',
    none: '尚未下载报名名单：离线时无法当场核对姓名，由服务器联网后核对',
    notListed: '{who} 不在本活动的报名名单上。是现场参加的吗？',
    walkIn: '按现场参加登记',
    anyway: '仍然签到',
  },
  /** a desk's check-out lines (a volunteer shift's desk checks people out too) */
  deskOut: {
    state: { pending: '签退待同步', sending: '签退发送中', applied: '已签退', rejected: '未签退' },
    appliedAt: '{time} 签退',
  },
}
export type RosterMessages = typeof zhCN

const en: RosterMessages = {
  roster: {
    saved: 'List downloaded: {n} people ({time}); names show at once, offline too',
    none: 'The list is not downloaded: offline, names cannot be checked here; the server checks once online',
    notListed: '{who} is not on this activity’s list. A walk-in?',
    walkIn: 'Record as a walk-in',
    anyway: 'Check in anyway',
  },
  deskOut: {
    state: { pending: 'Check-out waiting to sync', sending: 'Sending check-out', applied: 'Checked out', rejected: 'Not checked out' },
    appliedAt: 'Out at {time}',
  },
}

export const rosterMessages = { 'zh-CN': zhCN, en }
