// Each security group's private-IP slots (its member ENIs' addresses, primary and secondary, one
// slot per IPv4 /28 prefix), kept on the group's row (security_groups.ip_slots, migration 10) by
// every statement that changes an ENI's addresses or its groups. The capacity check then reads
// one row per group instead of counting the group's addresses: that count took 0.44 ms at 2,000
// addresses on SQLite (65,536 in an enterprise group), and on PostgreSQL it ran under the group's
// row lock, which every assign into the group waits for.
import type { SqlConnection } from './sql-connection.js'
import { marks, num, str } from './sql-connection.js'

/**
 * An ENI's slots: its addresses, a /28's 16 member rows counting once (a prefix is claimed whole
 * or not at all, so its rows come in sixteens).
 */
export async function eniSlots(c: SqlConnection, eniId: string): Promise<number> {
  const [r] = await c.all(
    `SELECT COUNT(*) - COUNT(prefix) + COUNT(prefix) / 16 AS n FROM private_ips WHERE eni_id = ?`,
    [eniId],
  )
  return num(r?.['n'] ?? 0)
}

/** Adds `delta` slots to every group the ENI is in (it may be negative). */
export async function addGroupSlots(c: SqlConnection, eniId: string, delta: number): Promise<void> {
  if (delta === 0) return
  await c.run(
    `UPDATE security_groups SET ip_slots = ip_slots + ?
      WHERE id IN (SELECT sg_id FROM eni_security_groups WHERE eni_id = ?)`,
    [delta, eniId],
  )
}

/** The slots each group holds (0 for an unknown id). */
export async function groupSlots(
  c: SqlConnection,
  groupIds: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map(groupIds.map((id) => [id, 0]))
  if (groupIds.length === 0) return counts
  const rows = await c.all(
    `SELECT id, ip_slots FROM security_groups WHERE id IN (${marks(groupIds.length)})`,
    [...groupIds],
  )
  for (const r of rows) counts.set(str(r['id']), num(r['ip_slots']))
  return counts
}
