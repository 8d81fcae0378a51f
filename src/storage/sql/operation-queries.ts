// Durable operations and idempotency records.
import type { OperationKind } from '../../domain/resources.js'
import type { Tx } from '../store.js'
import type { Dialect, SqlConnection } from './sql-connection.js'
import { date, str } from './sql-connection.js'

type OperationQueries = Pick<
  Tx,
  | 'insertOperation'
  | 'claimDueOperation'
  | 'deleteOperation'
  | 'deleteOperationsFor'
  | 'nextOperationDue'
  | 'getIdempotency'
  | 'insertIdempotency'
  | 'deleteIdempotencyBefore'
>

export function operationQueries(c: SqlConnection, d: Dialect): OperationQueries {
  return {
    async insertOperation(op) {
      await c.run(
        'INSERT INTO operations (id, account_id, kind, resource_id, due_at, fault) VALUES (?, ?, ?, ?, ?, ?)',
        [op.id, op.accountId, op.kind, op.resourceId, op.dueAt.getTime(), op.fail ? 'fail' : null],
      )
    },
    async claimDueOperation(now) {
      const [r] = await c.all(
        `SELECT * FROM operations WHERE due_at <= ? ORDER BY due_at, id LIMIT 1${d.forUpdateSkipLocked}`,
        [now.getTime()],
      )
      return (
        r && {
          id: str(r['id']),
          accountId: str(r['account_id']),
          kind: str(r['kind']) as OperationKind,
          resourceId: str(r['resource_id']),
          dueAt: date(r['due_at']),
          ...(r['fault'] === 'fail' ? { fail: true } : {}),
        }
      )
    },
    async deleteOperation(id) {
      await c.run('DELETE FROM operations WHERE id = ?', [id])
    },
    async deleteOperationsFor(resourceId) {
      await c.run('DELETE FROM operations WHERE resource_id = ?', [resourceId])
    },
    async nextOperationDue() {
      const [r] = await c.all('SELECT MIN(due_at) AS due FROM operations')
      return r?.['due'] == null ? undefined : date(r['due'])
    },
    async getIdempotency(accountId, action, token) {
      const [r] = await c.all(
        'SELECT * FROM idempotency WHERE account_id = ? AND action = ? AND token = ?',
        [accountId, action, token],
      )
      return (
        r && {
          accountId: str(r['account_id']),
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
        `INSERT INTO idempotency (account_id, action, token, params_hash, result, created_at)
          VALUES (?, ?, ?, ?, ?, ?)`,
        [rec.accountId, rec.action, rec.token, rec.paramsHash, rec.result, rec.createdAt.getTime()],
      )
    },
    async deleteIdempotencyBefore(before) {
      await c.run('DELETE FROM idempotency WHERE created_at < ?', [before.getTime()])
    },
  }
}
