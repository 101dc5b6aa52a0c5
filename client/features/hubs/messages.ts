/**
 * Words of the member door's hub (阵地) screens: the hub page, the org page's 阵地 section, the
 * activity page's 举办阵地 and the hub picker in the activity and service forms (zh-CN and English).
 */
const zhCN = {
  hub: {
    kind: {
      practice_center: '新时代文明实践中心',
      practice_institute: '新时代文明实践所',
      practice_station: '新时代文明实践站',
      party_mass_center: '党群服务中心',
    },
    address: '地址',
    openingHours: '开放时间',
    region: '所在地区',
    org: '所属组织',
    activities: '近期活动',
    noActivities: '这个阵地近期没有安排活动。',
    shifts: '可报名的志愿班次',
    noShifts: '这个阵地近期没有需要志愿者的班次。',
    placesLeft: '还剩 {n} 个名额',
    allShifts: '查看全部可报名班次',
    track: '查询服务单进度',
    trackHint: '在这里的自助终端点过单？输入单号和手机号查看进度。',
    offline: '查看阵地需要联网。请联网后再打开这个页面。',
    offlineCopy: '当前离线：显示的是本次打开时的信息。',
    loadFailed: '阵地信息加载失败，请稍后再试。',
    notFound: '找不到这个阵地，它可能已停用。',
    orgHubs: '阵地',
    orgNoHubs: '这个组织还没有登记阵地。',
    activityHub: '举办阵地',
    viewHub: '查看阵地',
    picker: '举办阵地',
    pickerNone: '不在阵地举办',
    pickerHint: '选择阵地后会自动填入它的地址。',
    pickerOffline: '阵地列表需要联网才能加载。',
  },
}
export type HubMessages = typeof zhCN

const en: HubMessages = {
  hub: {
    kind: {
      practice_center: 'Civilisation practice centre',
      practice_institute: 'Civilisation practice institute',
      practice_station: 'Civilisation practice station',
      party_mass_center: 'Community service centre',
    },
    address: 'Address',
    openingHours: 'Opening hours',
    region: 'Region',
    org: 'Run by',
    activities: 'Upcoming events',
    noActivities: 'No events are planned at this hub soon.',
    shifts: 'Volunteer shifts open for sign-up',
    noShifts: 'No shifts at this hub need volunteers soon.',
    placesLeft: '{n} places left',
    allShifts: 'All open shifts',
    track: 'Follow a service request',
    trackHint: 'Ordered a service at this hub’s kiosk? Enter the number and your phone to see how it is going.',
    offline: 'A hub’s page needs the network. Open it again when you are online.',
    offlineCopy: 'You are offline: showing what was loaded earlier in this visit.',
    loadFailed: 'The hub could not be loaded; please try again later.',
    notFound: 'There is no such hub; it may have closed.',
    orgHubs: 'Hubs',
    orgNoHubs: 'This organisation has not registered any hubs yet.',
    activityHub: 'Hub',
    viewHub: 'See the hub',
    picker: 'Hub',
    pickerNone: 'Not at a hub',
    pickerHint: 'Choosing a hub fills in its address.',
    pickerOffline: 'The list of hubs needs the network.',
  },
}

export const hubMessages = { 'zh-CN': zhCN, en }
