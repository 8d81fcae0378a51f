// Events (the audit trail) and the few cross-account aggregates that /metrics reads.
import type { EventOutcome } from '../../domain/resources.js'
import type { Tx } from '../store.js'
import type { SqlConnection, SqlValue } from './sql-connection.js'
import { date, num, str } from './sql-connection.js'

type EventQueries = Pick<Tx, 'insertEvent' | 'listEvents' | 'operationStats' | 'vswitchUsage'>

/** `resources` is stored space-padded (` a b `) so one id matches with LIKE '% id %'. */
const pad = (ids: readonly string[]) => (ids.length === 0 ? ' ' : ` ${ids.join(' ')} `)

export function eventQueries(c: SqlConnection, nextSeq: () => number): EventQueries {
  return {
    async insertEvent(e) {
      await c.run(
        `INSERT INTO events (id, seq, at, account_id, access_key_id, action, params, code,
          http_status, outcome, request_id, source_ip, resources)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          e.id,
          nextSeq(),
          e.at.getTime(),
          e.accountId,
          e.accessKeyId,
          e.action,
          e.params,
          e.code,
          e.httpStatus,
          e.outcome,
          e.requestId,
          e.sourceIp,
          pad(e.resources),
        ],
      )
    },
    async listEvents(accountId, f) {
      const where = ['account_id = ?']
      const params: SqlValue[] = [accountId]
      if (f.since !== undefined) {
        where.push('at >= ?')
        params.push(f.since.getTime())
      }
      if (f.action !== undefined) {
        where.push('action = ?')
        params.push(f.action)
      }
      if (f.resource !== undefined) {
        where.push('resources LIKE ?')
        params.push(`% ${f.resource.replace(/[%_\\]/g, '')} %`)
      }
      const rows = await c.all(
        `SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY at DESC, seq DESC LIMIT ?`,
        [...params, f.limit],
      )
      return rows.reverse().map((r) => ({
        id: str(r['id']),
        at: date(r['at']),
        accountId: str(r['account_id']),
        accessKeyId: str(r['access_key_id']),
        action: str(r['action']),
        params: str(r['params']),
        code: str(r['code']),
        httpStatus: num(r['http_status']),
        outcome: str(r['outcome']) as EventOutcome,
        requestId: str(r['request_id']),
        sourceIp: str(r['source_ip']),
        resources: str(r['resources'])
          .split(' ')
          .filter((x) => x !== ''),
      }))
    },
    async operationStats() {
      const [r] = await c.all('SELECT COUNT(*) AS n, MIN(due_at) AS oldest FROM operations')
      return {
        depth: num(r?.['n'] ?? 0),
        oldestDueAt: r?.['oldest'] == null ? undefined : date(r['oldest']),
      }
    },
    async vswitchUsage() {
      const rows = await c.all(
        `SELECT v.id AS id, v.cidr_block AS cidr, COUNT(p.address) AS used
          FROM vswitches v LEFT JOIN private_ips p ON p.vswitch_id = v.id
          GROUP BY v.id, v.cidr_block`,
      )
      return rows.map((r) => ({
        vswitchId: str(r['id']),
        cidrBlock: str(r['cidr']),
        used: num(r['used']),
      }))
    },
  }
}
