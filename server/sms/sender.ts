/**
 * Sending SMS. Routes and services speak to an `SmsSender`; which one runs is decided once at start
 * (`smsSenderFromEnv`, server/sms/from-env.ts):
 *
 *   - `DevSmsSender` (development and tests): writes each message to the server log and appends it to a
 *     JSON-lines inbox file that tests read. It is the ONLY place a code is ever logged.
 *   - `TencentSmsSender` (server/sms/tencent.ts): Tencent Cloud SMS API 3.0. It logs failures
 *     without the message or the number.
 *
 * Messages are structured, not text: a real gateway in mainland China sends only approved templates,
 * so each kind of message maps to one template there, and `smsText` is the development rendering.
 */
import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { maskPhone } from '../../shared/schemas/common'
import type { SmsPurpose } from '../../shared/schemas/sms'

export type SmsMessage =
  /** a code for `purpose`, valid `minutes` */
  | { kind: 'code'; phone: string; purpose: SmsPurpose; code: string; minutes: number }
  /** someone asked to register this number, which already has an account: no code, a warning */
  | { kind: 'already_registered'; phone: string }

export interface SmsSender {
  /** shown at start and in tests: 'development' or the gateway's name */
  readonly name: string
  /** Sends one message; rejects when the gateway refused it or could not be reached. */
  send(message: SmsMessage): Promise<void>
}

const PURPOSE_WORDS: Record<SmsPurpose, string> = { register: '注册', login: '登录', reset: '重置密码' }

/** The words of a message as the development sender shows them (the gateway's templates say the same). */
export function smsText(message: SmsMessage): string {
  if (message.kind === 'already_registered')
    return '【科技工作者之家】有人正在用本手机号注册，但该号码已注册过账号。如果是您本人：忘记密码请在登录页点“忘记密码”，或用“验证码登录”。如果不是您，请忽略本短信。'
  return `【科技工作者之家】您的${PURPOSE_WORDS[message.purpose]}验证码是 ${message.code}，${message.minutes} 分钟内有效。请勿告诉他人。`
}

/** One line of the development inbox (JSON lines). */
export interface SmsInboxEntry {
  at: string
  phone: string
  kind: SmsMessage['kind']
  purpose: SmsPurpose | null
  code: string | null
  text: string
}

export interface DevSmsSenderOptions {
  /** the JSON-lines inbox; null keeps messages in memory only */
  inboxFile?: string | null
  /** where the log line goes (console.log by default) */
  log?: (line: string) => void
  clock?: { now(): Date }
}

/** Development and tests: the log and the inbox stand in for the phone. Never used in production unless chosen (SMS_GATEWAY=dev). */
export class DevSmsSender implements SmsSender {
  readonly name = 'development'
  /** the messages this process sent, newest last (tests in the same process read them here) */
  readonly inbox: SmsInboxEntry[] = []
  private readonly inboxFile: string | null
  private readonly log: (line: string) => void
  private readonly clock: { now(): Date }

  constructor(opts: DevSmsSenderOptions = {}) {
    this.inboxFile = opts.inboxFile ?? null
    this.log = opts.log ?? ((line) => console.log(line))
    this.clock = opts.clock ?? { now: () => new Date() }
    if (this.inboxFile) mkdirSync(dirname(this.inboxFile), { recursive: true })
  }

  /** Synchronous inside: when `send` returns its promise, the log and the inbox already hold the message. */
  send(message: SmsMessage): Promise<void> {
    const entry: SmsInboxEntry = {
      at: this.clock.now().toISOString(),
      phone: message.phone,
      kind: message.kind,
      purpose: message.kind === 'code' ? message.purpose : null,
      code: message.kind === 'code' ? message.code : null,
      text: smsText(message),
    }
    this.inbox.push(entry)
    if (this.inbox.length > 1000) this.inbox.shift()
    const masked = `+86 ${maskPhone(message.phone)}`
    this.log(
      message.kind === 'code'
        ? `[sms dev] ${message.purpose} code for ${masked}: ${message.code}`
        : `[sms dev] to ${masked}: ${entry.text}`,
    )
    if (this.inboxFile) appendFileSync(this.inboxFile, JSON.stringify(entry) + '\n')
    return Promise.resolve()
  }

  /** The latest code sent to `phone` (for `purpose`, if given), or null. */
  lastCode(phone: string, purpose?: SmsPurpose): string | null {
    for (let i = this.inbox.length - 1; i >= 0; i--) {
      const e = this.inbox[i]!
      if (e.phone === phone && e.code && (!purpose || e.purpose === purpose)) return e.code
    }
    return null
  }

  /** Every message sent to `phone`. */
  messagesTo(phone: string): SmsInboxEntry[] {
    return this.inbox.filter((e) => e.phone === phone)
  }
}
