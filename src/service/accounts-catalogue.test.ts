// Accounts (the CLI's `account create`, the signature verifier's key lookup) and the read-only
// catalogue of instance types, images, regions and zones.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import type { ApiError } from '../domain/errors.js'
import { rejectsWith, describeOnEngines, REGION } from '../testing/service-harness.js'
import { createAccount, findAccessKey, hasAccounts } from './accounts.js'
import {
  describeImages,
  describeInstanceTypes,
  describeRegions,
  describeZones,
} from './catalogue.js'

const key = (n: number) => ({
  accountId: `acc-test${n}`,
  accessKeyId: `LTAItest${n}`,
  accessKeySecret: `secret-${n}`,
})

describeOnEngines('accounts', (t) => {
  t.it('create, look up by AccessKeyId; names are unique and well formed', async (h) => {
    const store = h.ctx.store
    const now = h.clock.now()
    assert.equal(await hasAccounts(store), true) // the harness's own account
    const made = await createAccount(store, now, 'team-a', key(1))
    assert.deepEqual(made, key(1))
    assert.deepEqual(await findAccessKey(store, 'LTAItest1'), {
      accessKeyId: 'LTAItest1',
      accessKeySecret: 'secret-1',
      accountId: 'acc-test1',
    })
    assert.equal(await findAccessKey(store, 'LTAInope'), undefined)
    await rejectsWith(createAccount(store, now, 'team-a', key(2)), 'InvalidParameter', 400)
    for (const bad of ['', '-lead', 'has space', 'x'.repeat(65)]) {
      await rejectsWith(createAccount(store, now, bad, key(3)), 'InvalidParameter', 400)
    }
    assert.equal(
      await findAccessKey(store, 'LTAItest2'),
      undefined,
      'a refused create wrote nothing',
    )
  })

  t.it('catalogue: images, regions and zones', async (h) => {
    const images = describeImages(h.ctx, { regionId: REGION })
    assert.equal(images.length, 6)
    assert.deepEqual(
      describeImages(h.ctx, {
        regionId: REGION,
        imageIds: ['debian_12_6_x64_20G_alibase_20240823.vhd'],
      }).map((i) => i.family),
      ['debian'],
    )
    assert.deepEqual(
      describeRegions(h.ctx).map((r) => r.regionId),
      [REGION],
    )
    assert.deepEqual(describeZones(h.ctx, { regionId: REGION }), [
      'cn-hangzhou-h',
      'cn-hangzhou-i',
      'cn-hangzhou-j',
    ])
    assert.throws(
      () => describeZones(h.ctx, { regionId: 'xx-nowhere-1' }),
      (e: ApiError) => e.code === 'InvalidRegionId.NotFound' && e.httpStatus === 404,
    )
    assert.throws(
      () => describeImages(h.ctx, { regionId: '' }),
      (e: ApiError) => e.code === 'MissingRegionId' && e.httpStatus === 400,
    )
  })
})

describe('catalogue', () => {
  const bad = (code: string, status: number) => (e: ApiError) =>
    e.code === code && e.httpStatus === status

  it('DescribeInstanceTypes filters by id and family; more than 10 ids → InvalidParameter', () => {
    const [g7] = describeInstanceTypes({ instanceTypes: ['ecs.g7.large'] })
    assert.deepEqual(
      [g7?.eniQuantity, g7?.eniPrivateIpAddressQuantity, g7?.eniIpv6AddressQuantity],
      [3, 6, 6],
    )
    assert.deepEqual(describeInstanceTypes({ instanceTypes: ['ecs.nope'] }), [])
    assert.ok(describeInstanceTypes({ family: 'ecs.g7' }).every((t) => t.family === 'ecs.g7'))
    assert.equal(describeInstanceTypes({}).length, 155)
    const eleven = describeInstanceTypes({})
      .slice(0, 11)
      .map((t) => t.instanceTypeId)
    assert.throws(
      () => describeInstanceTypes({ instanceTypes: eleven }),
      bad('InvalidParameter', 400),
    )
  })
})
