import { defaultResourceGroupId } from '../../domain/resource-group.js'
import type { EniPatch, Tx } from '../store.js'
import { countDeletedEni, countInsertedEni, eniCounts } from './eni-counts.js'
import { ENI_LIST_COLUMNS, ENI_SELECT, enisOfRows, taggedEnisOfRows } from './eni-details.js'
import { add, pageQueryRows, where } from './paging.js'
import { releaseIpv6Block } from './prefix-queries.js'
import type { Dialect, SqlConnection, SqlValue } from './sql-connection.js'
import { SLOTS_OF_ROWS } from './sg-slots.js'
import { addTagMatches, deleteTagsOfResource } from './tag-queries.js'
import { marks, num, str } from './sql-connection.js'

type EniQueries = Pick<
  Tx,
  | 'insertEni'
  | 'getEni'
  | 'listEnis'
  | 'enisOfInstance'
  | 'countEnis'
  | 'countEnisOfVSwitch'
  | 'updateEni'
  | 'setEniSecurityGroups'
  | 'deleteEni'
>

const PATCH_COLUMNS: Record<keyof EniPatch, string> = {
  status: 'status',
  name: 'name',
  description: 'description',
  instanceId: 'instance_id',
  deviceIndex: 'device_index',
  deleteOnRelease: 'delete_on_release',
  sourceDestCheck: 'source_dest_check',
  primaryIp: 'primary_ip',
  trafficMode: 'traffic_mode',
  queueNumber: 'queue_number',
  queuePairNumber: 'queue_pair_number',
}

export function eniQueries(c: SqlConnection, d: Dialect): EniQueries {
  /** The ENI's memberships, in order, each holding `slots` (sg-slots.ts). */
  const insertMemberships = async (
    eniId: string,
    accountId: string,
    ids: readonly string[],
    slots: number,
  ) => {
    for (const [position, sgId] of ids.entries()) {
      await c.run(
        `INSERT INTO eni_security_groups (eni_id, sg_id, account_id, position, ip_count)
          VALUES (?, ?, ?, ?, ?)`,
        [eniId, sgId, accountId, position, slots],
      )
    }
  }
  const setEniSecurityGroups: EniQueries['setEniSecurityGroups'] = async (
    eniId,
    accountId,
    ids,
  ) => {
    await c.run('DELETE FROM eni_security_groups WHERE eni_id = ?', [eniId])
    if (ids.length === 0) return
    // What the ENI already holds goes into each group it joins.
    const [held] = await c.all(
      `SELECT ${SLOTS_OF_ROWS} AS n FROM private_ips p WHERE p.eni_id = ?`,
      [eniId],
    )
    await insertMemberships(eniId, accountId, ids, num(held?.['n'] ?? 0))
  }
  return {
    setEniSecurityGroups,
    async insertEni(e, securityGroupIds) {
      await c.run(
        `INSERT INTO enis (id, account_id, region_id, zone_id, vpc_id, vswitch_id, eni_type,
          status, mac_address, primary_ip, name, description, instance_id, device_index,
          delete_on_release, source_dest_check, created_at, traffic_mode, resource_group_id,
          queue_number, queue_pair_number)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          e.id,
          e.accountId,
          e.regionId,
          e.zoneId,
          e.vpcId,
          e.vswitchId,
          e.type,
          e.status,
          e.macAddress,
          e.primaryIp,
          e.name,
          e.description,
          e.instanceId,
          e.deviceIndex,
          e.deleteOnRelease ? 1 : 0,
          e.sourceDestCheck ? 1 : 0,
          e.createdAt.getTime(),
          e.trafficMode,
          e.resourceGroupId,
          e.queueNumber,
          e.queuePairNumber,
        ],
      )
      await countInsertedEni(c, e)
      // A new ENI holds no address yet (private_ips refers to its row): nothing to count.
      await insertMemberships(e.id, e.accountId, securityGroupIds, 0)
    },
    async getEni(accountId, id, forUpdate = false) {
      const rows = await c.rows(
        `SELECT ${d.row(ENI_SELECT)} FROM enis WHERE account_id = ? AND id = ?${forUpdate ? d.forUpdate : ''}`,
        [accountId, id],
      )
      const [view] = await enisOfRows(c, d, rows)
      return view
    },
    async listEnis(accountId, f, page) {
      const w = where()
      add(w, 'account_id = ?', accountId)
      add(w, 'region_id = ?', f.regionId)
      const unfiltered = w.clauses.length
      if (f.ids) add(w, f.ids.length ? `id IN (${marks(f.ids.length)})` : '1 = 0', ...f.ids)
      if (f.instanceId !== undefined) add(w, 'instance_id = ?', f.instanceId)
      if (f.vpcId !== undefined) add(w, 'vpc_id = ?', f.vpcId)
      if (f.vswitchId !== undefined) add(w, 'vswitch_id = ?', f.vswitchId)
      if (f.type !== undefined) add(w, 'eni_type = ?', f.type)
      if (f.status !== undefined) add(w, 'status = ?', f.status)
      if (f.primaryIp !== undefined) add(w, 'primary_ip = ?', f.primaryIp)
      if (f.name !== undefined) add(w, 'name = ?', f.name)
      if (f.securityGroupId !== undefined) {
        add(w, 'id IN (SELECT eni_id FROM eni_security_groups WHERE sg_id = ?)', f.securityGroupId)
      }
      if (f.privateIps) {
        // The owners first (index private_ips_address: address, account), then the ENIs by id: as a
        // subquery, SQLite would walk every ENI of the account and probe it.
        const owners = f.privateIps.length
          ? await c.all(
              `SELECT DISTINCT eni_id FROM private_ips
                WHERE account_id = ? AND address IN (${marks(f.privateIps.length)})
                AND prefix IS NULL`,
              [accountId, ...f.privateIps],
            )
          : []
        const ids = owners.map((r) => str(r['eni_id']))
        add(w, ids.length ? `id IN (${marks(ids.length)})` : '1 = 0', ...ids)
      }
      if (f.ipv6Addresses) {
        add(
          w,
          f.ipv6Addresses.length
            ? `id IN (SELECT eni_id FROM ipv6_addresses
                WHERE address IN (${marks(f.ipv6Addresses.length)}))`
            : '1 = 0',
          ...f.ipv6Addresses,
        )
      }
      if (f.resourceGroupId !== undefined) {
        // ENIs from before migration 3 carry no group: they are in the account's default one.
        add(
          w,
          f.resourceGroupId === defaultResourceGroupId(accountId)
            ? '(resource_group_id = ? OR resource_group_id IS NULL)'
            : 'resource_group_id = ?',
          f.resourceGroupId,
        )
      }
      if (f.trafficMode !== undefined) add(w, 'traffic_mode = ?', f.trafficMode)
      addTagMatches(w, 'id', accountId, 'eni', f.tags)
      // Only account and region: the kept count answers the total (eni-counts.ts).
      const count =
        w.clauses.length === unfiltered
          ? async () => (await eniCounts(c, accountId, f.regionId)).enis
          : undefined
      const result = await pageQueryRows(c, d, 'enis', ENI_LIST_COLUMNS, w, page, (r) => r, count)
      return {
        items: await taggedEnisOfRows(c, d, { accountId, regionId: f.regionId }, result.items),
        totalCount: result.totalCount,
        nextToken: result.nextToken,
      }
    },
    async enisOfInstance(instanceId) {
      const rows = await c.rows(
        `SELECT ${d.row(ENI_SELECT)} FROM enis WHERE instance_id = ? ORDER BY device_index`,
        [instanceId],
      )
      return enisOfRows(c, d, rows)
    },
    async countEnis(accountId, regionId) {
      return (await eniCounts(c, accountId, regionId)).secondaries
    },
    async countEnisOfVSwitch(vswitchId) {
      const [r] = await c.all('SELECT COUNT(*) AS n FROM enis WHERE vswitch_id = ?', [vswitchId])
      return num(r?.['n'] ?? 0)
    },
    async updateEni(id, patch) {
      const sets: string[] = []
      const params: SqlValue[] = []
      for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof EniPatch, string][]) {
        if (!(key in patch)) continue
        const v = patch[key]
        sets.push(`${column} = ?`)
        params.push(typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null))
      }
      if (sets.length === 0) return
      await c.run(`UPDATE enis SET ${sets.join(', ')} WHERE id = ?`, [...params, id])
    },
    async deleteEni(id) {
      await countDeletedEni(c, id)
      const v6Blocks = await c.all(
        `SELECT vswitch_id, block, COUNT(*) AS n FROM ipv6_addresses WHERE eni_id = ?
          GROUP BY vswitch_id, block ORDER BY block`,
        [id],
      )
      await c.run('DELETE FROM ipv6_addresses WHERE eni_id = ?', [id])
      for (const r of v6Blocks) {
        await releaseIpv6Block(c, str(r['vswitch_id']), str(r['block']), num(r['n']))
      }
      await c.run('DELETE FROM ipv6_blocks WHERE eni_id = ?', [id])
      await c.run('DELETE FROM private_ips WHERE eni_id = ?', [id])
      await c.run('DELETE FROM eni_security_groups WHERE eni_id = ?', [id])
      await deleteTagsOfResource(c, 'eni', id)
      await c.run('DELETE FROM enis WHERE id = ?', [id])
    },
  }
}
