/**
 * The check-in desk, whatever it checks people in to (an activity today; a volunteer shift, a hub's
 * kiosk next): the box that takes a scanner's card text, a member number or a phone; the walk-in
 * by name; the list of this device's check-ins with their state (待同步, ✓ with the server's time,
 * or the refusal with a way forward); the check-in window. The desk decides what it can know on its
 * own and queues everything else for the server:
 *   1. recognise the input (check-in-input.ts): nothing queued for what is not a card, number or phone;
 *   2. outside the window (from the target's times) nothing is queued, and it says why;
 *   3. identify (identify.ts): a card is verified with the saved keys, offline too;
 *   4. the same person already queued on this device is said at once, not queued twice;
 *   5. a number or phone is looked up on the list the desk saved (roster.ts): the name is shown at
 *      once, and one not on it is said at once, with a walk-in or "check in anyway" to choose;
 *   6. queue through the target, which owns the mutation and its arguments.
 * Phones are shown masked (138****0000) everywhere on the desk.
 */
import { computed, onUnmounted, reactive, ref, shallowRef, watch, type Ref } from 'vue'
import { storeToRefs } from 'pinia'
import { Phone, PersonName, maskPhone } from '../../../shared/schemas/common'
import { parseCardQr, type VerifyKey } from '../../../shared/rules/card'
import { checkInOpensAt, checkInWindow, type CheckInTimes } from '../../../shared/rules/activity'
import type { OutboxEntry } from '../../lib/idb'
import type { TableName } from '../../lib/tables'
import { isNetworkError } from '../../lib/errors'
import { formatDateTime } from '../activities/admin-format'
import { detectCheckInInput, identityKey, type CheckInIdentity } from './check-in-input'
import { useSyncStore } from '../sync/store'
import { useReplicaQuery } from '../sync/use-replica-query'
import { loadCardKeys } from './card-keys'
import { identify } from './identify'
import { textProblemKey } from '../../i18n/text-problem'
import { findOnRoster, type Roster } from './roster'

/** Which way a desk records people: in (签到), or out (签退) where the target has a check-out. */
export type DeskDirection = 'in' | 'out'

/**
 * The arguments every check-in mutation carries, whatever its target: its id (`checkInId` for an
 * activity, `attendId` for a shift) and, for a target that checks people out too, the direction.
 */
export type DeskArgs = Partial<Record<'card' | 'memberNo' | 'phone' | 'name', string>> &
  ({ checkInId: string } | { attendId: string }) & { direction?: DeskDirection }
const deskId = (args: DeskArgs) => ('checkInId' in args ? args.checkInId : args.attendId)
const directionOf = (args: DeskArgs): DeskDirection => args.direction ?? 'in'

/** What the desk checks people in to. */
export interface CheckInTarget {
  /** the check-in window's times; null while unknown (then the server decides) */
  times: Ref<CheckInTimes | null>
  /** set when the server did not answer the target's own load (navigator.onLine alone is not trusted) */
  unreachable: Ref<boolean>
  /**
   * a target that checks people out too: which way the box and the walk-in record now (`times` follow
   * it); the same person may then be queued once each way. None: check-in only.
   */
  direction?: Ref<DeskDirection>
  /** this desk's entries in the outbox */
  owns(entry: OutboxEntry): boolean
  /**
   * queues one check-in (an identity, or a walk-in's name with or without a phone); returns its
   * arguments. `listedAs`: the name the desk's list gives the identity (display only, never sent).
   */
  queue(identity: CheckInIdentity | Record<string, never>, name?: string, listedAs?: string): Promise<DeskArgs>
  /** the target's list of people (fresh online, saved for offline); null when there is none */
  roster?(): Promise<Roster | null>
  /** the replica tables `applied` reads: it is read again when one of them changed */
  tables: readonly TableName[]
  /** the check-ins the server confirmed, as this device knows them */
  applied(): Promise<Array<{ id: string; name: string; at: string }>>
}

export interface DeskLine {
  key: string
  state: 'pending' | 'sending' | 'applied' | 'rejected'
  who: string
  at: string
  direction: DeskDirection
  entry: OutboxEntry | null
}

/** Refusals that mean "not on this list": the way forward is a walk-in by name (member_not_found: an older server). */
const WALK_IN_CODES = ['not_on_list', 'member_not_found']

/** The screen's i18n (the app's; a test may pass a scope of its own). */
type DeskI18n = { t: (key: string, params?: Record<string, unknown>) => string; locale: { readonly value: string } }

/** `focus` puts the cursor back in the box after every submission (a scanner types into whatever has it). */
export function useCheckInDesk(target: CheckInTarget, focus: () => Promise<void> | void, { t, locale }: DeskI18n) {
  const sync = useSyncStore()
  const { outbox, online, lastSyncAt, lastError } = storeToRefs(sync)

  const text = ref('')
  const detected = computed(() => detectCheckInInput(text.value))
  const feedback = ref<{ kind: 'ok' | 'error' | 'info'; text: string } | null>(null)
  const walkIn = reactive({ open: false, name: '', phone: '', replaces: null as string | null, nameError: '', phoneError: '' })
  const keys = shallowRef<VerifyKey[]>([])
  const roster = shallowRef<Roster | null>(null)
  /** a number or phone that is not on the saved list, waiting for the organiser's choice */
  const unlisted = ref<{ identity: CheckInIdentity; who: string } | null>(null)
  let keysLoaded: Promise<void> = Promise.resolve()
  const { data: applied, reload: loadApplied } = useReplicaQuery(
    target.tables,
    () => target.applied(),
    [] as Array<{ id: string; name: string; at: string }>,
  )

  const offline = computed(() => !online.value || target.unreachable.value || isNetworkError(lastError.value))
  // a sync that went through proves the server answers again (the first value is the saved one)
  watch(lastSyncAt, (now, before) => {
    if (before && now !== before) target.unreachable.value = false
  })

  /** The device's clock, ticking, for the window shown above the box (the server's clock decides). */
  const now = ref(new Date())
  let tick: ReturnType<typeof setInterval> | undefined
  onUnmounted(() => clearInterval(tick))
  const opensText = (a: CheckInTimes) => formatDateTime(checkInOpensAt(a).toISOString(), locale.value)
  const windowState = computed(() => (target.times.value ? checkInWindow(target.times.value, now.value) : null))
  const windowText = computed(() => {
    const a = target.times.value
    if (!a || !windowState.value) return ''
    return t(`organiser.window.${windowState.value}`, {
      from: opensText(a),
      until: formatDateTime(a.endsAt, locale.value),
      minutes: a.checkInOpensMinutesBefore ?? 120,
    })
  })

  /** Outside the window nothing is queued: the refusal in words, as the server would give it. */
  function outsideWindow(): boolean {
    const a = target.times.value
    if (!a) return false // unknown here: the server decides
    now.value = new Date()
    const state = checkInWindow(a, now.value)
    if (state === 'open') return false
    feedback.value = { kind: 'error', text: t(`organiser.windowRefused.${state}`, { from: opensText(a) }) }
    return true
  }

  /** Who an entry is about, in words: a card's name and number, else the name and what was typed (a phone masked). */
  function whoOf(args: DeskArgs, listedAs?: string): string {
    if (args.card) {
      const card = parseCardQr(args.card)?.card
      return card ? `${card.p} ${card.n}` : t('organiser.detected.card')
    }
    return [args.name ?? listedAs, args.memberNo ?? (args.phone && maskPhone(args.phone))].filter(Boolean).join(' ')
  }

  const mine = computed(() => outbox.value.filter((e) => target.owns(e)))
  const lines = computed<DeskLine[]>(() => {
    const queued = new Set(mine.value.map((e) => deskId(e.args as DeskArgs)))
    const fromOutbox: DeskLine[] = mine.value.map((e) => ({
      key: e.id,
      state: e.status,
      who: whoOf(e.args as DeskArgs, e.display?.who),
      at: e.createdAt,
      direction: directionOf(e.args as DeskArgs),
      entry: e,
    }))
    const done: DeskLine[] = applied.value
      .filter((c) => !queued.has(c.id))
      .map((c) => ({ key: c.id, state: 'applied', who: c.name, at: c.at, direction: 'in', entry: null }))
    return [...fromOutbox, ...done].sort((a, b) => b.at.localeCompare(a.at))
  })

  async function queue(identity: CheckInIdentity | Record<string, never>, name?: string, listedAs?: string) {
    unlisted.value = null
    const queuedText = t('organiser.queued', { who: whoOf(await target.queue(identity, name, listedAs), listedAs) })
    feedback.value = { kind: 'ok', text: queuedText }
    return queuedText
  }

  /** Ends a submission: the box emptied (unless kept for correcting) and focused for the next person. */
  async function done(clear = true) {
    if (clear) text.value = ''
    await focus()
  }

  /** The box was submitted (Enter from a scanner or the keyboard, or the button). */
  async function checkIn(raw = text.value) {
    feedback.value = null
    unlisted.value = null
    const found = detectCheckInInput(raw)
    if (found.kind === 'empty') return done(false)
    if (found.kind === 'unknown') {
      feedback.value = { kind: 'error', text: t('organiser.unknownInput') }
      return done(false)
    }
    if (outsideWindow()) return done()
    if (found.kind === 'card') await keysLoaded // a scan right after the screen opens waits for the saved keys
    const who = await identify(found, keys.value, new Date())
    if (!who.ok) {
      feedback.value = { kind: 'error', text: t(`organiser.card.${who.card}`) }
      return done()
    }
    // the same person queued twice (the same way) on this device (a kiosk offline all day): say so at once
    const key = identityKey(who.identity)
    const way = target.direction?.value ?? 'in'
    const twice =
      key &&
      mine.value.find((e) => e.status !== 'rejected' && directionOf(e.args as DeskArgs) === way && identityKey(e.args as DeskArgs) === key)
    if (twice) {
      feedback.value = { kind: 'error', text: t('organiser.alreadyQueued', { who: whoOf(twice.args as DeskArgs) }) }
      return done()
    }
    // on the saved list? its name at once; not on it: said at once, the organiser chooses
    const listed = roster.value && !('card' in who.identity) ? findOnRoster(roster.value, who.identity) : null
    if (listed && !listed.length) {
      const shown = whoOf(who.identity as DeskArgs)
      unlisted.value = { identity: who.identity, who: shown }
      feedback.value = { kind: 'error', text: t('roster.notListed', { who: shown }) }
      return done()
    }
    const queuedText = await queue(who.identity, undefined, listed?.map((p) => p.name).join(' / '))
    if (who.note)
      feedback.value = {
        kind: 'info',
        text: `${queuedText} · ${t(who.note === 'unknown_key' ? 'organiser.card.unknown_key' : 'organiser.keysMissing')}`,
      }
    await done()
  }

  function openWalkIn(entry: OutboxEntry | null = null) {
    const args = entry?.args as DeskArgs | undefined
    Object.assign(walkIn, {
      open: true,
      name: args?.name ?? '',
      phone: args?.phone ?? '',
      replaces: entry?.id ?? null,
      nameError: '',
      phoneError: '',
    })
  }

  async function submitWalkIn() {
    const name = PersonName.safeParse(walkIn.name)
    const phone = walkIn.phone.trim() ? Phone.safeParse(walkIn.phone.replace(/[\s-]/g, '')) : null
    walkIn.nameError = name.success ? '' : t(textProblemKey(name.error.issues.find((i) => textProblemKey(i))) ?? 'organiser.nameRequired')
    walkIn.phoneError = phone && !phone.success ? t('organiser.phoneInvalid') : ''
    if (!name.success || (phone && !phone.success)) return
    if (outsideWindow()) return
    // the refused attempt is replaced by the walk-in, so it leaves the list
    if (walkIn.replaces) await sync.discard(walkIn.replaces)
    await queue(phone?.success ? { phone: phone.data } : {}, name.data)
    Object.assign(walkIn, { open: false, name: '', phone: '', replaces: null })
    await focus()
  }

  /** Not on the list: record them as a walk-in (the phone typed is kept), or check them in anyway (the list may be old). */
  function walkInUnlisted() {
    const u = unlisted.value
    if (!u) return
    unlisted.value = null
    feedback.value = null
    openWalkIn()
    if ('phone' in u.identity) walkIn.phone = u.identity.phone
  }
  async function checkInAnyway() {
    const u = unlisted.value
    if (!u) return
    await queue(u.identity)
    await done()
  }

  const canWalkIn = (line: DeskLine) => line.state === 'rejected' && WALK_IN_CODES.includes(line.entry?.code ?? '')

  /** Once the screen is up (and someone is logged in): the card keys, the clock, the confirmed list. */
  function start() {
    keysLoaded = sync
      .engine()
      .then(async (engine) => void (keys.value = await loadCardKeys(engine)))
      .catch(() => undefined)
    tick = setInterval(() => (now.value = new Date()), 30_000)
    if (target.roster)
      void target.roster().then(
        (r) => (roster.value = r),
        () => undefined,
      )
    void loadApplied()
    void focus()
  }

  return {
    text,
    detected,
    feedback,
    walkIn,
    lines,
    roster,
    unlisted,
    walkInUnlisted,
    checkInAnyway,
    offline,
    windowState,
    windowText,
    start,
    checkIn,
    openWalkIn,
    submitWalkIn,
    canWalkIn,
    discard: (id: string) => sync.discard(id),
    syncNow: () => sync.syncNow(),
  }
}

/** A desk, as its parts (DeskInput, DeskWalkIn, DeskLines) take it. */
export type CheckInDesk = ReturnType<typeof useCheckInDesk>
