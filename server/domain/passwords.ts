/**
 * scrypt password hashes with their parameters stored beside them:
 *   scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>
 * so the cost can be raised later and old hashes upgraded at the next login.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto'

const KEY_LENGTH = 32
const R = 8
const P = 1

function scrypt(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFKC'), salt, KEY_LENGTH, opts, (err, key) => (err ? reject(err) : resolve(key))),
  )
}

const maxmem = (N: number, r: number) => 256 * N * r

export async function hashPassword(password: string, N: number): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(password, salt, { N, r: R, p: P, maxmem: maxmem(N, R) })
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$')
}

/** Checks a password; `needsRehash` is true when the stored cost is below the wanted one. */
export async function verifyPassword(password: string, stored: string, wantedN: number): Promise<{ ok: boolean; needsRehash: boolean }> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return { ok: false, needsRehash: false }
  const N = Number(n)
  const expected = Buffer.from(hash, 'base64')
  const key = await scrypt(password, Buffer.from(salt, 'base64'), { N, r: Number(r), p: Number(p), maxmem: maxmem(N, Number(r)) })
  const ok = key.length === expected.length && timingSafeEqual(key, expected)
  return { ok, needsRehash: ok && N < wantedN }
}

/** The cost parameters stored in a hash (`scrypt$N$r$p$…`), or null when it is not one of ours. */
export function hashParams(stored: string): { N: number; r: number; p: number } | null {
  const [scheme, n, r, p] = stored.split('$')
  return scheme === 'scrypt' ? { N: Number(n), r: Number(r), p: Number(p) } : null
}

const dummies = new Map<number, string>()
/**
 * A stored hash with the SAME parameters as real hashes of cost N, so checking a password against it
 * costs exactly what a wrong password costs (a cheaper dummy told which numbers are registered). Its
 * key is random bytes: checking hashes the candidate with these parameters either way, so nothing has
 * to be hashed here and start-up does not block on scrypt. No password matches it.
 */
export function dummyHashFor(N: number): string {
  let hash = dummies.get(N)
  if (!hash) {
    const salt = randomBytes(16)
    const key = randomBytes(KEY_LENGTH)
    hash = ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$')
    dummies.set(N, hash)
  }
  return hash
}
