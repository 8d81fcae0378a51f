// Durable operations and idempotency records.
import type { Operation, OperationKind } from '../../domain/resources.js'
import type { Tx } from '../store.js'
import type { Dialect, Row, SqlConnection } from './sql-connection.js'
import { date, dateOrNull, num, str, strOrNull } from './sql-connection.js'

type OperationQueries = Pick<
  Tx,
  | 'insertOperation'
  | 'claimDueOperation'
  | 'claimOperation'
  | 'deleteOperation'
  | 'deleteOperationsFor'
  | 'nextOperationDue'
  | 'retryOperation'
  | 'failOperation'
  | 'listOperations'
  | 'deleteFailedOperationsBefore'
  | 'getIdempotency'
  | 'insertIdempotency'
  | 'deleteIdempotency'
  | 'deleteIdempotencyBefore'
>

function operationOf(r: Row): Operation {
  return {
    id: str(r['id']),
    accountId: str(r['account_id']),
    kind: str(r['kind']) as OperationKind,
    resourceId: str(r['resource_id']),
    dueAt: date(r['due_at']),
    attempts: num(r['attempts']),
    lastError: strOrNull(r['last_error']),
    failedAt: dateOrNull(r['failed_at']),
    ...(r['fault'] === 'fail' ? { fail: true } : {}),
  }
}

/** `scheduled` hears the due time of every operation this transaction inserts. */
export function operationQueries(
  c: SqlConnection,
  d: Dialect,
  scheduled: (dueAt: Date) => void,
): OperationQueries {
  return {
    async insertOperation(op) {
      await c.run(
        `INSERT INTO operations (id, account_id, kind, resource_id, due_at, attempts, last_error, fault)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          op.id,
          op.accountId,
          op.kind,
          op.resourceId,
          op.dueAt.getTime(),
          op.attempts ?? 0,
          op.lastError ?? null,
          op.fail ? 'fail' : null,
        ],
      )
      scheduled(op.dueAt)
    },
    async claimDueOperation(now) {
      const [r] = await c.all(
        `SELECT * FROM operations WHERE due_at <= ? AND failed_at IS NULL
          ORDER BY due_at, id LIMIT 1${d.forUpdateSkipLocked}`,
        [now.getTime()],
      )
      return r && operationOf(r)
    },
    async claimOperation(id) {
      const [r] = await c.all(`SELECT * FROM operations WHERE id = ?${d.forUpdateSkipLocked}`, [id])
      return r && operationOf(r)
    },
    async retryOperation(id, lastError, retryAt) {
      await c.run(
        'UPDATE operations SET attempts = attempts + 1, last_error = ?, due_at = ? WHERE id = ?',
        [lastError, retryAt.getTime(), id],
      )
      scheduled(retryAt)
    },
    async failOperation(id, lastError, failedAt) {
      await c.run(
        'UPDATE operations SET attempts = attempts + 1, last_error = ?, failed_at = ? WHERE id = ?',
        [lastError, failedAt.getTime(), id],
      )
    },
    async listOperations(accountId, resourceId) {
      const rows =
        resourceId === undefined
          ? await c.all('SELECT * FROM operations WHERE account_id = ? ORDER BY due_at, id', [
              accountId,
            ])
          : await c.all(
              'SELECT * FROM operations WHERE account_id = ? AND resource_id = ? ORDER BY due_at, id',
              [accountId, resourceId],
            )
      return rows.map(operationOf)
    },
    async deleteFailedOperationsBefore(before) {
      return c.run('DELETE FROM operations WHERE failed_at IS NOT NULL AND failed_at < ?', [
        before.getTime(),
      ])
    },
    async deleteOperation(id) {
      await c.run('DELETE FROM operations WHERE id = ?', [id])
    },
    async deleteOperationsFor(resourceId) {
      await c.run('DELETE FROM operations WHERE resource_id = ?', [resourceId])
    },
    async nextOperationDue() {
      const [r] = await c.all('SELECT MIN(due_at) AS due FROM operations WHERE failed_at IS NULL')
      return r?.['due'] == null ? undefined : date(r['due'])
    },
    async getIdempotency(accountId, regionId, action, token) {
      const [r] = await c.all(
        `SELECT * FROM idempotency
          WHERE account_id = ? AND region_id = ? AND action = ? AND token = ?`,
        [accountId, regionId, action, token],
      )
      return (
        r && {
          accountId: str(r['account_id']),
          regionId: str(r['region_id']),
          action: str(r['action']),
          token: str(r['token']),
          paramsHash: str(r['params_hash']),
          result: str(r['result']),
          createdAt: date(r['created_at']),
        }
      )
    },
    async insertIdempotency(rec) {
      await c.run(
        `INSERT INTO idempotency
          (account_id, region_id, action, token, params_hash, result, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [
          rec.accountId,
          rec.regionId,
          rec.action,
          rec.token,
          rec.paramsHash,
          rec.result,
          rec.createdAt.getTime(),
        ],
      )
    },
    async deleteIdempotency(accountId, regionId, action, token) {
      await c.run(
        `DELETE FROM idempotency
          WHERE account_id = ? AND region_id = ? AND action = ? AND token = ?`,
        [accountId, regionId, action, token],
      )
    },
    async deleteIdempotencyBefore(before) {
      return c.run('DELETE FROM idempotency WHERE created_at < ?', [before.getTime()])
    },
  }
}
