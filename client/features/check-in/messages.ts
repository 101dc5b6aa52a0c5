/** Words of the check-in desk's saved list (roster.ts), in zh-CN and English. */
const zhCN = {
  roster: {
    saved: '已下载报名名单：{n} 人（{time}），离线时也能当场显示姓名',
    none: '尚未下载报名名单：离线时无法当场核对姓名，由服务器联网后核对',
    notListed: '{who} 不在本活动的报名名单上。是现场参加的吗？',
    walkIn: '按现场参加登记',
    anyway: '仍然签到',
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
}

export const rosterMessages = { 'zh-CN': zhCN, en }
