/**
 * One error type for the REST API and the sync protocol (client/lib/errors.ts): both say "no
 * answer" and "the server said no" the same way, and the helpers screens use to tell them apart.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { apiRequest } from '../../client/api/http'
import { httpTransport } from '../../client/lib/transport'
import { ClientError, NotSignedInError, expectedError, isNetworkError, kindOfStatus, refusalOf } from '../../client/lib/errors'

afterEach(() => vi.unstubAllGlobals())

const refusal = (status: number, code: string) =>
  new Response(JSON.stringify({ error: { code, message: `said ${code}` } }), { status, headers: { 'content-type': 'application/json' } })

describe('REST and sync fail with the same type', () => {
  it('no answer is a network error on both', async () => {
    const down = async () => {
      throw new TypeError('Failed to fetch')
    }
    vi.stubGlobal('fetch', down)
    const rest = await apiRequest('GET', '/me', z.object({})).catch((e: unknown) => e)
    const sync = await httpTransport(down)
      .pull('c', 0, 10)
      .catch((e: unknown) => e)
    for (const err of [rest, sync]) {
      expect(err).toBeInstanceOf(ClientError)
      expect(isNetworkError(err)).toBe(true)
      expect(refusalOf(err)).toBeNull()
    }
  })

  it('an answer that says no carries its status and code on both', async () => {
    vi.stubGlobal('fetch', async () => refusal(403, 'forbidden'))
    const rest = await apiRequest('GET', '/me', z.object({})).catch((e: unknown) => e)
    const sync = await httpTransport(async () => refusal(403, 'forbidden'))
      .pull('c', 0, 10)
      .catch((e: unknown) => e)
    for (const err of [rest, sync]) {
      expect(isNetworkError(err)).toBe(false)
      expect(refusalOf(err)).toMatchObject({ status: 403, code: 'forbidden', kind: 'refused' })
    }
  })
})

describe('the helpers', () => {
  it('sort statuses into kinds the engine acts on', () => {
    expect(kindOfStatus(0, 'network')).toBe('network')
    expect(kindOfStatus(401, 'unauthorized')).toBe('auth')
    expect(kindOfStatus(409, 'client_outdated')).toBe('outdated')
    expect(kindOfStatus(409, 'conflict')).toBe('refused')
    expect(kindOfStatus(429, 'rate_limited')).toBe('server')
    expect(kindOfStatus(503, 'server')).toBe('server')
  })

  it('read the sync status’s stored error as well as a thrown one', () => {
    expect(isNetworkError({ code: 'network', message: 'offline' })).toBe(true)
    expect(isNetworkError({ code: 'server', message: 'HTTP 500' })).toBe(false)
    expect(isNetworkError(null)).toBe(false)
  })

  it('the device’s own refusal is the same type; a bug is thrown on', () => {
    const signedOut = new NotSignedInError()
    expect(refusalOf(signedOut)).toMatchObject({ code: 'not_signed_in', kind: 'auth' })
    const bug = new TypeError('x is undefined')
    expect(() => expectedError(bug)).toThrow(bug)
    expect(() => refusalOf(bug)).toThrow(bug)
  })
})
