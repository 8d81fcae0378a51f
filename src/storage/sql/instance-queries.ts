import type { Instance } from '../../domain/resources.js'
import type { InstanceStatus, NetworkType } from '../../domain/statuses.js'
import type { Tx } from '../store.js'
import { add, pageQuery, where } from './paging.js'
import type { Dialect, Row, SqlConnection } from './sql-connection.js'
import { date, dateOrNull, marks, num, str, strOrNull } from './sql-connection.js'
import { addTagMatches, deleteTagsOfResource } from './tag-queries.js'

type InstanceQueries = Pick<
  Tx,
  | 'insertInstance'
  | 'getInstance'
  | 'listInstances'
  | 'countInstancesOfVSwitch'
  | 'setInstanceStatus'
  | 'deleteInstance'
  | 'findInstancesByAddress'
  | 'instancesWithStatus'
>

const toInstance = (r: Row): Instance => ({
  id: str(r['id']),
  accountId: str(r['account_id']),
  regionId: str(r['region_id']),
  zoneId: str(r['zone_id']),
  networkType: str(r['network_type']) as NetworkType,
  vpcId: strOrNull(r['vpc_id']),
  vswitchId: strOrNull(r['vswitch_id']),
  instanceType: str(r['instance_type']),
  imageId: str(r['image_id']),
  name: str(r['name']),
  hostName: str(r['host_name']),
  description: str(r['description']),
  status: str(r['status']) as InstanceStatus,
  createdAt: date(r['created_at']),
  startedAt: dateOrNull(r['started_at']),
})

export function instanceQueries(c: SqlConnection, d: Dialect): InstanceQueries {
  return {
    async insertInstance(i) {
      await c.run(
        `INSERT INTO instances (id, account_id, region_id, zone_id, network_type, vpc_id,
          vswitch_id, instance_type, image_id, name, host_name, description, status, created_at,
          started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          i.id,
          i.accountId,
          i.regionId,
          i.zoneId,
          i.networkType,
          i.vpcId,
          i.vswitchId,
          i.instanceType,
          i.imageId,
          i.name,
          i.hostName,
          i.description,
          i.status,
          i.createdAt.getTime(),
          i.startedAt?.getTime() ?? null,
        ],
      )
    },
    async getInstance(accountId, id, forUpdate = false) {
      const [r] = await c.all(
        `SELECT * FROM instances WHERE account_id = ? AND id = ?${forUpdate ? d.forUpdate : ''}`,
        [accountId, id],
      )
      return r && toInstance(r)
    },
    async listInstances(accountId, f, page) {
      const w = where()
      add(w, 'account_id = ?', accountId)
      add(w, 'region_id = ?', f.regionId)
      if (f.ids) add(w, f.ids.length ? `id IN (${marks(f.ids.length)})` : '1 = 0', ...f.ids)
      if (f.vpcId !== undefined) add(w, 'vpc_id = ?', f.vpcId)
      if (f.vswitchId !== undefined) add(w, 'vswitch_id = ?', f.vswitchId)
      if (f.zoneId !== undefined) add(w, 'zone_id = ?', f.zoneId)
      if (f.status !== undefined) add(w, 'status = ?', f.status)
      if (f.instanceType !== undefined) add(w, 'instance_type = ?', f.instanceType)
      if (f.name !== undefined) add(w, 'name = ?', f.name)
      if (f.securityGroupId !== undefined) {
        add(
          w,
          `id IN (SELECT e.instance_id FROM enis e JOIN eni_security_groups m ON m.eni_id = e.id
            WHERE e.eni_type = 'Primary' AND m.sg_id = ?)`,
          f.securityGroupId,
        )
      }
      if (f.privateIps) {
        // The owners first (index private_ips_address: address, account), then the instances by id.
        const owners = f.privateIps.length
          ? await c.all(
              `SELECT DISTINCT e.instance_id FROM private_ips p JOIN enis e ON e.id = p.eni_id
                WHERE p.account_id = ? AND p.address IN (${marks(f.privateIps.length)})
                AND p.is_primary = 1 AND p.prefix IS NULL
                AND e.eni_type = 'Primary' AND e.instance_id IS NOT NULL`,
              [accountId, ...f.privateIps],
            )
          : []
        const ids = owners.map((r) => str(r['instance_id']))
        add(w, ids.length ? `id IN (${marks(ids.length)})` : '1 = 0', ...ids)
      }
      addTagMatches(w, 'id', accountId, 'instance', f.tags)
      return pageQuery(c, 'instances', w, page, toInstance)
    },
    async countInstancesOfVSwitch(vswitchId) {
      const [r] = await c.all('SELECT COUNT(*) AS n FROM instances WHERE vswitch_id = ?', [
        vswitchId,
      ])
      return num(r?.['n'] ?? 0)
    },
    async setInstanceStatus(id, status, startedAt) {
      if (startedAt) {
        await c.run('UPDATE instances SET status = ?, started_at = ? WHERE id = ?', [
          status,
          startedAt.getTime(),
          id,
        ])
      } else {
        await c.run('UPDATE instances SET status = ? WHERE id = ?', [status, id])
      }
    },
    async deleteInstance(accountId, id) {
      await deleteTagsOfResource(c, 'instance', id)
      await c.run('DELETE FROM instances WHERE account_id = ? AND id = ?', [accountId, id])
    },
    async findInstancesByAddress(address, vswitchId) {
      // One row per (vSwitch, address) at most (the primary key), so no DISTINCT is needed.
      const rows = await c.all(
        `SELECT i.* FROM private_ips p
          JOIN enis e ON e.id = p.eni_id AND e.status = 'InUse'
          JOIN instances i ON i.id = e.instance_id
          WHERE p.address = ?${vswitchId === undefined ? '' : ' AND p.vswitch_id = ?'}
          ORDER BY i.id`,
        vswitchId === undefined ? [address] : [address, vswitchId],
      )
      return rows.map(toInstance)
    },
    async instancesWithStatus(status) {
      const rows = await c.all('SELECT * FROM instances WHERE status = ? ORDER BY id', [status])
      return rows.map(toInstance)
    },
  }
}
