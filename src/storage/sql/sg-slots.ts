// What each membership puts into its security group's private-IP cap (migration 11): the ENI's
// addresses, a /28 prefix as one, kept in `eni_security_groups.ip_count` by every statement
// here that writes or removes an ENI's addresses, so the capacity check sums a group's
// memberships instead of counting its members' addresses. The updates touch only the ENI's own
// membership rows (locked with the ENI), never the group's row.
import type { Dialect, SqlConnection, SqlValue } from './sql-connection.js'
import { num } from './sql-connection.js'

/** Slots of the `private_ips p` rows selected: single addresses, plus one per /28 prefix. */
export const SLOTS_OF_ROWS = 'COUNT(*) - COUNT(p.prefix) + COUNT(p.prefix) / 16'

/** Adds `slots` (negative: removes them) to every group the ENI belongs to. */
export async function addSlots(c: SqlConnection, eniId: string, slots: number): Promise<void> {
  if (slots === 0) return
  await c.run('UPDATE eni_security_groups SET ip_count = ip_count + ? WHERE eni_id = ?', [
    slots,
    eniId,
  ])
}

/** An INSERT or DELETE of single addresses of the ENI `eniId`: each row it changes is one slot. */
export interface AddressWrite {
  readonly sql: string
  readonly params: readonly SqlValue[]
  readonly eniId: string
}

/**
 * Runs the writes in order and moves their ENIs' memberships by `sign` slots for each row they
 * changed; returns how many rows each changed. PostgreSQL runs each write and its update as one
 * statement (a round trip fewer for each assign and unassign); SQLite runs the writes, then one
 * update for each ENI.
 */
export async function writeAddresses(
  c: SqlConnection,
  d: Dialect,
  writes: readonly AddressWrite[],
  sign: 1 | -1,
): Promise<number[]> {
  const changed: number[] = []
  if (!d.writesInWith) {
    const slots = new Map<string, number>()
    for (const w of writes) {
      const n = await c.run(w.sql, w.params)
      changed.push(n)
      slots.set(w.eniId, (slots.get(w.eniId) ?? 0) + n)
    }
    for (const [eniId, n] of slots) await addSlots(c, eniId, sign * n)
    return changed
  }
  for (const w of writes) {
    const [r] = await c.all(
      `WITH w AS (${w.sql} RETURNING 1),
        s AS (UPDATE eni_security_groups SET ip_count = ip_count + ? * (SELECT COUNT(*) FROM w)
          WHERE eni_id = ? AND EXISTS (SELECT 1 FROM w))
        SELECT COUNT(*) AS n FROM w`,
      [...w.params, sign, w.eniId],
    )
    changed.push(num(r?.['n'] ?? 0))
  }
  return changed
}
