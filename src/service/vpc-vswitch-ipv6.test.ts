// IPv6 on VPCs and vSwitches (extensions.md §2.1–§2.3): the k-th IPv6 VPC gets the k-th /56 of
// the pool, never reused; a named /56; ModifyVpcAttribute; the vSwitch /64 index; filters.
import assert from 'node:assert/strict'

import type { Harness } from '../testing/service-harness.js'
import { describeOnEngines, REGION, ZONE_H } from '../testing/service-harness.js'
import { createVpc } from './create-vpc.js'
import { createVSwitch } from './create-vswitch.js'
import { modifyVpcAttribute } from './modify-vpc-attribute.js'
import { deleteVpc, describeVpcs } from './vpc-operations.js'
import { deleteVSwitch, describeVSwitches } from './vswitch-operations.js'

const regionId = REGION

async function ipv6Vpc(h: Harness, more: Parameters<typeof createVpc>[2] | object = {}) {
  const vpc = await createVpc(h.ctx, h.caller, {
    regionId,
    cidrBlock: '192.168.0.0/16',
    enableIpv6: true,
    ...more,
  })
  await h.settle()
  return vpc
}

const vsw = (h: Harness, vpcId: string, cidrBlock: string, index?: number) =>
  createVSwitch(h.ctx, h.caller, {
    regionId,
    vpcId,
    zoneId: ZONE_H,
    cidrBlock,
    ipv6CidrBlockIndex: index,
  })

describeOnEngines('IPv6 VPCs and vSwitches', (t) => {
  t.it('the k-th IPv6 VPC gets the k-th /56 of the pool; IPv4-only VPCs take none', async (h) => {
    const a = await ipv6Vpc(h)
    const plain = await createVpc(h.ctx, h.caller, { regionId })
    const b = await ipv6Vpc(h, { ipv6Isp: 'ChinaMobile' })
    assert.equal(a.ipv6CidrBlock, '2408:4000::/56')
    assert.equal(a.ipv6Isp, 'BGP')
    assert.equal(plain.ipv6CidrBlock, null)
    assert.equal(b.ipv6CidrBlock, '2408:4000:0:100::/56')
    assert.equal(b.ipv6Isp, 'ChinaMobile')
    // a deleted VPC's /56 is never handed out again
    await deleteVpc(h.ctx, h.caller, { regionId, vpcId: b.id })
    const c = await ipv6Vpc(h)
    assert.equal(c.ipv6CidrBlock, '2408:4000:0:200::/56')
    const listed = await describeVpcs(h.ctx, h.caller, { regionId, ipv6: true })
    assert.deepEqual(listed.items.map((v) => v.id).sort(), [a.id, c.id].sort())
    const v4only = await describeVpcs(h.ctx, h.caller, { regionId, ipv6: false })
    assert.deepEqual(
      v4only.items.map((v) => v.id),
      [plain.id],
    )
  })

  t.it('a named /56 is taken as given, once; the pool skips it', async (h) => {
    const named = await ipv6Vpc(h, { ipv6CidrBlock: '2408:4000:0:100::/56' })
    assert.equal(named.ipv6CidrBlock, '2408:4000:0:100::/56')
    assert.equal((await ipv6Vpc(h)).ipv6CidrBlock, '2408:4000::/56')
    assert.equal((await ipv6Vpc(h)).ipv6CidrBlock, '2408:4000:0:200::/56')
    await h.rejects(
      () => ipv6Vpc(h, { ipv6CidrBlock: '2408:4000:0:100::/56' }),
      'InvalidCidrBlock.Overlapped',
      400,
    )
    for (const bad of ['2408:4000::/64', '2408:4000::1/56', 'nope']) {
      await h.rejects(() => ipv6Vpc(h, { ipv6CidrBlock: bad }), 'InvalidParameter', 400)
    }
    await h.rejects(
      () => createVpc(h.ctx, h.caller, { regionId, ipv6CidrBlock: '2408:4000:0:900::/56' }),
      'InvalidParameter',
      400,
    )
    await h.rejects(() => ipv6Vpc(h, { ipv6Isp: 'Nope' }), 'InvalidParameter', 400)
  })

  t.it('a vSwitch /64 is the VPC /56 plus its index; each index once', async (h) => {
    const vpc = await ipv6Vpc(h)
    const s1 = await vsw(h, vpc.id, '192.168.1.0/24', 5)
    await h.settle()
    assert.equal(s1.ipv6CidrBlock, '2408:4000:0:5::/64')
    const s0 = await vsw(h, vpc.id, '192.168.2.0/24')
    await h.settle()
    assert.equal(s0.ipv6CidrBlock, null)
    const s2 = await vsw(h, vpc.id, '192.168.3.0/24', 255)
    await h.settle()
    assert.equal(s2.ipv6CidrBlock, '2408:4000:0:ff::/64')
    await h.rejects(() => vsw(h, vpc.id, '192.168.4.0/24', 5), 'InvalidCidrBlock.Overlapped', 400)
    await h.rejects(() => vsw(h, vpc.id, '192.168.4.0/24', 256), 'InvalidParameter', 400)
    await h.rejects(() => vsw(h, vpc.id, '192.168.4.0/24', -1), 'InvalidParameter', 400)
    const v4 = await createVpc(h.ctx, h.caller, { regionId, cidrBlock: '10.0.0.0/8' })
    await h.settle()
    await h.rejects(() => vsw(h, v4.id, '10.1.0.0/24', 0), 'InvalidParameter', 400)
    const withV6 = await describeVSwitches(h.ctx, h.caller, { regionId, ipv6: true })
    assert.deepEqual(withV6.items.map((s) => s.id).sort(), [s1.id, s2.id].sort())
    const without = await describeVSwitches(h.ctx, h.caller, { regionId, ipv6: false })
    assert.deepEqual(
      without.items.map((s) => s.id),
      [s0.id],
    )
  })

  t.it(
    'ModifyVpcAttribute enables IPv6, keeps the block, refuses to drop it under a vSwitch',
    async (h) => {
      const vpc = await createVpc(h.ctx, h.caller, { regionId, cidrBlock: '192.168.0.0/16' })
      await h.settle()
      const modify = (more: object) =>
        modifyVpcAttribute(h.ctx, h.caller, { regionId, vpcId: vpc.id, ...more })
      const renamed = await modify({ name: 'dual', description: 'two stacks' })
      assert.equal(renamed.name, 'dual')
      assert.equal(renamed.description, 'two stacks')
      assert.equal(renamed.ipv6CidrBlock, null)
      const on = await modify({ enableIpv6: true, ipv6Isp: 'ChinaUnicom' })
      assert.equal(on.ipv6CidrBlock, '2408:4000::/56')
      assert.equal(on.ipv6Isp, 'ChinaUnicom')
      assert.equal((await modify({ enableIpv6: true })).ipv6CidrBlock, '2408:4000::/56')
      await h.rejects(
        () => modify({ enableIpv6: true, ipv6CidrBlock: '2408:4000:0:100::/56' }),
        'InvalidParameter',
        400,
      )
      const s = await vsw(h, vpc.id, '192.168.1.0/24', 1)
      await h.settle()
      await h.rejects(() => modify({ enableIpv6: false }), 'InvalidParameter', 400)
      await deleteVSwitch(h.ctx, h.caller, { regionId, vswitchId: s.id })
      const off = await modify({ enableIpv6: false })
      assert.equal(off.ipv6CidrBlock, null)
      // enabling again gives a new block: the first is never reused
      assert.equal((await modify({ enableIpv6: true })).ipv6CidrBlock, '2408:4000:0:100::/56')
      await h.rejects(
        () =>
          modifyVpcAttribute(h.ctx, h.caller, { regionId, vpcId: 'vpc-nope', enableIpv6: true }),
        'InvalidVpcId.NotFound',
        404,
      )
    },
  )

  t.it('two replicas creating IPv6 VPCs at once get distinct /56s', async (h) => {
    const other = await h.replica(7)
    const made = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createVpc(i % 2 === 0 ? h.ctx : other, h.caller, { regionId, enableIpv6: true }),
      ),
    )
    const blocks = made.map((v) => v.ipv6CidrBlock)
    assert.equal(new Set(blocks).size, 8)
    assert.deepEqual(
      [...blocks].sort(),
      Array.from({ length: 8 }, (_, k) =>
        k === 0 ? '2408:4000::/56' : `2408:4000:0:${k}00::/56`,
      ).sort(),
    )
  })
})
