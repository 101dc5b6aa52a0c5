/** The signed-in devices list names a browser and a system, never a raw User-Agent string. */
import { describe, expect, it } from 'vitest'
import { describeUserAgent } from '../../client/features/account/user-agent'
import { createAppI18n } from '../../client/i18n/index'
import { deviceName } from '../../client/features/account/device-name'

const UA = {
  chromeLinux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  wechatAndroid:
    'Mozilla/5.0 (Linux; Android 13; V2183A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:133.0) Gecko/20100101 Firefox/133.0',
  huaweiHarmony:
    'Mozilla/5.0 (Phone; OpenHarmony 4.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36 ArkWeb/4.1.6.1 Mobile HuaweiBrowser/5.0.4.300',
  chromeIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
}

describe('device names from User-Agent strings', () => {
  it('finds the browser and the system, Chinese browsers before the Chrome they also claim', () => {
    expect(describeUserAgent(UA.chromeLinux)).toEqual({ browser: 'chrome', system: 'linux' })
    expect(describeUserAgent(UA.wechatAndroid)).toEqual({ browser: 'wechat', system: 'android' })
    expect(describeUserAgent(UA.safariIphone)).toEqual({ browser: 'safari', system: 'ios' })
    expect(describeUserAgent(UA.edgeWindows)).toEqual({ browser: 'edge', system: 'windows' })
    expect(describeUserAgent(UA.firefoxMac)).toEqual({ browser: 'firefox', system: 'macos' })
    expect(describeUserAgent(UA.huaweiHarmony)).toEqual({ browser: 'huawei', system: 'harmony' })
    expect(describeUserAgent(UA.chromeIphone)).toEqual({ browser: 'chrome', system: 'ios' })
    expect(describeUserAgent('curl/8.5.0')).toEqual({ browser: null, system: null })
    expect(describeUserAgent(null)).toEqual({ browser: null, system: null })
  })

  it('says "Chrome on Linux" in English and "Linux 上的 Chrome" in Chinese', () => {
    const en = createAppI18n('en').global.t
    const zh = createAppI18n('zh-CN').global.t
    expect(deviceName(UA.chromeLinux, en)).toBe('Chrome on Linux')
    expect(deviceName(UA.chromeLinux, zh)).toBe('Linux 上的 Chrome')
    expect(deviceName(UA.wechatAndroid, zh)).toBe('Android 上的微信')
    expect(deviceName(UA.wechatAndroid, en)).toBe('WeChat on Android')
    expect(deviceName(UA.firefoxMac.replace(/Macintosh; Intel Mac OS X 14.5; /, ''), en)).toBe('Firefox')
    expect(deviceName('curl/8.5.0', en)).toBe('Unknown device')
    expect(deviceName(null, zh)).toBe('未知设备')
  })
})
