// server-pg project: a test's PostgreSQL schemas are emptied after it for the next test; after each
// file, its pools close and its schemas go (fixtures/database.ts).
import { afterAll, afterEach, beforeEach } from 'vitest'
import { closeTestDatabases, testFinished, testStarted } from './fixtures/database'

beforeEach(testStarted)
afterEach(testFinished, 60_000)
afterAll(closeTestDatabases, 60_000)
