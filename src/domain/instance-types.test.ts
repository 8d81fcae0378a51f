// The instance types' network figures (data/instance-type-network.json): the derivation from the
// documented columns reproduces every real DescribeInstanceTypes value held for the same type,
// each field falls back on its own, and nothing is made up where no source speaks.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import network from './data/instance-type-network.json' with { type: 'json' }
import type { RawNetwork } from './instance-types.js'
import {
  INSTANCE_TYPES,
  KBITS_PER_GBIT,
  findInstanceType,
  networkFieldsOf,
} from './instance-types.js'

const ROWS = network.instanceTypes as Readonly<Record<string, RawNetwork>>

describe('instance type network figures', () => {
  test('the documented columns give back every real API value held for the same type', () => {
    const both = Object.entries(ROWS).filter(([, r]) => r.api !== undefined && r.doc !== undefined)
    assert.deepEqual(both.map(([id]) => id).sort(), [
      'ecs.g6.large',
      'ecs.g7.xlarge',
      'ecs.ic5.large',
    ])
    for (const [id, row] of both) {
      const derived = networkFieldsOf({ doc: row.doc ?? {} })
      const api = row.api ?? {}
      const pairs: [number | undefined, number | undefined][] = [
        [api.InstanceBandwidthRx, derived.instanceBandwidthRx],
        [api.InstanceBandwidthTx, derived.instanceBandwidthTx],
        [api.MaximumQueueNumberPerEni, derived.maximumQueueNumberPerEni],
        [api.PrimaryEniQueueNumber, derived.primaryEniQueueNumber],
        [api.SecondaryEniQueueNumber, derived.secondaryEniQueueNumber],
      ]
      for (const [real, fromDoc] of pairs) {
        if (real !== undefined) assert.equal(fromDoc, real, id)
      }
    }
  })

  test('real values win, each field falls back alone, EriQuantity is never derived', () => {
    assert.deepEqual(networkFieldsOf(undefined), { eriQuantity: 0 })
    assert.deepEqual(networkFieldsOf({ doc: { baselineBandwidthGbps: 0.08, nicQueues: 1 } }), {
      eriQuantity: 0,
      instanceBandwidthRx: 81920,
      instanceBandwidthTx: 81920,
      maximumQueueNumberPerEni: 1,
      primaryEniQueueNumber: 1,
      secondaryEniQueueNumber: 1,
    })
    assert.deepEqual(
      networkFieldsOf({
        api: { InstanceBandwidthRx: 1, EriQuantity: 2, SecondaryEniQueueNumber: 3 },
        doc: { baselineBandwidthGbps: 2, nicQueues: 8 },
      }),
      {
        eriQuantity: 2,
        instanceBandwidthRx: 1,
        instanceBandwidthTx: 2 * KBITS_PER_GBIT,
        maximumQueueNumberPerEni: 8,
        primaryEniQueueNumber: 8,
        secondaryEniQueueNumber: 3,
      },
    )
  })

  test('the catalogue: real rows, derived rows, and types no source covers', () => {
    const g7xl = findInstanceType('ecs.g7.xlarge')
    assert.deepEqual(
      [g7xl?.instanceBandwidthRx, g7xl?.eriQuantity, g7xl?.maximumQueueNumberPerEni],
      [3072000, 0, 4],
    )
    const u1 = findInstanceType('ecs.u1-c1m4.xlarge')
    assert.deepEqual(
      [u1?.instanceBandwidthRx, u1?.secondaryEniQueueNumber, u1?.maximumQueueNumberPerEni],
      [1536000, 2, undefined],
    )
    const g8i = findInstanceType('ecs.g8i.large')
    assert.deepEqual(
      [g8i?.instanceBandwidthRx, g8i?.eriQuantity, g8i?.secondaryEniQueueNumber],
      [undefined, 0, undefined],
    )
    // Every row names a type of the catalogue; no type reports an ERI without a source.
    const known = new Set(INSTANCE_TYPES.map((t) => t.instanceTypeId))
    for (const id of Object.keys(ROWS)) assert.ok(known.has(id), id)
    assert.deepEqual(
      INSTANCE_TYPES.filter((t) => t.eriQuantity !== 0).map((t) => t.instanceTypeId),
      [],
    )
    const withBandwidth = INSTANCE_TYPES.filter((t) => t.instanceBandwidthRx !== undefined)
    // 86 documented baselines (the t5 pages give none) and ecs.u1-c1m4.xlarge from the API
    assert.equal(withBandwidth.length, 87)
  })
})
