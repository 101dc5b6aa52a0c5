/** The PostgreSQL the server-pg test project uses (every development and CI machine runs one locally). */
export const PG_TEST_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'
