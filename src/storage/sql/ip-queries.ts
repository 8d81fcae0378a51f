import type { Tx } from '../store.js'
import type { Dialect, SqlConnection } from './sql-connection.js'
import { bool, marks, num, str } from './sql-connection.js'
import { writeAddresses } from './sg-slots.js'

type IpQueries = Pick<
  Tx,
  | 'insertPrivateIps'
  | 'deletePrivateIps'
  | 'usedAddresses'
  | 'countUsedAddresses'
  | 'countUsedAddressesIn'
  | 'addressesInUse'
  | 'privateIpsOf'
>

export function ipQueries(c: SqlConnection, d: Dialect, nextSeq: () => number): IpQueries {
  return {
    async insertPrivateIps(rows) {
      // One statement per address: ON CONFLICT DO NOTHING lets a lost race show as "not
      // inserted" without aborting the transaction (PostgreSQL) or raising (SQLite).
      const sql = `INSERT INTO private_ips (vswitch_id, address, account_id, eni_id, is_primary,
        seq) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
      const writes = rows.map((r) => ({
        sql,
        params: [r.vswitchId, r.address, r.accountId, r.eniId, r.primary ? 1 : 0, nextSeq()],
        eniId: r.eniId,
      }))
      const changed = await writeAddresses(c, d, writes, 1)
      return rows.filter((_, i) => (changed[i] ?? 0) > 0).map((r) => r.address)
    },
    async deletePrivateIps(eniId, addresses) {
      if (addresses.length === 0) return 0
      const sql = `DELETE FROM private_ips WHERE eni_id = ? AND is_primary = 0 AND prefix IS NULL
        AND address IN (${marks(addresses.length)})`
      const [removed] = await writeAddresses(
        c,
        d,
        [{ sql, params: [eniId, ...addresses], eniId }],
        -1,
      )
      return removed ?? 0
    },
    async usedAddresses(vswitchId) {
      const rows = await c.all('SELECT address FROM private_ips WHERE vswitch_id = ?', [vswitchId])
      return rows.map((r) => str(r['address']))
    },
    async countUsedAddresses(vswitchId) {
      const [r] = await c.all('SELECT COUNT(*) AS n FROM private_ips WHERE vswitch_id = ?', [
        vswitchId,
      ])
      return num(r?.['n'] ?? 0)
    },
    async countUsedAddressesIn(vswitchIds) {
      const counts = new Map(vswitchIds.map((id) => [id, 0]))
      if (vswitchIds.length === 0) return counts
      const rows = await c.all(
        `SELECT vswitch_id, COUNT(*) AS n FROM private_ips
          WHERE vswitch_id IN (${marks(vswitchIds.length)}) GROUP BY vswitch_id`,
        [...vswitchIds],
      )
      for (const r of rows) counts.set(str(r['vswitch_id']), num(r['n']))
      return counts
    },
    async addressesInUse(vswitchId, addresses) {
      if (addresses.length === 0) return []
      const rows = await c.all(
        `SELECT address FROM private_ips WHERE vswitch_id = ?
          AND address IN (${marks(addresses.length)})`,
        [vswitchId, ...addresses],
      )
      return rows.map((r) => str(r['address']))
    },
    async privateIpsOf(eniId) {
      const rows = await c.all(
        `SELECT address, is_primary FROM private_ips WHERE eni_id = ? AND prefix IS NULL
          ORDER BY is_primary DESC, seq, address`,
        [eniId],
      )
      return rows.map((r) => ({ address: str(r['address']), primary: bool(r['is_primary']) }))
    },
  }
}
