/** What a logout must not leave behind, looked for in the page's own origin. */
import type { Page } from 'playwright-core'

/** Every place in this origin's storage that still holds one of `needles`. */
export function leftovers(page: Page, needles: string[]): Promise<string[]> {
  return page.evaluate(async (words) => {
    const found: string[] = []
    const scan = (where: string, text: string) => {
      if (words.some((w) => text.includes(w))) found.push(where)
    }
    for (let i = 0; i < localStorage.length; i++)
      scan(`localStorage:${localStorage.key(i)}`, localStorage.getItem(localStorage.key(i)!) ?? '')
    for (let i = 0; i < sessionStorage.length; i++)
      scan(`sessionStorage:${sessionStorage.key(i)}`, sessionStorage.getItem(sessionStorage.key(i)!) ?? '')
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const req = indexedDB.open(info.name!)
        req.onsuccess = () => ok(req.result)
        req.onerror = () => fail(req.error)
      })
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((ok, fail) => {
          const req = db.transaction(store).objectStore(store).getAll()
          req.onsuccess = () => ok(req.result)
          req.onerror = () => fail(req.error)
        })
        scan(`indexedDB:${info.name}/${store}`, JSON.stringify(rows))
      }
      db.close()
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name)
      for (const req of await cache.keys()) if (req.url.includes('/api/')) found.push(`cache:${name}:${req.url}`)
    }
    return found
  }, needles)
}
