/** Words of the region picker (client/components/RegionPicker.vue), part of the app's one message tree. */
const zhCN = {
  region: {
    none: '未选择',
    choose: '选择',
    change: '修改',
    clear: '清除',
    clearNamed: '清除{label}',
    sheetTitle: '选择{label}',
    close: '关闭',
    country: '全国',
    path: '已选层级',
    searchLabel: '搜索地名',
    searchPlaceholder: '输入地名或拼音，如 海淀、haidian、hd',
    searching: '正在搜索…',
    noResults: '没有找到“{q}”。可以换个写法，或逐级选择。',
    results: '找到 {n} 个地方',
    pickThis: '就选“{name}”',
    below: '{name}的下一级',
    count: '{name}：{n} 个地方',
    loading: '正在加载…',
    offlineLevel: '离线时无法加载“{name}”的下一级：这一级之前没有在本机打开过。联网后再试，或选择已显示的地区。',
    offlineSearch: '离线时无法搜索新的地名。可以逐级选择之前打开过的地区，或联网后再搜索。',
    loadFailed: '地区加载失败：{message}',
    retry: '重试',
    drill: '{name}，查看下一级',
  },
}
export type RegionMessages = typeof zhCN

const en: RegionMessages = {
  region: {
    none: 'Not chosen',
    choose: 'Choose',
    change: 'Change',
    clear: 'Clear',
    clearNamed: 'Clear {label}',
    sheetTitle: 'Choose {label}',
    close: 'Close',
    country: 'China',
    path: 'Levels chosen',
    searchLabel: 'Search places',
    searchPlaceholder: 'A place name in Chinese or pinyin, e.g. haidian or hd',
    searching: 'Searching…',
    noResults: 'Nothing found for “{q}”. Try another spelling, or choose level by level.',
    results: '{n} places found',
    pickThis: 'Choose “{name}”',
    below: 'Places in {name}',
    count: '{name}: {n} places',
    loading: 'Loading…',
    offlineLevel:
      'Offline, the places in “{name}” cannot be loaded: they were not opened on this device before. Try again online, or choose a place shown here.',
    offlineSearch: 'Offline, new searches are not possible. Choose level by level among places opened before, or search again online.',
    loadFailed: 'The places could not be loaded: {message}',
    retry: 'Try again',
    drill: '{name}, show the places in it',
  },
}

export const regionMessages = { 'zh-CN': zhCN, en }
