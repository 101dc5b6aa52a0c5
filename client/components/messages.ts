/** Words of the toasts and confirmation dialogs (client/components/feedback.ts), in zh-CN and English. */
const zhCN = {
  feedback: {
    ok: '确定',
    cancel: '取消',
    close: '关闭',
    done: {
      saved: '已保存',
      applied: '已提交入会申请',
      joined: '已入会',
      left: '已退出组织',
      withdrawn: '已撤回申请',
      registered: '报名已提交',
      waitlistJoined: '候补报名已提交',
      registrationCancelled: '已取消报名',
      approved: '已通过',
      rejected: '已拒绝',
      removed: '已移除',
      queued: '已保存在本机，联网后自动提交',
      deleted: '已删除',
    },
  },
}
export type FeedbackMessages = typeof zhCN

const en: FeedbackMessages = {
  feedback: {
    ok: 'OK',
    cancel: 'Cancel',
    close: 'Close',
    done: {
      saved: 'Saved',
      applied: 'Application sent',
      joined: 'You are a member',
      left: 'You left the organisation',
      withdrawn: 'Application withdrawn',
      registered: 'Registration sent',
      waitlistJoined: 'Waitlist registration sent',
      registrationCancelled: 'Registration cancelled',
      approved: 'Approved',
      rejected: 'Refused',
      removed: 'Removed',
      queued: 'Kept on this device; it will be sent once you are online',
      deleted: 'Deleted',
    },
  },
}

export const feedbackMessages = { 'zh-CN': zhCN, en }
