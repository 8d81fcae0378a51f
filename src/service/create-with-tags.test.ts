// `Tag.N` on the create actions (extensions.md §1.1): validated before anything is created (a
// bad tag leaves no resource), order carries no meaning (a ClientToken replay compares tags as a
// set), RunInstances tags the instance and its primary ENI, and each API answers with its codes.
import assert from 'node:assert/strict'

import type { Tag, TagInput } from '../domain/tags.js'
import type { Harness } from '../testing/service-harness.js'
import { describeOnEngines, REGION, ZONE_H } from '../testing/service-harness.js'
import { createVpc } from './create-vpc.js'
import { createVSwitch } from './create-vswitch.js'
import { describeInstances } from './describe-instances.js'
import { describeNetworkInterfaces } from './describe-network-interfaces.js'
import { runInstances } from './launch-instances.js'
import { createSecurityGroup, describeSecurityGroups } from './security-group-operations.js'
import { describeVpcs } from './vpc-operations.js'
import { describeVSwitches } from './vswitch-operations.js'

const regionId = REGION
const many = (n: number): TagInput[] =>
  Array.from({ length: n }, (_, i) => ({ key: `k${String(i).padStart(2, '0')}`, value: `v${i}` }))
const long = (n: number): string => 'x'.repeat(n)

/** Each bad tag list with the code and status the ECS create actions answer. */
const ECS_BAD_TAGS: [string, TagInput[], string, number][] = [
  ['21 tags', many(21), 'QuotaExceed.Tags', 403],
  [
    'a duplicate key',
    [
      { key: 'a', value: '1' },
      { key: 'a', value: '2' },
    ],
    'Duplicate.TagKey',
    400,
  ],
  ['an empty key', [{ key: '', value: 'v' }], 'InvalidTag.Mismatch', 400],
  ['a value without a key', [{ value: 'v' }], 'InvalidTag.Mismatch', 400],
  ['a key without anything', [{}], 'InvalidTagKey.Malformed', 400],
  ['a key starting aliyun', [{ key: 'aliyun-x', value: '' }], 'InvalidTagKey.Malformed', 400],
  ['a key starting acs:', [{ key: 'acs:rm:rgId', value: '' }], 'InvalidTagKey.Malformed', 400],
  ['a key with http://', [{ key: 'see http://x', value: '' }], 'InvalidTagKey.Malformed', 400],
  ['a key of 129 characters', [{ key: long(129) }], 'InvalidTagKey.Malformed', 400],
  ['a value of 129 characters', [{ key: 'k', value: long(129) }], 'InvalidTagValue.Malformed', 400],
  ['a value with https://', [{ key: 'k', value: 'https://x' }], 'InvalidTagValue.Malformed', 400],
]

const VPC_BAD_TAGS: [string, TagInput[], string][] = [
  ['21 tags', many(21), 'SizeLimitExceeded.TagNum'],
  ['a duplicate key', [{ key: 'a' }, { key: 'a' }], 'Forbidden.TagKey.Duplicated'],
  ['a key starting acs:', [{ key: 'acs:x' }], 'InvalidTagKey'],
  ['a value without a key', [{ value: 'v' }], 'InvalidTagKey'],
  ['a value starting aliyun', [{ key: 'k', value: 'aliyun-x' }], 'InvalidTagValue'],
  ['a value of 129 characters', [{ key: 'k', value: long(129) }], 'InvalidTagValue'],
]

const sorted = (tags: readonly TagInput[]): Tag[] =>
  tags
    .map((t) => ({ key: t.key ?? '', value: t.value ?? '' }))
    .sort((a, b) => (a.key < b.key ? -1 : 1))

describeOnEngines('tags on create actions', (t) => {
  t.it('CreateNetworkInterface stores tags and every ENI read returns them', async (h) => {
    const w = await h.world()
    const tags = [
      { key: 'cilium-eni-index', value: '1' },
      { key: 'creator', value: 'terway' },
      { key: 'empty' },
    ]
    const eni = await h.eni(w, { tags: [...tags].reverse() })
    const expected = sorted(tags)
    assert.deepEqual(eni.tags, expected)
    assert.deepEqual((await h.getEni(eni.id)).tags, expected)
    const listed = await describeNetworkInterfaces(h.ctx, h.caller, { regionId, ids: [eni.id] })
    assert.deepEqual(listed.items[0]?.tags, expected)
    const untagged = await h.eni(w)
    assert.deepEqual(untagged.tags, [])
  })

  t.it('20 tags, keys and values of 128 characters and an empty value are accepted', async (h) => {
    const w = await h.world()
    assert.equal((await h.eni(w, { tags: many(20) })).tags.length, 20)
    const edge = await h.eni(w, { tags: [{ key: long(128), value: long(128) }, { key: 'e' }] })
    assert.deepEqual(edge.tags, [
      { key: 'e', value: '' },
      { key: long(128), value: long(128) },
    ])
  })

  for (const [what, tags, code, status] of ECS_BAD_TAGS) {
    t.it(`CreateNetworkInterface with ${what}: ${code}, and no ENI`, async (h) => {
      const w = await h.world()
      await h.rejects(() => h.eni(w, { tags }), code, status)
    })
  }

  t.it('a ClientToken replay compares tags as a set', async (h) => {
    const w = await h.world()
    const a = { key: 'a', value: '1' }
    const b = { key: 'b', value: '2' }
    const first = await h.eni(w, { clientToken: 'tok-tags', tags: [a, b] })
    const replay = await h.eni(w, { clientToken: 'tok-tags', tags: [b, a] })
    assert.equal(replay.id, first.id)
    assert.deepEqual(replay.tags, first.tags)
    await h.rejects(
      () => h.eni(w, { clientToken: 'tok-tags', tags: [a] }),
      'IdempotentParameterMismatch',
      400,
    )
    const { totalCount } = await describeNetworkInterfaces(h.ctx, h.caller, {
      regionId,
      tags: [{ key: 'a' }],
    })
    assert.equal(totalCount, 1)
  })

  t.it(
    'RunInstances tags each instance and its primary ENI; bad tags launch nothing',
    async (h) => {
      const w = await h.world()
      const tags = [{ key: 'role', value: 'web' }]
      const ids = await runInstances(h.ctx, h.caller, {
        regionId,
        instanceType: 'ecs.g7.large',
        imageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
        vswitchId: w.vswitch.id,
        securityGroupIds: [w.sg.id],
        amount: 2,
        tags,
      })
      const instances = await describeInstances(h.ctx, h.caller, { regionId, ids })
      assert.deepEqual(
        instances.items.map((i) => i.tags),
        [tags, tags],
      )
      for (const id of ids) assert.deepEqual((await h.primaryEniOf(id)).tags, tags)
      const byTag = await describeInstances(h.ctx, h.caller, { regionId, tags: [{ key: 'role' }] })
      assert.equal(byTag.totalCount, 2)
      await h.rejects(
        () => h.instance(w, 'ecs.g7.large', { tags: many(21) }),
        'QuotaExceed.Tags',
        403,
      )
    },
  )

  t.it('CreateSecurityGroup stores tags; DescribeSecurityGroups returns and filters', async (h) => {
    const w = await h.world()
    const g = await createSecurityGroup(h.ctx, h.caller, {
      regionId,
      vpcId: w.vpc.id,
      tags: [{ key: 'cilium', value: 'yes' }],
    })
    const found = await describeSecurityGroups(h.ctx, h.caller, {
      regionId,
      tags: [{ key: 'cilium', value: 'yes' }],
    })
    assert.deepEqual(
      found.items.map((x) => [x.id, x.tags]),
      [[g.id, [{ key: 'cilium', value: 'yes' }]]],
    )
    await h.rejects(
      () =>
        createSecurityGroup(h.ctx, h.caller, {
          regionId,
          vpcId: w.vpc.id,
          tags: [{ key: 'x' }, { key: 'x' }],
        }),
      'Duplicate.TagKey',
      400,
    )
  })

  t.it('CreateVpc and CreateVSwitch store tags (VPC spelling of the rules)', async (h) => {
    const tags = [{ key: 'env', value: 'lab' }]
    const vpc = await createVpc(h.ctx, h.caller, { regionId, cidrBlock: '10.0.0.0/16', tags })
    await h.settle()
    const vsw = await createVSwitch(h.ctx, h.caller, {
      regionId,
      vpcId: vpc.id,
      zoneId: ZONE_H,
      cidrBlock: '10.0.1.0/24',
      tags,
    })
    await h.settle()
    const vpcs = await describeVpcs(h.ctx, h.caller, { regionId, tags: [{ key: 'env' }] })
    assert.deepEqual(
      vpcs.items.map((v) => [v.id, v.tags]),
      [[vpc.id, tags]],
    )
    const vsws = await describeVSwitches(h.ctx, h.caller, {
      regionId,
      tags: [{ key: 'env', value: 'lab' }],
    })
    assert.deepEqual(
      vsws.items.map((v) => [v.id, v.tags]),
      [[vsw.id, tags]],
    )
    const none = await describeVSwitches(h.ctx, h.caller, {
      regionId,
      tags: [{ key: 'env', value: 'prod' }],
    })
    assert.equal(none.totalCount, 0)
  })

  for (const [what, tags, code] of VPC_BAD_TAGS) {
    t.it(`CreateVpc and CreateVSwitch with ${what}: ${code}, and nothing created`, async (h) => {
      await h.rejects(
        () => createVpc(h.ctx, h.caller, { regionId, cidrBlock: '10.0.0.0/16', tags }),
        code,
        400,
      )
      const w = await h.world()
      await h.rejects(
        () =>
          createVSwitch(h.ctx, h.caller, {
            regionId,
            vpcId: w.vpc.id,
            zoneId: ZONE_H,
            cidrBlock: '192.168.9.0/24',
            tags,
          }),
        code,
        400,
      )
    })
  }

  t.it('an ECS value may start with aliyun; a VPC value may not', async (h: Harness) => {
    const w = await h.world()
    const eni = await h.eni(w, { tags: [{ key: 'k', value: 'aliyun-ok' }] })
    assert.deepEqual(eni.tags, [{ key: 'k', value: 'aliyun-ok' }])
  })
})
