/**
 * A place the region picker offers that is gone when the edit reaches the server (GB/T 2260 changes
 * every year): how a browser test gets a profile edit the server refuses, now that nobody types a
 * code. The place is written into the test server's database (WAL: the running server sees it)
 * and removed again before the edit is saved.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { TestServer } from './harness'

export const VANISHING = { code: '110199', name: '旧区' }

export function vanishingRegion(server: Pick<TestServer, 'dataDir'>) {
  const db = new Database(join(server.dataDir, 'app.db'))
  db.prepare(
    "insert into regions (code, name, level, parent_code, full_name, pinyin, initials) values (?, ?, 'county', '1101', '北京市旧区', 'jiuqu', 'jq')",
  ).run(VANISHING.code, VANISHING.name)
  return {
    remove() {
      db.prepare('delete from regions where code = ?').run(VANISHING.code)
      db.close()
    },
  }
}

/** In 编辑资料: chooses the vanishing place with the region picker (search, then 就选). */
export async function chooseVanishingRegion(page: Page) {
  await page.getByTestId('pf-region').click()
  await page.getByTestId('pf-region-sheet').getByRole('searchbox').fill(VANISHING.name)
  await page.locator(`.region-sheet__item[data-code="${VANISHING.code}"]`).click()
  await page.getByTestId('pf-region-pick-here').click()
}
