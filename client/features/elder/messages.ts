/** Words for 长者模式 (part of the app's one message tree: client/i18n/zh-CN.ts, en.ts). */
const zhCN = {
  elder: {
    title: '长者模式',
    description: '字更大、按钮更大、对比更强，每屏内容更少。',
    offerTitle: '需要大字吗？',
    offerBody: '打开长者模式，字和按钮会变大。以后也可以在“我的”中打开或关闭。',
    offerAccept: '打开长者模式',
    offerDecline: '不用了',
  },
}

const en: typeof zhCN = {
  elder: {
    title: 'Large text mode',
    description: 'Larger text and buttons, stronger contrast, fewer items per screen.',
    offerTitle: 'Would larger text help?',
    offerBody: 'Large text mode makes text and buttons bigger. You can turn it on or off later in Me.',
    offerAccept: 'Turn on large text',
    offerDecline: 'No, thanks',
  },
}

export const elderMessages = { 'zh-CN': zhCN, en }
