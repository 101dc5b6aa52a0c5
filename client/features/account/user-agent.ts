/**
 * A device in words ("Chrome on Linux", "Linux 上的 Chrome") from a User-Agent string, for the
 * list of signed-in devices. A dozen patterns cover the browsers people in China use; anything
 * else is an unknown browser or system, never the raw string. Order matters: WeChat and most
 * Chinese browsers also say "Chrome" and "Safari", Edge and Opera say "Chrome".
 */
export const BROWSERS = [
  ['wechat', /MicroMessenger\//],
  ['qq', /MQQBrowser\/|QQBrowser\//],
  ['uc', /UCBrowser\/|UCWEB/],
  ['quark', /Quark\//],
  ['huawei', /HuaweiBrowser\//],
  ['xiaomi', /MiuiBrowser\/|XiaoMi\//],
  ['samsung', /SamsungBrowser\//],
  ['edge', /Edg(e|A|iOS)?\//],
  ['opera', /OPR\/|Opera/],
  ['firefox', /Firefox\/|FxiOS\//],
  ['chrome', /Chrome\/|CriOS\/|Chromium\//],
  ['safari', /Version\/[\d.]+.*Safari\//],
] as const

export const SYSTEMS = [
  ['harmony', /OpenHarmony|HarmonyOS/],
  ['android', /Android/],
  ['ios', /iPhone|iPad|iPod/],
  ['chromeos', /CrOS/],
  ['windows', /Windows/],
  ['macos', /Mac OS X|Macintosh/],
  ['linux', /Linux|X11/],
] as const

export type BrowserId = (typeof BROWSERS)[number][0]
export type SystemId = (typeof SYSTEMS)[number][0]

export function describeUserAgent(ua: string | null | undefined): { browser: BrowserId | null; system: SystemId | null } {
  const text = ua ?? ''
  return {
    browser: BROWSERS.find(([, re]) => re.test(text))?.[0] ?? null,
    system: SYSTEMS.find(([, re]) => re.test(text))?.[0] ?? null,
  }
}
