// How many ENIs each account has in each region, kept in `eni_counts` by the ENI writes
// themselves (insertEni, deleteEni), in the same transaction. A COUNT(*) over the enis of an
// account walks every one of them (100,000 entries take milliseconds on either engine); this row
// answers at once, exactly, for the unfiltered DescribeNetworkInterfaces total (each page of a
// NextToken walk) and for the per-region quota on CreateNetworkInterface (which counts the
// non-Primary ENIs, `secondaries`).
import type { Eni } from '../../domain/resources.js'
import type { SqlConnection } from './sql-connection.js'
import { num, str } from './sql-connection.js'

const isSecondary = (type: string): number => (type === 'Primary' ? 0 : 1)

export async function countInsertedEni(c: SqlConnection, e: Eni): Promise<void> {
  await c.run(
    `INSERT INTO eni_counts (account_id, region_id, enis, secondaries) VALUES (?, ?, 1, ?)
      ON CONFLICT (account_id, region_id) DO UPDATE SET enis = eni_counts.enis + 1,
        secondaries = eni_counts.secondaries + excluded.secondaries`,
    [e.accountId, e.regionId, isSecondary(e.type)],
  )
}

/** Call before the ENI's row is deleted. */
export async function countDeletedEni(c: SqlConnection, id: string): Promise<void> {
  const [r] = await c.all('SELECT account_id, region_id, eni_type FROM enis WHERE id = ?', [id])
  if (r === undefined) return
  await c.run(
    `UPDATE eni_counts SET enis = enis - 1, secondaries = secondaries - ?
      WHERE account_id = ? AND region_id = ?`,
    [isSecondary(str(r['eni_type'])), str(r['account_id']), str(r['region_id'])],
  )
}

export async function eniCounts(
  c: SqlConnection,
  accountId: string,
  regionId: string,
): Promise<{ enis: number; secondaries: number }> {
  const [r] = await c.all(
    'SELECT enis, secondaries FROM eni_counts WHERE account_id = ? AND region_id = ?',
    [accountId, regionId],
  )
  return { enis: num(r?.['enis'] ?? 0), secondaries: num(r?.['secondaries'] ?? 0) }
}
