// What each membership puts into its security group's private-IP cap (migration 11): the ENI's
// addresses, a /28 prefix as one, kept in `eni_security_groups.ip_count` by every statement
// here that writes or removes an ENI's addresses, so the capacity check sums a group's
// memberships instead of counting its members' addresses. The updates touch only the ENI's own
// membership rows (locked with the ENI), never the group's row.
import type { SqlConnection } from './sql-connection.js'

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
