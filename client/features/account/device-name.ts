import { describeUserAgent } from './user-agent'

type Translate = (key: string, named?: Record<string, unknown>) => string

/** "Chrome on Linux" / "Linux 上的 Chrome"; just the browser or the system when only one is known. */
export function deviceName(ua: string | null | undefined, t: Translate): string {
  const { browser, system } = describeUserAgent(ua)
  const b = browser && t(`security.browsers.${browser}`)
  const s = system && t(`security.systems.${system}`)
  // Chinese sets a space between Han and Latin letters: "Linux 上的 Chrome", "Android 上的微信"
  if (b && s) return t('security.deviceOn', { browser: b, system: s }).replace(/(\p{Script=Han})([A-Za-z])/gu, '$1 $2')
  return b || s || t('security.unknownDevice')
}
