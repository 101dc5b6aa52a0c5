/**
 * How the member card's QR is drawn. Error correction level L (7% recovery) instead of M: a card
 * is shown on a clean screen, not printed and scuffed, and L needs fewer modules for the same text
 * (a typical 271-character card: version 10, 57×57, instead of version 11, 61×61), so each module
 * is larger on the same screen and the code scans from further away or with a weaker camera. Drawn as SVG, so the enlarged view stays
 * sharp at any size. tests/client/membership-card.test.ts proves such a code decodes and verifies.
 */
import QRCode from 'qrcode'

export const CARD_QR_OPTIONS = { errorCorrectionLevel: 'L', margin: 2 } as const

/** The card's QR as an SVG data URL (the CSP allows data: images). */
export async function cardQrImage(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { ...CARD_QR_OPTIONS, type: 'svg', color: { dark: '#000000', light: '#ffffff' } })
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}
