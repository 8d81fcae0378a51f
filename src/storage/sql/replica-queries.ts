// What replicas share besides resources: signature nonces, console sessions and sign-in
// rate-limit counters. Upserts use `INSERT … ON CONFLICT … DO UPDATE … WHERE`, which SQLite
// (3.24+) and PostgreSQL both accept.
import type { ConsoleSessionRecord, NonceUse, Tx } from '../store.js'
import type { Dialect, Row, SqlConnection, SqlValue } from './sql-connection.js'
import { date, num, str } from './sql-connection.js'

type ReplicaQueries = Pick<
  Tx,
  | 'useNonce'
  | 'useNonces'
  | 'purgeNonces'
  | 'insertConsoleSession'
  | 'getConsoleSession'
  | 'touchConsoleSession'
  | 'deleteConsoleSession'
  | 'deleteConsoleSessionsBefore'
  | 'hitRateLimit'
  | 'deleteRateLimitsBefore'
>

function sessionOf(r: Row): ConsoleSessionRecord {
  return {
    idHash: str(r['id_hash']),
    accountId: str(r['account_id']),
    accessKeyId: str(r['access_key_id']),
    createdAt: date(r['created_at']),
    lastUsedAt: date(r['last_used_at']),
  }
}

/**
 * Records each new (or expired) pair in one multi-row upsert; a live pair stays as it is (not
 * returned by RETURNING), and so does every later copy of a pair within `pairs`.
 */
async function useNonces(
  c: SqlConnection,
  d: Dialect,
  pairs: readonly NonceUse[],
  now: Date,
): Promise<boolean[]> {
  const recorded = new Array<boolean>(pairs.length).fill(false)
  // Each distinct pair once (a statement may not touch a row twice), in (key, nonce) order
  // so that two replicas' batches never wait on each other's rows in a cycle.
  const first = new Map<string, number>()
  pairs.forEach((p, i) => {
    const key = `${p.accessKeyId}\u0000${p.nonce}`
    if (!first.has(key)) first.set(key, i)
  })
  const order = [...first.values()].sort((a, b) => {
    const x = pairs[a]!
    const y = pairs[b]!
    if (x.accessKeyId !== y.accessKeyId) return x.accessKeyId < y.accessKeyId ? -1 : 1
    return x.nonce < y.nonce ? -1 : x.nonce > y.nonce ? 1 : 0
  })
  if (order.length === 0) return recorded
  const params: SqlValue[] = []
  for (const i of order) {
    const p = pairs[i]!
    params.push(p.accessKeyId, p.nonce, p.expiresAt.getTime())
  }
  params.push(now.getTime())
  // A live pair stays as it is (not returned); a new or expired one is (re)written.
  const rows = await c.rows(
    `INSERT INTO nonces (access_key_id, nonce, expires_at)
      VALUES ${order.map(() => '(?, ?, ?)').join(', ')}
      ON CONFLICT (access_key_id, nonce) DO UPDATE SET expires_at = excluded.expires_at
      WHERE nonces.expires_at <= ? RETURNING ${d.row('access_key_id, nonce')}`,
    params,
  )
  for (const r of rows) {
    const i = first.get(`${str(r[0])}\u0000${str(r[1])}`)
    if (i !== undefined) recorded[i] = true
  }
  return recorded
}

export function replicaQueries(c: SqlConnection, d: Dialect): ReplicaQueries {
  return {
    useNonces: (pairs, now) => useNonces(c, d, pairs, now),
    async useNonce(accessKeyId, nonce, expiresAt, now) {
      const [recorded] = await useNonces(c, d, [{ accessKeyId, nonce, expiresAt }], now)
      return recorded === true
    },
    async purgeNonces(now) {
      return c.run('DELETE FROM nonces WHERE expires_at <= ?', [now.getTime()])
    },
    async insertConsoleSession(s) {
      await c.run(
        `INSERT INTO console_sessions (id_hash, account_id, access_key_id, created_at, last_used_at)
          VALUES (?, ?, ?, ?, ?)`,
        [s.idHash, s.accountId, s.accessKeyId, s.createdAt.getTime(), s.lastUsedAt.getTime()],
      )
    },
    async getConsoleSession(idHash) {
      const [r] = await c.all('SELECT * FROM console_sessions WHERE id_hash = ?', [idHash])
      return r && sessionOf(r)
    },
    async touchConsoleSession(idHash, at) {
      await c.run('UPDATE console_sessions SET last_used_at = ? WHERE id_hash = ?', [
        at.getTime(),
        idHash,
      ])
    },
    async deleteConsoleSession(idHash) {
      await c.run('DELETE FROM console_sessions WHERE id_hash = ?', [idHash])
    },
    async deleteConsoleSessionsBefore(idleBefore, createdBefore) {
      return c.run('DELETE FROM console_sessions WHERE last_used_at < ? OR created_at < ?', [
        idleBefore.getTime(),
        createdBefore.getTime(),
      ])
    },
    async hitRateLimit(bucket, windowStart) {
      const start = windowStart.getTime()
      await c.run(
        `INSERT INTO rate_limits (bucket, window_start, hits) VALUES (?, ?, 1)
          ON CONFLICT (bucket) DO UPDATE SET
            hits = CASE WHEN rate_limits.window_start = excluded.window_start
              THEN rate_limits.hits + 1 ELSE 1 END,
            window_start = excluded.window_start`,
        [bucket, start],
      )
      const [r] = await c.all('SELECT hits FROM rate_limits WHERE bucket = ?', [bucket])
      return r === undefined ? 1 : num(r['hits'])
    },
    async deleteRateLimitsBefore(windowStart) {
      return c.run('DELETE FROM rate_limits WHERE window_start < ?', [windowStart.getTime()])
    },
  }
}
