// What replicas share besides resources: signature nonces, console sessions and sign-in
// rate-limit counters. Upserts use `INSERT … ON CONFLICT … DO UPDATE … WHERE`, which SQLite
// (3.24+) and PostgreSQL both accept.
import type { ConsoleSessionRecord, Tx } from '../store.js'
import type { Row, SqlConnection } from './sql-connection.js'
import { date, num, str } from './sql-connection.js'

type ReplicaQueries = Pick<
  Tx,
  | 'useNonce'
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

export function replicaQueries(c: SqlConnection): ReplicaQueries {
  return {
    async useNonce(accessKeyId, nonce, expiresAt, now) {
      // A live pair stays as it is (0 rows changed); an expired one is taken over.
      const changed = await c.run(
        `INSERT INTO nonces (access_key_id, nonce, expires_at) VALUES (?, ?, ?)
          ON CONFLICT (access_key_id, nonce) DO UPDATE SET expires_at = excluded.expires_at
          WHERE nonces.expires_at <= ?`,
        [accessKeyId, nonce, expiresAt.getTime(), now.getTime()],
      )
      return changed > 0
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
