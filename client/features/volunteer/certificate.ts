/**
 * The person's service certificate (服务证明): fresh from the server when it answers, and saved in the
 * account's IndexedDB meta, so it opens (and prints, and its QR verifies) offline; else the saved copy.
 */
import type { VolunteerCertificate } from '../../../shared/schemas/volunteer'
import { expectedError } from '../../lib/errors'
import { META_VOLUNTEER_CERTIFICATE } from '../../lib/idb'
import type { SyncEngine } from '../../lib/sync'
import { volunteerApi } from './api'

export type CertificateRead =
  { certificate: VolunteerCertificate; saved: boolean } | { certificate: null; saved: false; offline: boolean; code: string | null }

export async function loadCertificate(engine: SyncEngine): Promise<CertificateRead> {
  try {
    const certificate = await volunteerApi.certificate()
    await engine.writeLocal(META_VOLUNTEER_CERTIFICATE, certificate)
    return { certificate, saved: false }
  } catch (caught) {
    const err = expectedError(caught)
    const saved = err.isNetwork ? await engine.readLocal<VolunteerCertificate>(META_VOLUNTEER_CERTIFICATE) : undefined
    if (saved) return { certificate: saved, saved: true }
    return { certificate: null, saved: false, offline: err.isNetwork, code: err.isNetwork ? null : err.code }
  }
}
