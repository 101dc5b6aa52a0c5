/** Words for 消息 (part of the app's one message tree: client/i18n/zh-CN.ts, en.ts). */
const zhCN = {
  notices: {
    title: '消息',
    markAllRead: '全部标为已读',
    unread: '未读',
    unreadCount: '{n} 条未读',
    empty: '还没有消息。入会审核结果、候补成功、活动变更或取消都会在这里告诉您。',
    guest: '登录后，入会审核结果、活动报名的变化都会在这里通知您。',
    reason: '理由：{reason}',
    movedTo: '新时间：{time}；地点：{venue}',
    cardReady: '会员证已可使用',
    refused: '未被接受：{what}',
    seeOutbox: '到同步记录处理',
    outboxMarkRead: '标记 {n} 条消息为已读',
    kind: {
      membership_approved: '{title}通过了您的入会申请',
      membership_rejected: '{title}未通过您的入会申请',
      waitlist_promoted: '候补成功：您已报名“{title}”',
      waitlist_promoted_approval: '候补到位：“{title}”的名额已为您保留，等待组织者审核',
      registration_approved: '“{title}”的报名已通过审核',
      registration_rejected: '“{title}”的报名未通过审核',
      activity_changed: '“{title}”的时间或地点有变',
      activity_cancelled: '“{title}”已取消',
    },
  },
}
export type NoticeMessages = typeof zhCN

const en: NoticeMessages = {
  notices: {
    title: 'Notices',
    markAllRead: 'Mark all as read',
    unread: 'Unread',
    unreadCount: '{n} unread',
    empty: 'No notices yet. Decisions on your applications, waitlist places and changed or cancelled activities will appear here.',
    guest: 'Log in to be told here about your applications and your activity registrations.',
    reason: 'Reason: {reason}',
    movedTo: 'New time: {time}; place: {venue}',
    cardReady: 'Your member card is ready',
    refused: 'Not accepted: {what}',
    seeOutbox: 'Resolve it in sync records',
    outboxMarkRead: 'Mark notices as read ({n})',
    kind: {
      membership_approved: '{title} approved your membership application',
      membership_rejected: '{title} declined your membership application',
      waitlist_promoted: 'You have a place at "{title}" (from the waitlist)',
      waitlist_promoted_approval: 'A place at "{title}" is held for you, awaiting the organiser’s approval',
      registration_approved: 'Your registration for "{title}" was approved',
      registration_rejected: 'Your registration for "{title}" was not approved',
      activity_changed: 'The time or place of "{title}" has changed',
      activity_cancelled: '"{title}" has been cancelled',
    },
  },
}

export const noticeMessages = { 'zh-CN': zhCN, en }
