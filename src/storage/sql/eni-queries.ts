import type { TrafficMode } from '../../domain/eni-traffic.js'
import { defaultResourceGroupId } from '../../domain/resource-group.js'
import type { Eni, EniView, PrivateIp } from '../../domain/resources.js'
import type { EniStatus, EniType } from '../../domain/statuses.js'
import type { EniPatch, Tx } from '../store.js'
import { add, pageQuery, where } from './paging.js'
import { releaseIpv6Block } from './prefix-queries.js'
import type { Dialect, Row, SqlConnection, SqlValue } from './sql-connection.js'
import { addTagMatches, deleteTagsOfResource } from './tag-queries.js'
import { bool, date, marks, num, str, strOrNull } from './sql-connection.js'

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

const toEni = (r: Row): Eni => ({
  ...roundTripped(r),
  id: str(r['id']),
  accountId: str(r['account_id']),
  regionId: str(r['region_id']),
  zoneId: str(r['zone_id']),
  vpcId: str(r['vpc_id']),
  vswitchId: str(r['vswitch_id']),
  type: str(r['eni_type']) as EniType,
  status: str(r['status']) as EniStatus,
  macAddress: str(r['mac_address']),
  primaryIp: str(r['primary_ip']),
  name: str(r['name']),
  description: str(r['description']),
  instanceId: strOrNull(r['instance_id']),
  deviceIndex: r['device_index'] == null ? null : num(r['device_index']),
  deleteOnRelease: bool(r['delete_on_release']),
  sourceDestCheck: bool(r['source_dest_check']),
  createdAt: date(r['created_at']),
})

/** extensions.md §7; an ENI from before migration 3 has no group: its account's default. */
function roundTripped(
  r: Row,
): Pick<Eni, 'trafficMode' | 'resourceGroupId' | 'queueNumber' | 'queuePairNumber'> {
  return {
    trafficMode: str(r['traffic_mode']) as TrafficMode,
    resourceGroupId:
      strOrNull(r['resource_group_id']) ?? defaultResourceGroupId(str(r['account_id'])),
    queueNumber: r['queue_number'] == null ? null : num(r['queue_number']),
    queuePairNumber: r['queue_pair_number'] == null ? null : num(r['queue_pair_number']),
  }
}

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

const groupBy = <T>(rows: Row[], value: (r: Row) => T): Map<string, T[]> => {
  const map = new Map<string, T[]>()
  for (const r of rows) {
    const key = str(r['eni_id'])
    const list = map.get(key) ?? []
    list.push(value(r))
    map.set(key, list)
  }
  return map
}

/**
 * Adds security groups, single private IPs (primary first, then in assignment order), IPv6
 * addresses and IPv4/IPv6 prefixes (in assignment order).
 */
async function withDetails(c: SqlConnection, enis: Eni[]): Promise<EniView[]> {
  if (enis.length === 0) return []
  const ids = enis.map((e) => e.id)
  const sgRows = await c.all(
    `SELECT eni_id, sg_id FROM eni_security_groups WHERE eni_id IN (${marks(ids.length)})
      ORDER BY position`,
    ids,
  )
  const ipRows = await c.all(
    `SELECT eni_id, address, is_primary FROM private_ips WHERE eni_id IN (${marks(ids.length)})
      AND prefix IS NULL ORDER BY is_primary DESC, seq, address`,
    ids,
  )
  const v4PrefixRows = await c.all(
    `SELECT eni_id, prefix, MIN(seq) AS first_seq FROM private_ips
      WHERE eni_id IN (${marks(ids.length)}) AND prefix IS NOT NULL
      GROUP BY eni_id, prefix ORDER BY first_seq, prefix`,
    ids,
  )
  const v6Rows = await c.all(
    `SELECT eni_id, address FROM ipv6_addresses WHERE eni_id IN (${marks(ids.length)})
      ORDER BY seq, address`,
    ids,
  )
  const v6PrefixRows = await c.all(
    `SELECT eni_id, block FROM ipv6_blocks WHERE eni_id IN (${marks(ids.length)})
      ORDER BY seq, block`,
    ids,
  )
  const instanceIds = [
    ...new Set(enis.flatMap((e) => (e.instanceId === null ? [] : [e.instanceId]))),
  ]
  const typeRows = instanceIds.length
    ? await c.all(
        `SELECT id, instance_type FROM instances WHERE id IN (${marks(instanceIds.length)})`,
        instanceIds,
      )
    : []
  const typeOf = new Map(typeRows.map((r) => [str(r['id']), str(r['instance_type'])]))
  const v4Prefixes = groupBy(v4PrefixRows, (r) => str(r['prefix']))
  const v6 = groupBy(v6Rows, (r) => str(r['address']))
  const v6Prefixes = groupBy(v6PrefixRows, (r) => str(r['block']))
  const sgs = new Map<string, string[]>()
  for (const r of sgRows) {
    const list = sgs.get(str(r['eni_id'])) ?? []
    list.push(str(r['sg_id']))
    sgs.set(str(r['eni_id']), list)
  }
  const ips = new Map<string, PrivateIp[]>()
  for (const r of ipRows) {
    const list = ips.get(str(r['eni_id'])) ?? []
    list.push({ address: str(r['address']), primary: bool(r['is_primary']) })
    ips.set(str(r['eni_id']), list)
  }
  return enis.map((e) => ({
    ...e,
    securityGroupIds: sgs.get(e.id) ?? [],
    privateIps: ips.get(e.id) ?? [],
    ipv6Addresses: v6.get(e.id) ?? [],
    ipv4Prefixes: v4Prefixes.get(e.id) ?? [],
    ipv6Prefixes: v6Prefixes.get(e.id) ?? [],
    attachedInstanceType: e.instanceId === null ? null : (typeOf.get(e.instanceId) ?? null),
  }))
}

export function eniQueries(c: SqlConnection, d: Dialect): EniQueries {
  const setEniSecurityGroups: EniQueries['setEniSecurityGroups'] = async (
    eniId,
    accountId,
    ids,
  ) => {
    await c.run('DELETE FROM eni_security_groups WHERE eni_id = ?', [eniId])
    for (const [position, sgId] of ids.entries()) {
      await c.run(
        'INSERT INTO eni_security_groups (eni_id, sg_id, account_id, position) VALUES (?, ?, ?, ?)',
        [eniId, sgId, accountId, position],
      )
    }
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
      await setEniSecurityGroups(e.id, e.accountId, securityGroupIds)
    },
    async getEni(accountId, id, forUpdate = false) {
      const rows = await c.all(
        `SELECT * FROM enis WHERE account_id = ? AND id = ?${forUpdate ? d.forUpdate : ''}`,
        [accountId, id],
      )
      const [view] = await withDetails(c, rows.map(toEni))
      return view
    },
    async listEnis(accountId, f, page) {
      const w = where()
      add(w, 'account_id = ?', accountId)
      add(w, 'region_id = ?', f.regionId)
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
        // The owners first (index private_ips_account_address), then the ENIs by id: as a
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
      const result = await pageQuery(c, 'enis', w, page, toEni)
      return {
        items: await withDetails(c, result.items),
        totalCount: result.totalCount,
        nextToken: result.nextToken,
      }
    },
    async enisOfInstance(instanceId) {
      const rows = await c.all('SELECT * FROM enis WHERE instance_id = ? ORDER BY device_index', [
        instanceId,
      ])
      return withDetails(c, rows.map(toEni))
    },
    async countEnis(accountId, regionId) {
      const [r] = await c.all(
        'SELECT COUNT(*) AS n FROM enis WHERE account_id = ? AND region_id = ? AND eni_type <> ?',
        [accountId, regionId, 'Primary'],
      )
      return num(r?.['n'] ?? 0)
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
