/**
 * How many sync mutations one person may send (SECURITY.md "Floods from one account"): a token
 * bucket per account, across all their devices and pushes. Shared so the numbers live in one place
 * with the membership caps; the server enforces it (server/sync/budget.ts).
 *
 * The burst is what an honest device may have saved up: a phone offline for a week holds tens of
 * changes, an offline check-in desk a few hundred after a full day — they go through at once. Past
 * the burst an account gets 10 mutations a second, so a desk with 1,000 check-ins is through in
 * about 70 s, while one account alone can take at most ~1/150 of what the server applies per second
 * (bench/README.md: ~1,500 mutations/s). Over budget is not a refusal: the push answers what it
 * applied and asks the client to send the rest later (`retry`, code `rate_limited`), with backoff.
 */
export const MUTATION_BURST = 300
export const MUTATIONS_PER_MINUTE = 600
