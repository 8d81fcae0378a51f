// VPCs, vSwitches and security groups.
import type { SecurityGroup, VSwitch, Vpc } from '../../domain/resources.js'
import type { NetworkStatus, SecurityGroupType } from '../../domain/statuses.js'
import type { Tx } from '../store.js'
import { add, pageQuery, where } from './paging.js'
import type { Dialect, Row, SqlConnection } from './sql-connection.js'
import { addTagMatches, deleteTagsOfResource } from './tag-queries.js'
import { date, marks, num, str, strOrNull } from './sql-connection.js'

type NetworkQueries = Pick<
  Tx,
  | 'insertVpc'
  | 'getVpc'
  | 'listVpcs'
  | 'countVpcs'
  | 'setVpcStatus'
  | 'setVpcIpv6'
  | 'renameVpc'
  | 'deleteVpc'
  | 'maxVpcIpv6PoolIndex'
  | 'vpcIpv6CidrsTaken'
  | 'insertVpcIpv6Cidr'
  | 'insertVSwitch'
  | 'getVSwitch'
  | 'listVSwitches'
  | 'vswitchesOfVpc'
  | 'setVSwitchStatus'
  | 'setVSwitchIpv6'
  | 'deleteVSwitch'
  | 'insertSecurityGroup'
  | 'getSecurityGroups'
  | 'listSecurityGroups'
  | 'countSecurityGroups'
  | 'countSecurityGroupsOfVpc'
  | 'lockSecurityGroups'
  | 'countSecurityGroupIps'
  | 'countSecurityGroupIpsIn'
  | 'countSecurityGroupMembers'
  | 'deleteSecurityGroup'
>

const toVpc = (r: Row): Vpc => ({
  id: str(r['id']),
  accountId: str(r['account_id']),
  regionId: str(r['region_id']),
  cidrBlock: str(r['cidr_block']),
  name: str(r['name']),
  description: str(r['description']),
  status: str(r['status']) as NetworkStatus,
  vRouterId: str(r['vrouter_id']),
  routeTableId: str(r['route_table_id']),
  createdAt: date(r['created_at']),
  ipv6CidrBlock: strOrNull(r['ipv6_cidr_block']),
  ipv6Isp: strOrNull(r['ipv6_isp']),
})

const toVSwitch = (r: Row): VSwitch => ({
  id: str(r['id']),
  accountId: str(r['account_id']),
  vpcId: str(r['vpc_id']),
  regionId: str(r['region_id']),
  zoneId: str(r['zone_id']),
  cidrBlock: str(r['cidr_block']),
  name: str(r['name']),
  description: str(r['description']),
  status: str(r['status']) as NetworkStatus,
  createdAt: date(r['created_at']),
  ipv6CidrBlock: strOrNull(r['ipv6_cidr_block']),
})

const toSecurityGroup = (r: Row): SecurityGroup => ({
  id: str(r['id']),
  accountId: str(r['account_id']),
  vpcId: str(r['vpc_id']),
  regionId: str(r['region_id']),
  name: str(r['name']),
  description: str(r['description']),
  type: str(r['sg_type']) as SecurityGroupType,
  createdAt: date(r['created_at']),
})

export function networkQueries(c: SqlConnection, d: Dialect): NetworkQueries {
  const countSecurityGroupIpsIn: NetworkQueries['countSecurityGroupIpsIn'] = async (groupIds) => {
    const counts = new Map(groupIds.map((id) => [id, 0]))
    if (groupIds.length === 0) return counts
    // The memberships' slots (sg-slots.ts): one row per member ENI, not one per address.
    const rows = await c.all(
      `SELECT sg_id, SUM(ip_count) AS n FROM eni_security_groups
        WHERE sg_id IN (${marks(groupIds.length)}) GROUP BY sg_id`,
      [...groupIds],
    )
    for (const r of rows) counts.set(str(r['sg_id']), num(r['n']))
    return counts
  }
  const count = async (sql: string, params: (string | number)[]) =>
    num((await c.all(sql, params))[0]?.['n'] ?? 0)
  return {
    async insertVpc(v) {
      await c.run(
        `INSERT INTO vpcs (id, account_id, region_id, cidr_block, name, description, status,
          vrouter_id, route_table_id, created_at, ipv6_cidr_block, ipv6_isp)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          v.id,
          v.accountId,
          v.regionId,
          v.cidrBlock,
          v.name,
          v.description,
          v.status,
          v.vRouterId,
          v.routeTableId,
          v.createdAt.getTime(),
          v.ipv6CidrBlock,
          v.ipv6Isp,
        ],
      )
    },
    async getVpc(accountId, id) {
      const [r] = await c.all('SELECT * FROM vpcs WHERE account_id = ? AND id = ?', [accountId, id])
      return r && toVpc(r)
    },
    async listVpcs(accountId, f, page) {
      const w = where()
      add(w, 'account_id = ?', accountId)
      add(w, 'region_id = ?', f.regionId)
      if (f.ids) add(w, f.ids.length ? `id IN (${marks(f.ids.length)})` : '1 = 0', ...f.ids)
      if (f.name !== undefined) add(w, 'name = ?', f.name)
      addTagMatches(w, 'id', accountId, 'vpc', f.tags)
      if (f.ipv6 !== undefined) add(w, `ipv6_cidr_block IS ${f.ipv6 ? 'NOT ' : ''}NULL`)
      return pageQuery(c, 'vpcs', w, page, toVpc)
    },
    countVpcs: (accountId, regionId) =>
      count('SELECT COUNT(*) AS n FROM vpcs WHERE account_id = ? AND region_id = ?', [
        accountId,
        regionId,
      ]),
    async setVpcStatus(id, status) {
      await c.run('UPDATE vpcs SET status = ? WHERE id = ?', [status, id])
    },
    async renameVpc(id, name, description) {
      await c.run('UPDATE vpcs SET name = ?, description = ? WHERE id = ?', [name, description, id])
    },
    async setVpcIpv6(id, ipv6CidrBlock, ipv6Isp) {
      await c.run('UPDATE vpcs SET ipv6_cidr_block = ?, ipv6_isp = ? WHERE id = ?', [
        ipv6CidrBlock,
        ipv6Isp,
        id,
      ])
    },
    async deleteVpc(accountId, id) {
      await deleteTagsOfResource(c, 'vpc', id)
      await c.run('DELETE FROM vpcs WHERE account_id = ? AND id = ?', [accountId, id])
    },
    async maxVpcIpv6PoolIndex() {
      const [r] = await c.all('SELECT MAX(pool_index) AS n FROM vpc_ipv6_cidrs')
      return r?.['n'] == null ? -1 : num(r['n'])
    },
    async vpcIpv6CidrsTaken(cidrBlocks) {
      if (cidrBlocks.length === 0) return []
      const rows = await c.all(
        `SELECT cidr_block FROM vpc_ipv6_cidrs WHERE cidr_block IN (${marks(cidrBlocks.length)})`,
        cidrBlocks,
      )
      return rows.map((r) => str(r['cidr_block']))
    },
    async insertVpcIpv6Cidr(v) {
      await c.run(
        `INSERT INTO vpc_ipv6_cidrs (cidr_block, region_id, pool_index, vpc_id, created_at)
          VALUES (?, ?, ?, ?, ?)`,
        [v.cidrBlock, v.regionId, v.poolIndex, v.vpcId, v.createdAt.getTime()],
      )
    },

    async insertVSwitch(v) {
      await c.run(
        `INSERT INTO vswitches (id, account_id, vpc_id, region_id, zone_id, cidr_block, name,
          description, status, created_at, ipv6_cidr_block)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          v.id,
          v.accountId,
          v.vpcId,
          v.regionId,
          v.zoneId,
          v.cidrBlock,
          v.name,
          v.description,
          v.status,
          v.createdAt.getTime(),
          v.ipv6CidrBlock,
        ],
      )
    },
    async getVSwitch(accountId, id) {
      const [r] = await c.all('SELECT * FROM vswitches WHERE account_id = ? AND id = ?', [
        accountId,
        id,
      ])
      return r && toVSwitch(r)
    },
    async listVSwitches(accountId, f, page) {
      const w = where()
      add(w, 'account_id = ?', accountId)
      if (f.regionId !== undefined) add(w, 'region_id = ?', f.regionId)
      if (f.vpcId !== undefined) add(w, 'vpc_id = ?', f.vpcId)
      if (f.zoneId !== undefined) add(w, 'zone_id = ?', f.zoneId)
      if (f.name !== undefined) add(w, 'name = ?', f.name)
      if (f.ids) add(w, f.ids.length ? `id IN (${marks(f.ids.length)})` : '1 = 0', ...f.ids)
      addTagMatches(w, 'id', accountId, 'vswitch', f.tags)
      if (f.ipv6 !== undefined) add(w, `ipv6_cidr_block IS ${f.ipv6 ? 'NOT ' : ''}NULL`)
      return pageQuery(c, 'vswitches', w, page, toVSwitch)
    },
    async vswitchesOfVpc(vpcId) {
      const rows = await c.all('SELECT * FROM vswitches WHERE vpc_id = ? ORDER BY created_at, id', [
        vpcId,
      ])
      return rows.map(toVSwitch)
    },
    async setVSwitchStatus(id, status) {
      await c.run('UPDATE vswitches SET status = ? WHERE id = ?', [status, id])
    },
    async setVSwitchIpv6(id, ipv6CidrBlock) {
      await c.run('UPDATE vswitches SET ipv6_cidr_block = ? WHERE id = ?', [ipv6CidrBlock, id])
    },
    async deleteVSwitch(accountId, id) {
      await deleteTagsOfResource(c, 'vswitch', id)
      await c.run('DELETE FROM vswitches WHERE account_id = ? AND id = ?', [accountId, id])
    },

    async insertSecurityGroup(g) {
      await c.run(
        `INSERT INTO security_groups (id, account_id, vpc_id, region_id, name, description,
          sg_type, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          g.id,
          g.accountId,
          g.vpcId,
          g.regionId,
          g.name,
          g.description,
          g.type,
          g.createdAt.getTime(),
        ],
      )
    },
    async getSecurityGroups(accountId, ids, forUpdate = false) {
      if (ids.length === 0) return []
      // Locked in id order, as lockSecurityGroups does, so two lockers never wait in a cycle.
      const lock = forUpdate && d.forUpdate !== '' ? ` ORDER BY id${d.forUpdate}` : ''
      const rows = await c.all(
        `SELECT * FROM security_groups WHERE account_id = ? AND id IN (${marks(ids.length)})${lock}`,
        [accountId, ...ids],
      )
      const byId = new Map(rows.map((r) => [str(r['id']), toSecurityGroup(r)]))
      return ids.flatMap((id) => byId.get(id) ?? [])
    },
    async listSecurityGroups(accountId, f, page) {
      const w = where()
      add(w, 'account_id = ?', accountId)
      add(w, 'region_id = ?', f.regionId)
      if (f.vpcId !== undefined) add(w, 'vpc_id = ?', f.vpcId)
      if (f.name !== undefined) add(w, 'name = ?', f.name)
      if (f.ids) add(w, f.ids.length ? `id IN (${marks(f.ids.length)})` : '1 = 0', ...f.ids)
      addTagMatches(w, 'id', accountId, 'securitygroup', f.tags)
      return pageQuery(c, 'security_groups', w, page, toSecurityGroup)
    },
    countSecurityGroups: (accountId, regionId) =>
      count('SELECT COUNT(*) AS n FROM security_groups WHERE account_id = ? AND region_id = ?', [
        accountId,
        regionId,
      ]),
    countSecurityGroupsOfVpc: (vpcId) =>
      count('SELECT COUNT(*) AS n FROM security_groups WHERE vpc_id = ?', [vpcId]),
    async lockSecurityGroups(ids) {
      if (ids.length === 0 || d.forUpdate === '') return
      const sorted = [...ids].sort()
      await c.all(
        `SELECT id FROM security_groups WHERE id IN (${marks(sorted.length)}) ORDER BY id${d.forUpdate}`,
        sorted,
      )
    },
    countSecurityGroupIps: async (groupId) =>
      (await countSecurityGroupIpsIn([groupId])).get(groupId) ?? 0,
    countSecurityGroupIpsIn,
    countSecurityGroupMembers: (groupId) =>
      count('SELECT COUNT(*) AS n FROM eni_security_groups WHERE sg_id = ?', [groupId]),
    async deleteSecurityGroup(accountId, id) {
      await deleteTagsOfResource(c, 'securitygroup', id)
      await c.run('DELETE FROM security_groups WHERE account_id = ? AND id = ?', [accountId, id])
    },
  }
}
