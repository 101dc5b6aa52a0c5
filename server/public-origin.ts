import type { Context } from 'hono'
import type { AppConfig } from './deps'

/**
 * The origin people reach the app at, for links that leave the app (the .ics `URL:`, which a
 * calendar app opens with no page to be relative to). PUBLIC_ORIGIN when configured; else the
 * request's own host, with https when the app runs behind TLS (SECURE_COOKIES=1), since the
 * proxy talks plain http to us.
 */
export function publicOrigin(c: Context, config: Pick<AppConfig, 'publicOrigin' | 'secureCookies'>): string {
  if (config.publicOrigin) return config.publicOrigin
  const url = new URL(c.req.url)
  return `${config.secureCookies ? 'https:' : url.protocol}//${c.req.header('host') ?? url.host}`
}

/** Checks a PUBLIC_ORIGIN value at start-up: an http(s) origin with nothing after it. */
export function parsePublicOrigin(value: string): string {
  const url = new URL(value)
  if (!/^https?:$/.test(url.protocol) || url.origin === 'null' || value.replace(/\/$/, '') !== url.origin) {
    throw new Error(`PUBLIC_ORIGIN: "${value}" is not an origin like https://kexie.example.cn`)
  }
  return url.origin
}
