/**
 * The logged-in person. The last known `Me` is kept in localStorage so 我的 renders offline and
 * the first paint does not wait for the network; the server stays the authority: a 401 from
 * /api/me forgets it, a network failure keeps it (marked as offline copy).
 * That saved copy is also the device's answer to "who is signed in here" for every tab
 * (deviceAccountId): a sync engine serves its account only while it matches.
 */
import { computed, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import { Me, type ChangePasswordInput, type LoginInput, type RegisterInput } from '../../../shared/schemas/user'
import type { LoginByCodeInput } from '../../../shared/schemas/sms'
import { expectedError, isNetworkError } from '../../lib/errors'
import { markSessionEnding } from '../../api/session-end'
import { accountApi } from './api'

export const STORAGE_KEY_LAST_ME = 'sh.account.lastMe'

function readLastMe(): Me | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY_LAST_ME)
    if (!raw) return null
    const parsed = Me.safeParse(JSON.parse(raw))
    if (parsed.success) return parsed.data
  } catch {
    // not JSON: dropped below
  }
  // A copy this version cannot read (an older app's shape) means "nobody": every tab must then agree.
  writeLastMe(null)
  return null
}

function writeLastMe(me: Me | null) {
  try {
    if (me) localStorage.setItem(STORAGE_KEY_LAST_ME, JSON.stringify(me))
    else localStorage.removeItem(STORAGE_KEY_LAST_ME)
  } catch {
    // storage refused: the app still works online, only the offline copy is missing
  }
}

/** The account signed in on this device (any tab), or null: read from storage, never from a tab's memory. */
export function deviceAccountId(): string | null {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY_LAST_ME) ?? 'null') as { id?: unknown } | null
    return typeof saved?.id === 'string' ? saved.id : null
  } catch {
    return null
  }
}

export const useAccountStore = defineStore('account', () => {
  const me = ref<Me | null>(readLastMe())
  // However `me` changes, the saved copy follows at once: other tabs and engines read it.
  watch(me, (next) => writeLastMe(next), { flush: 'sync' })
  /** bumped at every login or registration (also the same person again): sync resumes then */
  const signIns = ref(0)
  /** true while `me` is a saved copy the server has not confirmed in this visit */
  const fromCache = ref(me.value !== null)
  /** true once /api/me has answered (or failed) in this visit */
  const checked = ref(false)
  const isLoggedIn = computed(() => me.value !== null)

  function setMe(next: Me | null) {
    me.value = next
    fromCache.value = false
    writeLastMe(next)
  }

  /** Asks the server who is logged in; keeps the saved copy when the network is down. */
  async function refresh() {
    try {
      setMe(await accountApi.me())
    } catch (err) {
      if (expectedError(err).status === 401) setMe(null)
      else if (!isNetworkError(err)) throw err
    } finally {
      checked.value = true
    }
  }

  async function register(input: RegisterInput) {
    setMe(await accountApi.register(input))
    signIns.value++
  }

  /** Logs in with a password, or with a code sent by SMS. */
  async function login(input: LoginInput | LoginByCodeInput) {
    setMe(await ('code' in input ? accountApi.loginByCode(input) : accountApi.login(input)))
    signIns.value++
  }

  /**
   * Forgets the person on this device at once and queues the end of the server session (sent by
   * client/api/session-end.ts as soon as the server can be reached). The whole logout, local data
   * included, is signOut() in ./device-session.ts.
   */
  function forget() {
    markSessionEnding()
    setMe(null)
  }

  async function changePassword(input: ChangePasswordInput) {
    await accountApi.changePassword(input)
  }

  return { me, fromCache, checked, isLoggedIn, signIns, refresh, register, login, forget, changePassword }
})
