/**
 * Tencent Cloud SMS (API 3.0, action SendSms, version 2021-01-11), signed with TC3-HMAC-SHA256.
 * https://cloud.tencent.com/document/api/382/55981 (SendSms) and /document/api/382/52072 (signing).
 *
 * Each kind of message is one approved template: `templateCode` takes two parameters (the code and
 * its minutes), `templateRegistered` none. Nothing here logs a code, a number or a message body.
 */
import { createHash, createHmac } from 'node:crypto'
import type { SmsMessage, SmsSender } from './sender'

export interface TencentSmsConfig {
  secretId: string
  secretKey: string
  /** SmsSdkAppId, e.g. 1400006666 */
  sdkAppId: string
  /** the approved signature (签名内容), e.g. 科技工作者之家 */
  signName: string
  /** template id of the code message: {1} the code, {2} its minutes */
  templateCode: string
  /** template id of "someone tried to register this number" (no parameters) */
  templateRegistered: string
  /** ap-guangzhou unless told */
  region: string
  /** https://sms.tencentcloudapi.com unless told (tests point it at a fake on 127.0.0.1) */
  endpoint: string
  /** how long one request may take */
  timeoutMs?: number
}

const SERVICE = 'sms'
const ACTION = 'SendSms'
const VERSION = '2021-01-11'
const CONTENT_TYPE = 'application/json; charset=utf-8'

const sha256hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s, 'utf8').digest()

/** The Authorization header of TC3-HMAC-SHA256 for one POST of `payload` to `host` at `timestamp` (seconds). */
export function tc3Authorization(opts: {
  secretId: string
  secretKey: string
  host: string
  payload: string
  timestamp: number
  service?: string
}): string {
  const service = opts.service ?? SERVICE
  const date = new Date(opts.timestamp * 1000).toISOString().slice(0, 10)
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${CONTENT_TYPE}\nhost:${opts.host}\n`,
    'content-type;host',
    sha256hex(opts.payload),
  ].join('\n')
  const scope = `${date}/${service}/tc3_request`
  const stringToSign = ['TC3-HMAC-SHA256', String(opts.timestamp), scope, sha256hex(canonicalRequest)].join('\n')
  const signingKey = hmac(hmac(hmac(`TC3${opts.secretKey}`, date), service), 'tc3_request')
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex')
  return `TC3-HMAC-SHA256 Credential=${opts.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`
}

/** A refusal or failure of the gateway; its message never holds the number or the code. */
export class SmsGatewayError extends Error {}

export class TencentSmsSender implements SmsSender {
  readonly name = 'tencent'
  constructor(
    private readonly config: TencentSmsConfig,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(message: SmsMessage): Promise<void> {
    const { config } = this
    const body = {
      PhoneNumberSet: [`+86${message.phone}`],
      SmsSdkAppId: config.sdkAppId,
      SignName: config.signName,
      TemplateId: message.kind === 'code' ? config.templateCode : config.templateRegistered,
      TemplateParamSet: message.kind === 'code' ? [message.code, String(message.minutes)] : [],
    }
    const payload = JSON.stringify(body)
    const url = new URL(config.endpoint)
    const timestamp = Math.floor(this.now().getTime() / 1000)
    let res: Response
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: {
          Authorization: tc3Authorization({ secretId: config.secretId, secretKey: config.secretKey, host: url.host, payload, timestamp }),
          'Content-Type': CONTENT_TYPE,
          Host: url.host,
          'X-TC-Action': ACTION,
          'X-TC-Version': VERSION,
          'X-TC-Timestamp': String(timestamp),
          'X-TC-Region': config.region,
        },
        body: payload,
        signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
      })
    } catch (err) {
      throw new SmsGatewayError(`SMS gateway unreachable: ${(err as Error).name}`)
    }
    const answer = (await res.json().catch(() => null)) as {
      Response?: { Error?: { Code?: string }; SendStatusSet?: { Code?: string }[]; RequestId?: string }
    } | null
    const response = answer?.Response
    if (!res.ok || !response) throw new SmsGatewayError(`SMS gateway answered HTTP ${res.status}`)
    if (response.Error)
      throw new SmsGatewayError(`SMS gateway refused: ${response.Error.Code ?? 'unknown'} (request ${response.RequestId ?? '?'})`)
    const status = response.SendStatusSet?.[0]?.Code
    if (status !== 'Ok') throw new SmsGatewayError(`SMS not sent: ${status ?? 'no status'} (request ${response.RequestId ?? '?'})`)
  }
}
