/**
 * The hub pages and lists read in this visit, kept in memory only (public data, nothing personal):
 * offline, a page already opened is shown again with a note instead of "needs the network".
 */
import type { HubPage } from '../../../shared/schemas/hub'

const pages = new Map<string, HubPage>()

export const hubCache = {
  page: (id: string) => pages.get(id) ?? null,
  keepPage: (page: HubPage) => void pages.set(page.hub.id, page),
  /** the hub's name when any page read in this visit had it */
  name: (id: string) => pages.get(id)?.hub.name ?? null,
  clear: () => pages.clear(),
}
