/** The check-in scanner names why the camera did not open in the UI's language, never the browser's English text. */
import { describe, expect, it } from 'vitest'
import { cameraProblem } from '../../client/features/check-in/camera-problem'
import zhCN from '../../client/i18n/zh-CN'
import en from '../../client/i18n/en'

describe('camera problems', () => {
  it('tells a refused permission, a missing camera, a busy camera and an insecure page apart', () => {
    expect(cameraProblem(new DOMException('Permission denied', 'NotAllowedError'))).toBe('denied')
    expect(cameraProblem(new DOMException('Requested device not found', 'NotFoundError'))).toBe('missing')
    expect(cameraProblem(new DOMException('Could not start video source', 'NotReadableError'))).toBe('busy')
    expect(cameraProblem(new TypeError("Cannot read properties of undefined (reading 'getUserMedia')"))).toBe('unsupported')
    expect(cameraProblem(new Error('canvas 2d'))).toBe('failed')
    expect(cameraProblem('something else')).toBe('failed')
  })

  it('has words for every problem in both languages, without the browser text', () => {
    for (const problem of ['denied', 'missing', 'busy', 'unsupported', 'failed'] as const) {
      expect(zhCN.organiser.camera[problem]).toMatch(/^无法打开相机/)
      expect(en.organiser.camera[problem]).toMatch(/^The camera could not be opened/)
    }
  })
})
