// VPCs, vSwitches and security groups: async Pending → Available, CIDR rules, quotas,
// DryRun, dependency checks, and the exact AvailableIpAddressCount.
import assert from 'node:assert/strict'

import type { Harness } from '../testing/service-harness.js'
import { describeOnEngines, REGION, ZONE_H, ZONE_I } from '../testing/service-harness.js'
import { createVpc } from './create-vpc.js'
import type { CreateVSwitchInput } from './create-vswitch.js'
import { createVSwitch } from './create-vswitch.js'
import { deleteNetworkInterface } from './delete-network-interface.js'
import { deleteInstance, stopInstance } from './instance-lifecycle.js'
import { runInstances } from './launch-instances.js'
import {
  createSecurityGroup,
  deleteSecurityGroup,
  describeSecurityGroups,
} from './security-group-operations.js'
import { deleteVpc, describeVpcs } from './vpc-operations.js'
import { deleteVSwitch, describeVSwitches } from './vswitch-operations.js'

const regionId = REGION

const vpc = (h: Harness, cidrBlock?: string, dryRun?: boolean) =>
  createVpc(h.ctx, h.caller, { regionId, cidrBlock, dryRun })
const vsw = (
  h: Harness,
  vpcId: string,
  cidrBlock: string,
  more: Partial<CreateVSwitchInput> = {},
) => createVSwitch(h.ctx, h.caller, { regionId, vpcId, zoneId: ZONE_H, cidrBlock, ...more })

describeOnEngines('VPCs, vSwitches, security groups', (t) => {
  t.it('CreateVpc: Pending then Available; default CIDR 172.16.0.0/12', async (h) => {
    const v = await vpc(h)
    assert.deepEqual([v.status, v.cidrBlock], ['Pending', '172.16.0.0/12'])
    assert.match(v.vRouterId, /^vrt-/)
    assert.match(v.routeTableId, /^vtb-/)
    await h.settle()
    const { items } = await describeVpcs(h.ctx, h.caller, { regionId, ids: [v.id] })
    assert.equal(items[0]?.status, 'Available')
  })

  t.it('CreateVpc: CIDR mask 8–28, well formed, not a forbidden range', async (h) => {
    for (const [cidr, code] of [
      ['10.0.0.0/7', 'InvalidCirdrBlock.MaskLength'],
      ['10.0.0.0/29', 'InvalidCirdrBlock.MaskLength'],
      ['10.0.0.1/16', 'InvalidParameter'],
      ['not-a-cidr', 'InvalidParameter'],
      ['10.0.0.0', 'InvalidParameter'],
      ['100.64.0.0/16', 'InvalidParameter'],
      ['127.0.0.0/8', 'InvalidParameter'],
      ['169.254.0.0/16', 'InvalidParameter'],
      ['224.0.0.0/8', 'InvalidParameter'],
      ['100.0.0.0/8', 'InvalidParameter'], // contains 100.64.0.0/10
    ] as const) {
      await h.rejects(() => vpc(h, cidr), code, 400)
    }
    for (const ok of ['10.0.0.0/8', '192.168.0.0/28', '47.0.0.0/16']) {
      assert.equal((await vpc(h, ok)).cidrBlock, ok)
    }
  })

  t.it(
    'CreateVpc: QuotaExceeded.Vpc and DryRunOperation create nothing',
    { quotas: { vpcsPerRegion: 2 } },
    async (h) => {
      await h.rejects(() => vpc(h, '10.0.0.0/16', true), 'DryRunOperation', 400)
      await vpc(h, '10.0.0.0/16')
      await vpc(h, '10.1.0.0/16')
      await h.rejects(() => vpc(h, '10.2.0.0/16'), 'QuotaExceeded.Vpc', 400)
    },
  )

  t.it('CreateVSwitch: VPC must exist and be Available; zone must exist', async (h) => {
    const v = await vpc(h, '192.168.0.0/16')
    await h.rejects(() => vsw(h, v.id, '192.168.1.0/24'), 'IncorrectVpcStatus', 400)
    await h.rejects(
      () => createSecurityGroup(h.ctx, h.caller, { regionId, vpcId: v.id }),
      'IncorrectVpcStatus',
      400,
    )
    await h.settle()
    await h.rejects(
      () => vsw(h, 'vpc-bp1doesnotexist00000', '192.168.1.0/24'),
      'InvalidVpcId.NotFound',
      404,
    )
    await h.rejects(
      () => vsw(h, v.id, '192.168.1.0/24', { zoneId: 'cn-hangzhou-z' }),
      'InvalidZoneId.NotFound',
      404,
    )
    const s = await vsw(h, v.id, '192.168.1.0/24')
    assert.deepEqual([s.status, s.zoneId, s.vpcId], ['Pending', ZONE_H, v.id])
    await h.settle()
    assert.equal(await h.available(s.id), 252)
  })

  t.it('CreateVSwitch: CIDR malformed, mask 16–29, inside the VPC, no overlap', async (h) => {
    const w = await h.world({ vpcCidr: '10.0.0.0/8', vswitchCidr: '10.1.0.0/24' })
    const id = w.vpc.id
    for (const [cidr, code] of [
      ['10.2.0.0', 'InvalidCidrBlock.Malformed'],
      ['10.2.0.1/24', 'InvalidCidrBlock.Malformed'],
      ['bogus/24', 'InvalidCidrBlock.Malformed'],
      ['10.0.0.0/15', 'InvalidCirdrBlock.MaskLength'],
      ['10.2.0.0/30', 'InvalidCirdrBlock.MaskLength'],
      ['11.0.0.0/24', 'InvalidParameter'],
      ['10.1.0.0/16', 'InvalidCidrBlock.Overlapped'],
      ['10.1.0.128/25', 'InvalidCidrBlock.Overlapped'],
    ] as const) {
      await h.rejects(() => vsw(h, id, cidr), code, 400)
    }
    // (A vSwitch in 100.64.0.0/10 cannot be reached: no VPC may overlap that range.)
    const edge = await vsw(h, id, '10.2.0.0/29')
    await h.settle()
    assert.equal(await h.available(edge.id), 4)
    assert.equal((await h.vswitch(w.vpc, '10.3.0.0/16', ZONE_I)).cidrBlock, '10.3.0.0/16')
  })

  t.it(
    'CreateVSwitch: one Pending at a time per VPC, quota, DryRun',
    { quotas: { vswitchesPerVpc: 2 } },
    async (h) => {
      const w = await h.world()
      await h.rejects(
        () => vsw(h, w.vpc.id, '192.168.2.0/24', { dryRun: true }),
        'DryRunOperation',
        400,
      )
      await vsw(h, w.vpc.id, '192.168.2.0/24')
      await h.rejects(() => vsw(h, w.vpc.id, '192.168.3.0/24'), 'IncorrectVSwitchStatus', 400)
      await h.settle()
      await h.rejects(() => vsw(h, w.vpc.id, '192.168.3.0/24'), 'QuotaExceeded.VSwitch', 400)
    },
  )

  t.it(
    'DescribeVSwitches: AvailableIpAddressCount = usable − used; RegionId or VpcId required',
    async (h) => {
      const w = await h.world()
      const s = await h.vswitch(w.vpc, '192.168.2.0/28')
      assert.equal(await h.available(s.id), 12)
      await h.eni({ ...w, vswitch: s }, { secondaryPrivateIpAddressCount: 3 })
      assert.equal(await h.available(s.id), 8)
      assert.equal(await h.available(w.vswitch.id), 252)
      const byVpc = await describeVSwitches(h.ctx, h.caller, { vpcId: w.vpc.id })
      assert.equal(byVpc.totalCount, 2)
      await h.rejects(() => describeVSwitches(h.ctx, h.caller, {}), 'MissingParameter', 400)
      await h.rejects(
        () => describeVSwitches(h.ctx, h.caller, { regionId, pageSize: 51 }),
        'InvalidParameter',
        400,
      )
    },
  )

  t.it(
    'security groups: VpcId required, VPC must exist, type, quota',
    { quotas: { securityGroupsPerRegion: 2 } },
    async (h) => {
      const w = await h.world()
      const sg = (more: { vpcId?: string; type?: string }) =>
        createSecurityGroup(h.ctx, h.caller, { regionId, ...more })
      await h.rejects(() => sg({}), 'MissingParameter', 400)
      await h.rejects(() => sg({ vpcId: 'vpc-bp1doesnotexist00000' }), 'InvalidVpcId.NotFound', 404)
      await h.rejects(() => sg({ vpcId: w.vpc.id, type: 'vip' }), 'InvalidParameter', 400)
      const second = await sg({ vpcId: w.vpc.id, type: 'enterprise' })
      assert.equal(second.type, 'enterprise')
      await h.rejects(() => sg({ vpcId: w.vpc.id }), 'QuotaExceed.SecurityGroup', 403)
      const listed = await describeSecurityGroups(h.ctx, h.caller, { regionId, vpcId: w.vpc.id })
      assert.equal(listed.totalCount, 2)
    },
  )

  t.it('deletes refuse while dependants exist (DependencyViolation), then succeed', async (h) => {
    const { ctx, caller } = h
    const w = await h.world()
    const [instanceId] = await runInstances(ctx, caller, {
      regionId,
      instanceType: 'ecs.g7.large',
      imageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
      vswitchId: w.vswitch.id,
      securityGroupIds: [w.sg.id],
    })
    await h.settle()
    assert.ok(instanceId)
    const eni = await h.eni(w)
    const delVsw = () => deleteVSwitch(ctx, caller, { regionId, vswitchId: w.vswitch.id })
    const delSg = () => deleteSecurityGroup(ctx, caller, { regionId, securityGroupId: w.sg.id })
    const delVpc = () => deleteVpc(ctx, caller, { regionId, vpcId: w.vpc.id })
    await h.rejects(delVsw, 'DependencyViolation', 400)
    await h.rejects(delSg, 'DependencyViolation', 400)
    await h.rejects(delVpc, 'DependencyViolation', 400)
    await deleteNetworkInterface(ctx, caller, { regionId, networkInterfaceId: eni.id })
    await h.settle()
    await h.rejects(delVsw, 'DependencyViolation', 400) // the instance remains
    await stopInstance(ctx, caller, { regionId, instanceId })
    await h.settle()
    await deleteInstance(ctx, caller, { regionId, instanceId })
    await delVsw()
    await h.rejects(delVpc, 'DependencyViolation', 400) // the group remains
    await delSg()
    await delVpc()
    assert.equal((await describeVpcs(ctx, caller, { regionId })).totalCount, 0)
    await h.rejects(delVpc, 'InvalidVpcId.NotFound', 404)
    await h.rejects(delVsw, 'InvalidVSwitchId.NotFound', 404)
    await h.rejects(delSg, 'InvalidSecurityGroupId.NotFound', 404)
  })

  t.it('names and descriptions of VPCs, vSwitches and security groups are validated', async (h) => {
    const { ctx, caller } = h
    await h.rejects(
      () => createVpc(ctx, caller, { regionId, name: 'http://vpc' }),
      'InvalidVpcName.Malformed',
      400,
    )
    await h.rejects(
      () => createVpc(ctx, caller, { regionId, description: 'x' }),
      'InvalidDescription.Malformed',
      400,
    )
    const w = await h.world()
    await h.rejects(
      () => vsw(h, w.vpc.id, '192.168.2.0/24', { name: '-dash' }),
      'InvalidVSwitchName.Malformed',
      400,
    )
    await h.rejects(
      () => createSecurityGroup(ctx, caller, { regionId, vpcId: w.vpc.id, name: '1sg' }),
      'InvalidSecurityGroupName.Malformed',
      400,
    )
    const named = await createVpc(ctx, caller, {
      regionId,
      cidrBlock: '10.0.0.0/16',
      name: 'prod-vpc',
    })
    assert.equal(named.name, 'prod-vpc')
  })

  t.it('region: MissingRegionId and InvalidRegionId.NotFound', async (h) => {
    await h.rejects(() => createVpc(h.ctx, h.caller, { regionId: '' }), 'MissingRegionId', 400)
    await h.rejects(
      () => createVpc(h.ctx, h.caller, { regionId: 'xx-nowhere-1' }),
      'InvalidRegionId.NotFound',
      404,
    )
    await h.rejects(
      () => describeVpcs(h.ctx, h.caller, { regionId: 'xx-nowhere-1' }),
      'InvalidRegionId.NotFound',
      404,
    )
  })
})
