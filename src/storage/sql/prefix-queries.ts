// IPv4 /28 prefixes and IPv6 single addresses and /80 prefixes (schema version 6). Overlap is
// the database's to refuse: a /28 claims its 16 addresses in private_ips (the (vswitch,
// address) key); a /80 and the singles inside it meet on the (vswitch, block) key of
// ipv6_blocks. Each method is a few statements inside the caller's transaction.
import type { Tx } from '../store.js'
import type { SqlConnection } from './sql-connection.js'
import { marks, num, str } from './sql-connection.js'
import { addSlots } from './sg-slots.js'

type PrefixQueries = Pick<
  Tx,
  | 'insertIpv4Prefixes'
  | 'deleteIpv4Prefixes'
  | 'usedIpv4Prefixes'
  | 'insertIpv6Addresses'
  | 'deleteIpv6Addresses'
  | 'ipv6AddressesInUse'
  | 'ipv6PrefixBlocksIn'
  | 'usedIpv6Addresses'
  | 'insertIpv6Prefixes'
  | 'deleteIpv6Prefixes'
  | 'usedIpv6Blocks'
>

/** Counts one single address out of its /80 row; the row goes when it holds none. */
export async function releaseIpv6Block(
  c: SqlConnection,
  vswitchId: string,
  block: string,
  n: number,
) {
  await c.run(
    `UPDATE ipv6_blocks SET addresses = addresses - ?
      WHERE vswitch_id = ? AND block = ? AND eni_id IS NULL`,
    [n, vswitchId, block],
  )
  await c.run(
    `DELETE FROM ipv6_blocks WHERE vswitch_id = ? AND block = ? AND eni_id IS NULL
      AND addresses <= 0`,
    [vswitchId, block],
  )
}

export function prefixQueries(c: SqlConnection, nextSeq: () => number): PrefixQueries {
  return {
    async insertIpv4Prefixes(rows) {
      const claimed: string[] = []
      for (const r of rows) {
        const seq = nextSeq()
        const values = r.members.map(() => '(?, ?, ?, ?, 0, ?, ?)').join(', ')
        const params = r.members.flatMap((a) => [
          r.vswitchId,
          a,
          r.accountId,
          r.eniId,
          seq,
          r.prefix,
        ])
        // One statement for the 16 rows; ON CONFLICT DO NOTHING skips members already in use
        // (waiting for an uncommitted competitor first), so a short count means "taken".
        const changed = await c.run(
          `INSERT INTO private_ips (vswitch_id, address, account_id, eni_id, is_primary, seq, prefix)
            VALUES ${values} ON CONFLICT DO NOTHING`,
          params,
        )
        if (changed === r.members.length) {
          claimed.push(r.prefix)
          await addSlots(c, r.eniId, 1)
        } else if (changed > 0) {
          await c.run('DELETE FROM private_ips WHERE eni_id = ? AND prefix = ?', [
            r.eniId,
            r.prefix,
          ])
        }
      }
      return claimed
    },
    async deleteIpv4Prefixes(eniId, prefixes) {
      if (prefixes.length === 0) return 0
      const [r] = await c.all(
        `SELECT COUNT(DISTINCT prefix) AS n FROM private_ips WHERE eni_id = ?
          AND prefix IN (${marks(prefixes.length)})`,
        [eniId, ...prefixes],
      )
      const removed = num(r?.['n'] ?? 0)
      await c.run(
        `DELETE FROM private_ips WHERE eni_id = ? AND prefix IN (${marks(prefixes.length)})`,
        [eniId, ...prefixes],
      )
      await addSlots(c, eniId, -removed)
      return removed
    },
    async usedIpv4Prefixes(vswitchId) {
      const rows = await c.all(
        `SELECT DISTINCT prefix FROM private_ips WHERE vswitch_id = ? AND prefix IS NOT NULL`,
        [vswitchId],
      )
      return rows.map((r) => str(r['prefix']))
    },

    async insertIpv6Addresses(rows) {
      const inserted: string[] = []
      for (const r of rows) {
        const seq = nextSeq()
        const added = await c.run(
          `INSERT INTO ipv6_addresses (vswitch_id, address, block, account_id, eni_id, seq)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
          [r.vswitchId, r.address, r.block, r.accountId, r.eniId, seq],
        )
        if (added === 0) continue
        // Count the address into its /80, which row-locks the block until commit; a block that
        // is an assigned prefix refuses (0 rows), and the address goes again.
        const counted = await c.run(
          `INSERT INTO ipv6_blocks (vswitch_id, block, eni_id, account_id, addresses, seq)
            VALUES (?, ?, NULL, ?, 1, ?)
            ON CONFLICT (vswitch_id, block) DO UPDATE SET addresses = ipv6_blocks.addresses + 1
            WHERE ipv6_blocks.eni_id IS NULL`,
          [r.vswitchId, r.block, r.accountId, seq],
        )
        if (counted > 0) {
          inserted.push(r.address)
        } else {
          await c.run('DELETE FROM ipv6_addresses WHERE vswitch_id = ? AND address = ?', [
            r.vswitchId,
            r.address,
          ])
        }
      }
      return inserted
    },
    async deleteIpv6Addresses(eniId, addresses) {
      if (addresses.length === 0) return 0
      const rows = await c.all(
        `SELECT vswitch_id, address, block FROM ipv6_addresses WHERE eni_id = ?
          AND address IN (${marks(addresses.length)})`,
        [eniId, ...addresses],
      )
      await c.run(
        `DELETE FROM ipv6_addresses WHERE eni_id = ? AND address IN (${marks(addresses.length)})`,
        [eniId, ...addresses],
      )
      const perBlock = new Map<string, { vswitchId: string; n: number }>()
      for (const r of rows) {
        const key = str(r['block'])
        const entry = perBlock.get(key) ?? { vswitchId: str(r['vswitch_id']), n: 0 }
        entry.n++
        perBlock.set(key, entry)
      }
      // Blocks in a fixed order, so two transactions never wait on each other's blocks crosswise.
      for (const [block, { vswitchId, n }] of [...perBlock].sort(([a], [b]) => (a < b ? -1 : 1))) {
        await releaseIpv6Block(c, vswitchId, block, n)
      }
      return rows.length
    },
    async ipv6AddressesInUse(vswitchId, addresses) {
      if (addresses.length === 0) return []
      const rows = await c.all(
        `SELECT address FROM ipv6_addresses WHERE vswitch_id = ?
          AND address IN (${marks(addresses.length)})`,
        [vswitchId, ...addresses],
      )
      return rows.map((r) => str(r['address']))
    },
    async ipv6PrefixBlocksIn(vswitchId, blocks) {
      if (blocks.length === 0) return []
      const rows = await c.all(
        `SELECT block FROM ipv6_blocks WHERE vswitch_id = ? AND eni_id IS NOT NULL
          AND block IN (${marks(blocks.length)})`,
        [vswitchId, ...blocks],
      )
      return rows.map((r) => str(r['block']))
    },
    async usedIpv6Addresses(vswitchId) {
      const rows = await c.all('SELECT address FROM ipv6_addresses WHERE vswitch_id = ?', [
        vswitchId,
      ])
      return rows.map((r) => str(r['address']))
    },
    async insertIpv6Prefixes(rows) {
      const claimed: string[] = []
      for (const r of rows) {
        const changed = await c.run(
          `INSERT INTO ipv6_blocks (vswitch_id, block, eni_id, account_id, addresses, seq)
            VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT DO NOTHING`,
          [r.vswitchId, r.prefix, r.eniId, r.accountId, nextSeq()],
        )
        if (changed > 0) claimed.push(r.prefix)
      }
      return claimed
    },
    async deleteIpv6Prefixes(eniId, prefixes) {
      if (prefixes.length === 0) return 0
      return c.run(
        `DELETE FROM ipv6_blocks WHERE eni_id = ? AND block IN (${marks(prefixes.length)})`,
        [eniId, ...prefixes],
      )
    },
    async usedIpv6Blocks(vswitchId) {
      const rows = await c.all('SELECT block FROM ipv6_blocks WHERE vswitch_id = ?', [vswitchId])
      return rows.map((r) => str(r['block']))
    },
  }
}
