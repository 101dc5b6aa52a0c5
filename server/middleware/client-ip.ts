import type { Context, MiddlewareHandler } from 'hono'
import { BlockList, isIP } from 'node:net'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { AppEnv } from '../env'

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) → `10.0.0.1`. */
const plain = (address: string) => (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address)
const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4')

/**
 * Parses TRUSTED_PROXIES entries (`10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`); throws on anything
 * else, so a typo stops the server at start instead of silently trusting nobody (or everybody).
 */
export function trustedProxyList(entries: readonly string[]): BlockList {
  const list = new BlockList()
  for (const entry of entries) {
    const [address, bits, extra] = entry.trim().split('/')
    const kind = isIP(address ?? '')
    const prefix = Number(bits)
    if (
      !kind ||
      extra !== undefined ||
      (bits !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= (kind === 4 ? 32 : 128)))
    ) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`)
    }
    if (bits === undefined) list.addAddress(address!, family(address!))
    else list.addSubnet(address!, prefix, family(address!))
  }
  return list
}

function socketAddress(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null
  } catch {
    return null // app.request() in tests has no socket
  }
}

/**
 * Works out the caller's address once per request. Forwarded headers are believed only when the
 * direct peer is a trusted proxy; then the client is the rightmost X-Forwarded-For hop that is not
 * itself a trusted proxy (hops to its left were written by the client and prove nothing).
 */
export const clientAddress = (trustedProxies: readonly string[] = []): MiddlewareHandler<AppEnv> => {
  const trusted = trustedProxyList(trustedProxies)
  const isTrusted = (address: string) => isIP(address) !== 0 && trusted.check(address, family(address))
  return async function clientAddress(c, next) {
    const peer = socketAddress(c)
    let address = peer ? plain(peer) : 'local'
    if (peer && trustedProxies.length > 0 && isTrusted(address)) {
      const hops = (c.req.header('x-forwarded-for') ?? '')
        .split(',')
        .map((h) => plain(h.trim()))
        .filter(Boolean)
      for (let i = hops.length - 1; i >= 0; i--) {
        const hop = hops[i]!
        if (!isIP(hop)) break // a malformed hop: stop at the last proxy we trust
        address = hop
        if (!isTrusted(hop)) break
      }
    }
    c.set('clientIp', address)
    await next()
  }
}

/** The caller's address as worked out by `clientAddress` ('local' under app.request() in tests). */
export function clientIp(c: Context): string {
  return (c.get('clientIp') as string | undefined) ?? plain(socketAddress(c) ?? 'local')
}
