/**
 * Which SMS sender this server uses, from the environment (read by server/main.ts only):
 *
 *   SMS_GATEWAY=tencent   Tencent Cloud SMS; needs SMS_TENCENT_SECRET_ID, SMS_TENCENT_SECRET_KEY,
 *                         SMS_TENCENT_SDK_APP_ID, SMS_TENCENT_SIGN_NAME, SMS_TENCENT_TEMPLATE_CODE,
 *                         SMS_TENCENT_TEMPLATE_REGISTERED; optional SMS_TENCENT_REGION (ap-guangzhou),
 *                         SMS_TENCENT_ENDPOINT (https://sms.tencentcloudapi.com)
 *   SMS_GATEWAY=dev       the development sender: codes in the log and in SMS_INBOX_FILE
 *                         (default <DATA_DIR>/sms-inbox.jsonl)
 *   unset                 dev, except with NODE_ENV=production: then the server refuses to start,
 *                         so a production server never sends codes to its log by omission.
 */
import { join } from 'node:path'
import { DevSmsSender, type SmsSender } from './sender'
import { TencentSmsSender } from './tencent'

export class SmsConfigError extends Error {}

const TENCENT_VARS = {
  secretId: 'SMS_TENCENT_SECRET_ID',
  secretKey: 'SMS_TENCENT_SECRET_KEY',
  sdkAppId: 'SMS_TENCENT_SDK_APP_ID',
  signName: 'SMS_TENCENT_SIGN_NAME',
  templateCode: 'SMS_TENCENT_TEMPLATE_CODE',
  templateRegistered: 'SMS_TENCENT_TEMPLATE_REGISTERED',
} as const

export function smsSenderFromEnv(env: Record<string, string | undefined>, dataDir: string): SmsSender {
  const gateway = env.SMS_GATEWAY?.trim() || (env.NODE_ENV === 'production' ? '' : 'dev')
  if (gateway === 'dev') return new DevSmsSender({ inboxFile: env.SMS_INBOX_FILE || join(dataDir, 'sms-inbox.jsonl') })
  if (gateway === 'tencent') {
    const missing = Object.values(TENCENT_VARS).filter((name) => !env[name]?.trim())
    if (missing.length) throw new SmsConfigError(`SMS_GATEWAY=tencent needs ${missing.join(', ')}`)
    const value = (key: keyof typeof TENCENT_VARS) => env[TENCENT_VARS[key]]!.trim()
    return new TencentSmsSender({
      secretId: value('secretId'),
      secretKey: value('secretKey'),
      sdkAppId: value('sdkAppId'),
      signName: value('signName'),
      templateCode: value('templateCode'),
      templateRegistered: value('templateRegistered'),
      region: env.SMS_TENCENT_REGION?.trim() || 'ap-guangzhou',
      endpoint: env.SMS_TENCENT_ENDPOINT?.trim() || 'https://sms.tencentcloudapi.com',
    })
  }
  if (gateway === '')
    throw new SmsConfigError(
      'NODE_ENV=production needs an SMS gateway: set SMS_GATEWAY=tencent (and its SMS_TENCENT_* variables), or SMS_GATEWAY=dev to write codes to the log on purpose',
    )
  throw new SmsConfigError(`unknown SMS_GATEWAY "${gateway}" (tencent or dev)`)
}
