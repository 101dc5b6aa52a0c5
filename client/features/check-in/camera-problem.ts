/**
 * Why the camera did not open, in a word the desk can say in the person's language: the browser's
 * own error text (DOMException.message) is English whatever the UI language, so it is never shown.
 */
export type CameraProblem = 'denied' | 'missing' | 'busy' | 'unsupported' | 'failed'

export function cameraProblem(err: unknown): CameraProblem {
  const name =
    err instanceof Error || (typeof err === 'object' && err !== null && 'name' in err) ? String((err as { name: unknown }).name) : ''
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied'
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'missing'
    case 'NotReadableError':
    case 'AbortError':
      return 'busy'
    case 'TypeError':
      // navigator.mediaDevices is missing outside a secure context (http:// on another host)
      return 'unsupported'
    default:
      return 'failed'
  }
}
