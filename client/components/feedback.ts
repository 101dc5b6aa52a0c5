/**
 * The app's feedback in words: toasts after a successful action ("已保存") and in-app confirmation
 * dialogs instead of `window.confirm` (which a standalone PWA shows as a browser box with the
 * site's address, in the browser's language). Both are plain reactive state here; the hosts
 * (ToastHost.vue, ConfirmHost.vue) are mounted once in App.vue and render it.
 */
import { reactive } from 'vue'

export interface Toast {
  id: number
  text: string
  kind: 'success' | 'info' | 'error'
}

/** How long a toast stays (it can also be closed by a tap). */
export const TOAST_MS = 4000
const MAX_TOASTS = 3

export const toasts = reactive<Toast[]>([])
let nextId = 1

export function dismissToast(id: number) {
  const i = toasts.findIndex((x) => x.id === id)
  if (i >= 0) toasts.splice(i, 1)
}

/** Shows a short message; it goes by itself after TOAST_MS. */
export function toast(text: string, kind: Toast['kind'] = 'success'): number {
  const id = nextId++
  toasts.push({ id, text, kind })
  while (toasts.length > MAX_TOASTS) toasts.shift()
  setTimeout(() => dismissToast(id), TOAST_MS)
  return id
}

export interface ConfirmRequest {
  title: string
  message?: string
  /** the button that goes ahead; the other one is always "cancel" */
  confirmLabel?: string
  cancelLabel?: string
  /** the action destroys something: its button is drawn as a warning */
  danger?: boolean
}

interface PendingConfirm extends ConfirmRequest {
  id: number
  resolve(ok: boolean): void
}

/** The dialog shown now (one at a time; a second request waits for the first). */
export const confirmState = reactive<{ current: PendingConfirm | null; queue: PendingConfirm[] }>({ current: null, queue: [] })

/** Asks in an in-app dialog; resolves true when the person goes ahead, false for cancel or Esc. */
export function confirmDialog(request: ConfirmRequest): Promise<boolean> {
  return new Promise((resolve) => {
    const pending: PendingConfirm = { ...request, id: nextId++, resolve }
    if (confirmState.current) confirmState.queue.push(pending)
    else confirmState.current = pending
  })
}

/** The host answers the dialog shown now. */
export function answerConfirm(ok: boolean) {
  const current = confirmState.current
  if (!current) return
  confirmState.current = confirmState.queue.shift() ?? null
  current.resolve(ok)
}
