/**
 * The SMS senders: the Tencent Cloud adapter against a fake gateway on 127.0.0.1 (never the real
 * network), the choice of sender from the environment, and the real server: it refuses to start in
 * production without a gateway, and with a gateway no code reaches its log.
 */
import { spawn } from 'node:child_process'
import { createHash, createHmac } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SmsGatewayError, TencentSmsSender, type TencentSmsConfig } from '../../server/sms/tencent'
import { smsSenderFromEnv, SmsConfigError } from '../../server/sms/from-env'
import { DevSmsSender } from '../../server/sms/sender'
import { httpAgent, repoRoot, startRealServer } from './durability-server'
import { inboxEntries } from './sms-inbox'

interface Received {
  headers: IncomingHttpHeaders
  body: string
}

/** A stand-in for sms.tencentcloudapi.com: records each request and answers with `answer()`. */
async function fakeGateway(answer: (req: Received) => { status: number; json: unknown }) {
  const received: Received[] = []
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (d) => (body += d))
    req.on('end', () => {
      const r = { headers: req.headers, body }
      received.push(r)
      const { status, json } = answer(r)
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json))
    })
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise<void>((ok) => server.close(() => ok())) }
}

const SECRET_KEY = 'test-secret-key-not-real'
const config = (endpoint: string): TencentSmsConfig => ({
  secretId: 'AKIDtest',
  secretKey: SECRET_KEY,
  sdkAppId: '1400000000',
  signName: '科技工作者之家',
  templateCode: '100001',
  templateRegistered: '100002',
  region: 'ap-guangzhou',
  endpoint,
})
const ok = () => ({ status: 200, json: { Response: { SendStatusSet: [{ Code: 'Ok' }], RequestId: 'r-1' } } })

/** TC3-HMAC-SHA256 as Tencent's documentation spells it, step by step (written apart from the adapter). */
function expectedSignature(headers: IncomingHttpHeaders, body: string): string {
  const timestamp = Number(headers['x-tc-timestamp'])
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10)
  const hashedPayload = createHash('sha256').update(body).digest('hex')
  const canonical = `POST\n/\n\ncontent-type:${headers['content-type']}\nhost:${headers.host}\n\ncontent-type;host\n${hashedPayload}`
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/sms/tc3_request\n${createHash('sha256').update(canonical).digest('hex')}`
  const kDate = createHmac('sha256', 'TC3' + SECRET_KEY)
    .update(date)
    .digest()
  const kService = createHmac('sha256', kDate).update('sms').digest()
  const kSigning = createHmac('sha256', kService).update('tc3_request').digest()
  return createHmac('sha256', kSigning).update(toSign).digest('hex')
}

describe('Tencent Cloud SMS adapter', () => {
  it('sends a code through the code template, signed with TC3-HMAC-SHA256', async () => {
    const gw = await fakeGateway(ok)
    try {
      const now = new Date('2026-12-01T08:00:00Z')
      await new TencentSmsSender(config(gw.url), () => now).send({
        kind: 'code',
        phone: '13812345678',
        purpose: 'login',
        code: '042917',
        minutes: 5,
      })
      expect(gw.received).toHaveLength(1)
      const [{ headers, body }] = gw.received as [Received]
      expect(JSON.parse(body)).toEqual({
        PhoneNumberSet: ['+8613812345678'],
        SmsSdkAppId: '1400000000',
        SignName: '科技工作者之家',
        TemplateId: '100001',
        TemplateParamSet: ['042917', '5'],
      })
      expect(headers).toMatchObject({
        'x-tc-action': 'SendSms',
        'x-tc-version': '2021-01-11',
        'x-tc-region': 'ap-guangzhou',
        'x-tc-timestamp': String(now.getTime() / 1000),
        'content-type': 'application/json; charset=utf-8',
      })
      expect(headers.authorization).toBe(
        `TC3-HMAC-SHA256 Credential=AKIDtest/2026-12-01/sms/tc3_request, SignedHeaders=content-type;host, Signature=${expectedSignature(headers, body)}`,
      )
    } finally {
      await gw.close()
    }
  })

  it('sends the "already registered" warning through its own template, without parameters', async () => {
    const gw = await fakeGateway(ok)
    try {
      await new TencentSmsSender(config(gw.url)).send({ kind: 'already_registered', phone: '13812345678' })
      expect(JSON.parse(gw.received[0]!.body)).toMatchObject({ TemplateId: '100002', TemplateParamSet: [] })
    } finally {
      await gw.close()
    }
  })

  it.each([
    [
      'an API error',
      { status: 200, json: { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'x' }, RequestId: 'r-2' } } },
      /AuthFailure/,
    ],
    [
      'a refused number',
      { status: 200, json: { Response: { SendStatusSet: [{ Code: 'LimitExceeded.PhoneNumberDailyLimit' }], RequestId: 'r-3' } } },
      /DailyLimit/,
    ],
    ['an HTTP failure', { status: 502, json: { nope: true } }, /HTTP 502/],
  ])('rejects on %s, naming neither the number nor the code', async (_label, answer, message) => {
    const gw = await fakeGateway(() => answer)
    try {
      const sending = new TencentSmsSender(config(gw.url)).send({
        kind: 'code',
        phone: '13812345678',
        purpose: 'reset',
        code: '555123',
        minutes: 5,
      })
      const err = await sending.then(
        () => null,
        (e: unknown) => e as Error,
      )
      expect(err).toBeInstanceOf(SmsGatewayError)
      expect(err!.message).toMatch(message)
      expect(err!.message).not.toMatch(/13812345678|555123/)
    } finally {
      await gw.close()
    }
  })

  it('rejects when the gateway cannot be reached', async () => {
    const gw = await fakeGateway(ok)
    await gw.close() // nothing listens there now
    await expect(new TencentSmsSender(config(gw.url)).send({ kind: 'already_registered', phone: '13812345678' })).rejects.toThrow(
      SmsGatewayError,
    )
  })
})

describe('the sender from the environment', () => {
  const tencentEnv = {
    SMS_GATEWAY: 'tencent',
    SMS_TENCENT_SECRET_ID: 'id',
    SMS_TENCENT_SECRET_KEY: 'key',
    SMS_TENCENT_SDK_APP_ID: '1400000000',
    SMS_TENCENT_SIGN_NAME: '科技工作者之家',
    SMS_TENCENT_TEMPLATE_CODE: '1',
    SMS_TENCENT_TEMPLATE_REGISTERED: '2',
  }
  it('development by default, writing to <data>/sms-inbox.jsonl', () => {
    expect(smsSenderFromEnv({}, '/tmp/x')).toBeInstanceOf(DevSmsSender)
    expect(smsSenderFromEnv({ NODE_ENV: 'test' }, '/tmp/x').name).toBe('development')
  })
  it('refuses production without a gateway, and a gateway with settings missing', () => {
    expect(() => smsSenderFromEnv({ NODE_ENV: 'production' }, '/tmp/x')).toThrow(SmsConfigError)
    expect(() => smsSenderFromEnv({ NODE_ENV: 'production' }, '/tmp/x')).toThrow(/SMS_GATEWAY=tencent/)
    expect(() => smsSenderFromEnv({ ...tencentEnv, SMS_TENCENT_SECRET_KEY: '' }, '/tmp/x')).toThrow(/SMS_TENCENT_SECRET_KEY/)
    expect(() => smsSenderFromEnv({ SMS_GATEWAY: 'carrier-pigeon' }, '/tmp/x')).toThrow(/unknown SMS_GATEWAY/)
  })
  it('production with the gateway, or with the development sender chosen on purpose', () => {
    expect(smsSenderFromEnv({ ...tencentEnv, NODE_ENV: 'production' }, '/tmp/x').name).toBe('tencent')
    expect(smsSenderFromEnv({ NODE_ENV: 'production', SMS_GATEWAY: 'dev' }, '/tmp/x').name).toBe('development')
  })
})

describe('the real server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sh-sms-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('refuses to start in production without an SMS gateway, saying why', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        SMS_GATEWAY: '',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: join(dataDir, 'refused'),
        CLIENT_DIR: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    const code = await new Promise<number | null>((ok) => child.once('exit', ok))
    expect(code).toBe(1)
    expect(output).toMatch(/Cannot start: NODE_ENV=production needs an SMS gateway/)
  })

  describe('with a gateway', () => {
    let gw: Awaited<ReturnType<typeof fakeGateway>>
    let server: Awaited<ReturnType<typeof startRealServer>>
    beforeAll(async () => {
      gw = await fakeGateway(ok)
      server = await startRealServer(join(dataDir, 'tencent'), 120_000, {
        NODE_ENV: 'production',
        SMS_GATEWAY: 'tencent',
        SMS_TENCENT_SECRET_ID: 'AKIDtest',
        SMS_TENCENT_SECRET_KEY: SECRET_KEY,
        SMS_TENCENT_SDK_APP_ID: '1400000000',
        SMS_TENCENT_SIGN_NAME: '科技工作者之家',
        SMS_TENCENT_TEMPLATE_CODE: '100001',
        SMS_TENCENT_TEMPLATE_REGISTERED: '100002',
        SMS_TENCENT_ENDPOINT: gw.url,
      })
    }, 150_000)
    afterAll(async () => {
      await server?.stop()
      await gw?.close()
    })

    it('sends codes through it, and no code reaches the log or the inbox file', { timeout: 60_000 }, async () => {
      const phone = '17612349999'
      const a = httpAgent(server.url)
      expect((await a.send('POST', '/api/auth/sms-code', { phone, purpose: 'register' })).status).toBe(200)
      // the message is handed over after the answer: wait for the gateway to have it
      await expect.poll(() => gw.received.length, { timeout: 10_000 }).toBe(1)
      const code = JSON.parse(gw.received[0]!.body).TemplateParamSet[0] as string
      expect(code).toMatch(/^\d{6}$/)
      const reg = await a.send('POST', '/api/auth/register', { phone, code, password: 'Gateway-2026!', name: '网关', acceptPrivacy: true })
      expect(reg.status).toBe(201)
      expect(server.log()).toMatch(/SMS: tencent gateway/)
      expect(server.log()).not.toContain(code)
      expect(inboxEntries(join(dataDir, 'tencent'))).toEqual([])
    })
  })
})
