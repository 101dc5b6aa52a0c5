/**
 * The logged-in person. The last known `Me` is kept in localStorage so 我的 renders offline and
 * the first paint does not wait for the network; the server stays the authority: a 401 from
 * /api/me forgets it, a network failure keeps it (marked as offline copy).
 */
import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import { Me, type ChangePasswordInput, type LoginInput, type RegisterInput } from '../../../shared/schemas/user'
import { ApiError } from '../../api/http'
import { accountApi } from './api'

export const STORAGE_KEY_LAST_ME = 'sh.account.lastMe'

function readLastMe(): Me | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY_LAST_ME)
    if (!raw) return null
    const parsed = Me.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

function writeLastMe(me: Me | null) {
  try {
    if (me) localStorage.setItem(STORAGE_KEY_LAST_ME, JSON.stringify(me))
    else localStorage.removeItem(STORAGE_KEY_LAST_ME)
  } catch {
    // storage refused: the app still works online, only the offline copy is missing
  }
}

export const useAccountStore = defineStore('account', () => {
  const me = ref<Me | null>(readLastMe())
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
      if (err instanceof ApiError && err.status === 401) setMe(null)
      else if (!(err instanceof ApiError && err.isNetwork)) throw err
    } finally {
      checked.value = true
    }
  }

  async function register(input: RegisterInput) {
    setMe(await accountApi.register(input))
  }

  async function login(input: LoginInput) {
    setMe(await accountApi.login(input))
  }

  /** Forgets the person on this device even when the server cannot be reached (shared devices). */
  async function logout() {
    try {
      await accountApi.logout()
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
    } finally {
      setMe(null)
    }
  }

  async function changePassword(input: ChangePasswordInput) {
    await accountApi.changePassword(input)
  }

  return { me, fromCache, checked, isLoggedIn, refresh, register, login, logout, changePassword }
})
