// server-pg project: after each test file, its PostgreSQL pools close and its schemas go.
import { afterAll } from 'vitest'
import { closeTestDatabases } from './fixtures/database'

afterAll(closeTestDatabases, 60_000)
