/**
 * Issue 11 (shared devices), the client's half without a browser: an engine whose account is no
 * longer signed in accepts and sends nothing; a client id claimed by another account is replaced by
 * itself; another account's database keeps only its unsent outbox; logout in one tab reaches the
 * others; an offline logout is sent once the network returns.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent } from 'vue'
import { openDB } from 'idb'
import { freshIndexedDb, makeEngine, openTestDb } from './sync-setup'
import { FakeSyncServer } from './sync-fake-server'
import { NotSignedInError } from '../../client/lib/sync'
import { DB_NAME, META_CLIENT_ID, STORE_META, accountDbName, openSyncDb, readMeta, writeMeta } from '../../client/lib/idb'
import { readOutbox } from '../../client/lib/outbox'
import { currentEngine, currentEngineAccount, sealOtherAccounts, startEngine, stopEngine } from '../../client/features/sync/engine'
import { useSyncStore } from '../../client/features/sync/store'
import { STORAGE_KEY_LAST_ME, useAccountStore } from '../../client/features/account/store'
import { ACCOUNT_CHANNEL_NAME, signOut, useDeviceSession } from '../../client/features/account/device-session'
import { STORAGE_KEY_PENDING_LOGOUT } from '../../client/api/session-end'
import type { Me } from '../../shared/schemas/user'
import { createI18n } from 'vue-i18n'
import { syncMessages } from '../../client/features/sync/messages'
import { syncWords } from '../../client/features/sync/i18n'

const person = (id: string) => ({ id, name: id === 'user-a' ? '甲' : '乙', systemRole: 'member' }) as Me

beforeEach(() => {
  freshIndexedDb()
  localStorage.clear()
})
afterEach(() => vi.unstubAllGlobals())

describe('engine bound to an account', () => {
  it('accepts and sends nothing once its account is no longer signed in', async () => {
    const server = new FakeSyncServer()
    let signedIn = true
    const engine = await makeEngine(server.fetch, { isSignedIn: () => signedIn })
    await engine.mutate('profile.update', { bio: '甲写的' })
    signedIn = false
    await expect(engine.mutate('profile.update', { bio: '旧页面里写的' })).rejects.toBeInstanceOf(NotSignedInError)
    expect(await engine.sync()).toBe('auth')
    expect(server.requests).toEqual([])
    expect((await readOutbox(engine.db)).map((e) => e.args)).toEqual([{ bio: '甲写的' }])
    engine.db.close()
  })

  it('takes a new client id by itself when the server says the old one belongs to another account', async () => {
    const server = new FakeSyncServer()
    const db = await openTestDb()
    await writeMeta(db, META_CLIENT_ID, 'claimed-by-someone-else')
    const fetch: typeof server.fetch = async (input, init) => {
      const sent = init?.body
        ? (JSON.parse(String(init.body)) as { clientId?: string }).clientId
        : new URL(input, 'http://x').searchParams.get('clientId')
      if (sent === 'claimed-by-someone-else') {
        return new Response(JSON.stringify({ error: { code: 'client_not_yours', message: 'another account' } }), {
          status: 403,
          headers: { 'content-type': 'application/json' },
        })
      }
      return server.fetch(input, init)
    }
    const engine = await makeEngine(fetch, { db })
    const entry = await engine.mutate('profile.update', { bio: '乙写的' })
    expect(await engine.sync()).toBe('error')
    expect(server.appliedLog).toEqual([])
    expect(await engine.sync()).toBe('ok')
    expect(server.appliedLog).toEqual([entry.id])
    expect(await readMeta(db, META_CLIENT_ID)).not.toBe('claimed-by-someone-else')
    expect(await engine.pendingCount()).toBe(0)
    engine.stop()
    db.close()
  })
})

describe('one database per account', () => {
  it('two starts racing for two accounts each get their own account’s engine', async () => {
    vi.stubGlobal('fetch', new FakeSyncServer().fetch)
    const hooks = { onReloadRequired: () => undefined, isSignedIn: () => false } // nothing syncs here
    const started = await Promise.all([startEngine('user-a', hooks), startEngine('user-b', hooks), startEngine('user-a', hooks)])
    expect(started.map((e) => e.db.name)).toEqual(['user-a', 'user-b', 'user-a'].map(accountDbName))
    expect(currentEngine()?.db.name).toBe(accountDbName(currentEngineAccount()!))
    await stopEngine()
  })

  it('seals other accounts: their unsent outbox stays, their replica goes; empty and pre-account databases are deleted', async () => {
    const a = await openSyncDb({ name: accountDbName('user-a') })
    await a.put('outbox', {
      id: 'm1',
      name: 'profile.update',
      args: { bio: '甲的草稿' },
      createdAt: '2026-12-01T00:00:00Z',
      seq: 1,
      status: 'pending',
    })
    await a.put('rows', { table: 'profile', id: 'user-a', name: '甲', phone: '13900000001' })
    await a.put(STORE_META, 'client-a', META_CLIENT_ID)
    await a.put(STORE_META, 42, 'cursor')
    a.close()
    const c = await openSyncDb({ name: accountDbName('user-c') })
    await c.put('rows', { table: 'profile', id: 'user-c', name: '丙' })
    c.close()
    ;(await openSyncDb({ name: DB_NAME })).close()

    await sealOtherAccounts('user-b')

    const names = (await indexedDB.databases()).map((d) => d.name).sort()
    expect(names).toEqual([accountDbName('user-a')])
    const sealed = await openDB(accountDbName('user-a'))
    expect(await sealed.getAll('rows')).toEqual([])
    expect((await sealed.getAll('outbox')).map((e) => e.args)).toEqual([{ bio: '甲的草稿' }])
    expect(await sealed.getAllKeys(STORE_META)).toEqual([META_CLIENT_ID])
    sealed.close()
  })
})

describe('device session across tabs', () => {
  const Root = defineComponent({
    props: { reload: { type: Function, required: true } },
    setup(props) {
      useDeviceSession({ reload: props.reload as () => void })
      return () => null
    },
  })

  it('a tab whose person logged out elsewhere stops its engine at once and reloads; the logout is queued offline and sent once online', async () => {
    const server = new FakeSyncServer('user-a')
    const logouts: string[] = []
    let offline = true
    vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
      if (input === '/api/auth/logout') {
        if (offline) throw new TypeError('Failed to fetch')
        logouts.push(input)
        return new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } })
      }
      return server.fetch(input, init)
    })
    // The other tab: same device, person A signed in.
    setActivePinia(createPinia())
    useAccountStore().me = person('user-a')
    const reload = vi.fn()
    const wrapper = mount(Root, { props: { reload } })
    await vi.waitFor(() => expect(currentEngine()).not.toBeNull())
    const staleEngine = currentEngine()!

    // This tab logs out while offline (a second pinia is a second tab's memory).
    localStorage.removeItem(STORAGE_KEY_LAST_ME)
    localStorage.setItem(STORAGE_KEY_PENDING_LOGOUT, '1')
    const other = new BroadcastChannel(ACCOUNT_CHANNEL_NAME)
    other.postMessage({ type: 'account', userId: null })
    other.close()
    await vi.waitFor(() => expect(reload).toHaveBeenCalled())
    await expect(staleEngine.mutate('profile.update', { bio: '旧页面' })).rejects.toBeInstanceOf(NotSignedInError)
    expect(await staleEngine.sync()).toBe('offline') // stopped

    expect(logouts).toEqual([])
    offline = false
    window.dispatchEvent(new Event('online'))
    await vi.waitFor(() => expect(logouts).toHaveLength(1))
    expect(localStorage.getItem(STORAGE_KEY_PENDING_LOGOUT)).toBeNull()
    wrapper.unmount()
    await useSyncStore().stop()
  })

  it('signOut deletes the account’s database and forgets the person; a store of that tab then refuses changes', async () => {
    vi.stubGlobal('fetch', new FakeSyncServer('user-a').fetch)
    setActivePinia(createPinia())
    useAccountStore().me = person('user-a')
    const sync = useSyncStore()
    await sync.start()
    await sync.mutate('profile.update', { bio: '甲的' })
    await vi.waitFor(() => expect(sync.syncing).toBe(false))
    await signOut()
    await flushPromises()
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(accountDbName('user-a'))
    expect(localStorage.getItem(STORAGE_KEY_LAST_ME)).toBeNull()
    await expect(sync.mutate('profile.update', { bio: '退出后' })).rejects.toBeInstanceOf(NotSignedInError)
    expect(sync.signedOut).toBe(true)
  })
})

describe('refusal reasons in the page language', () => {
  it('never shows the server’s English message: known codes in words, unknown ones named by code', () => {
    const { t, te } = createI18n({ legacy: false, locale: 'zh-CN', messages: syncMessages }).global
    const { reason } = syncWords(t as never, te as never)
    expect(reason({ code: 'client_not_yours', message: 'this sync client belongs to another account' })).toContain('另一个账号')
    const unknown = reason({ code: 'some_new_code', message: 'an English sentence for developers' })
    expect(unknown).toBe('没有成功（代码 some_new_code）。')
  })
})
