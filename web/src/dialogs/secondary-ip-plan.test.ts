import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { RpcParams } from '../../../src/client/flatten-params.js'
import { applySteps, pendingAfter, planSteps } from './secondary-ip-plan.js'

const ENI = 'eni-1'
const nothing = { removals: [], typed: [], automatic: 0 }

describe('planSteps', () => {
  test('IPv4 only: remove, typed, automatic — as before prefixes existed', () => {
    const steps = planSteps({
      eniId: ENI,
      changes: {
        ipv4: { removals: ['192.168.1.5'], typed: ['192.168.1.6'], automatic: 2 },
        ipv4Prefix: nothing,
        ipv6: nothing,
        ipv6Prefix: nothing,
      },
    })
    assert.deepEqual(
      steps.map((s) => [s.action, s.params, s.label]),
      [
        [
          'UnassignPrivateIpAddresses',
          { NetworkInterfaceId: ENI, PrivateIpAddress: ['192.168.1.5'] },
          'Remove 192.168.1.5',
        ],
        [
          'AssignPrivateIpAddresses',
          { NetworkInterfaceId: ENI, PrivateIpAddress: ['192.168.1.6'] },
          'Assign 192.168.1.6',
        ],
        [
          'AssignPrivateIpAddresses',
          { NetworkInterfaceId: ENI, SecondaryPrivateIpAddressCount: 2 },
          'Assign 2 automatic addresses',
        ],
      ],
    )
  })

  test('every kind: all removals first, then a list call and a count call per kind', () => {
    const steps = planSteps({
      eniId: ENI,
      changes: {
        ipv4: nothing,
        ipv4Prefix: { removals: ['192.168.1.32/28'], typed: ['192.168.1.48/28'], automatic: 1 },
        ipv6: { removals: ['2408::10'], typed: ['2408::20'], automatic: 1 },
        ipv6Prefix: { removals: ['2408:0:0:0:5::/80'], typed: ['2408:0:0:0:6::/80'], automatic: 2 },
      },
    })
    const shape = (params: RpcParams) =>
      Object.keys(params)
        .filter((k) => k !== 'NetworkInterfaceId')
        .join()
    assert.deepEqual(
      steps.map((s) => `${s.kind} ${s.action} ${shape(s.params)}`),
      [
        'unassign UnassignPrivateIpAddresses Ipv4Prefix',
        'unassign UnassignIpv6Addresses Ipv6Address',
        'unassign UnassignIpv6Addresses Ipv6Prefix',
        'assign AssignPrivateIpAddresses Ipv4Prefix',
        'automatic AssignPrivateIpAddresses Ipv4PrefixCount',
        'assign AssignIpv6Addresses Ipv6Address',
        'automatic AssignIpv6Addresses Ipv6AddressCount',
        'assign AssignIpv6Addresses Ipv6Prefix',
        'automatic AssignIpv6Addresses Ipv6PrefixCount',
      ],
    )
    assert.equal(steps[4]?.label, 'Assign 1 automatic IPv4 /28 prefix')
    assert.equal(steps[8]?.label, 'Assign 2 automatic IPv6 /80 prefixes')
    assert.deepEqual(steps[8]?.params, { NetworkInterfaceId: ENI, Ipv6PrefixCount: 2 })
  })

  test('lists and counts over the per-call maximum are split', () => {
    const typed = Array.from({ length: 12 }, (_, i) => `2408::${i + 16}`)
    const steps = planSteps({
      eniId: ENI,
      changes: { ipv6: { removals: [], typed, automatic: 15 } },
    })
    assert.deepEqual(
      steps.map((s) => [s.kind, s.count]),
      [
        ['assign', 10],
        ['assign', 2],
        ['automatic', 10],
        ['automatic', 5],
      ],
    )
  })

  test('no change, no step', () => {
    assert.deepEqual(planSteps({ eniId: ENI, changes: { ipv4: nothing } }), [])
  })
})

describe('applySteps', () => {
  const steps = planSteps({
    eniId: ENI,
    changes: {
      ipv4: { removals: [], typed: [], automatic: 1 },
      ipv4Prefix: { removals: [], typed: [], automatic: 1 },
      ipv6: { removals: ['2408::10'], typed: [], automatic: 1 },
      ipv6Prefix: { removals: [], typed: ['2408:0:0:0:6::/80'], automatic: 0 },
    },
  })
  const answers: Record<string, object> = {
    SecondaryPrivateIpAddressCount: {
      AssignedPrivateIpAddressesSet: {
        PrivateIpSet: { PrivateIpAddress: ['192.168.1.9'] },
        Ipv4PrefixSet: { Ipv4Prefixes: [] },
      },
    },
    Ipv4PrefixCount: {
      AssignedPrivateIpAddressesSet: {
        PrivateIpSet: { PrivateIpAddress: [] },
        Ipv4PrefixSet: { Ipv4Prefixes: ['192.168.1.32/28'] },
      },
    },
    Ipv6AddressCount: { Ipv6Sets: { Ipv6Address: ['2408::abcd'] }, Ipv6PrefixSets: {} },
    Ipv6Prefix: {
      Ipv6Sets: { Ipv6Address: [] },
      Ipv6PrefixSets: { Ipv6Prefix: ['2408:0:0:0:6::/80'] },
    },
  }
  const answerFor = (params: RpcParams) =>
    Object.entries(answers).find(([key]) => key in params)?.[1] ?? {}

  test('reads what each Assign answered, per kind', async () => {
    const calls: string[] = []
    const outcomes = await applySteps(
      steps,
      async (action, params) => {
        calls.push(action)
        return answerFor(params)
      },
      () => ({ code: 'X', message: 'x' }),
    )
    assert.equal(calls.length, 5)
    assert.deepEqual(
      outcomes.map((o) => (o.status === 'applied' ? o.assigned : o.status)),
      [[], ['192.168.1.9'], ['192.168.1.32/28'], ['2408::abcd'], ['2408:0:0:0:6::/80']],
    )
  })

  test('stops at the first failure; the rest are not applied and stay pending', async () => {
    const outcomes = await applySteps(
      steps,
      async (action, params) => {
        if (action === 'AssignPrivateIpAddresses' && 'Ipv4PrefixCount' in params) {
          throw new Error('refused')
        }
        return answerFor(params)
      },
      (e) => ({ code: 'InvalidVSwitchId.IpNotEnough', message: String(e) }),
    )
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['applied', 'applied', 'failed', 'not-applied', 'not-applied'],
    )
    const failed = outcomes[2]
    assert.equal(failed?.status === 'failed' && failed.code, 'InvalidVSwitchId.IpNotEnough')
    assert.deepEqual([...pendingAfter(outcomes)].sort(), [
      'ipv4Prefix:automatic',
      'ipv6:automatic',
      'ipv6Prefix:assign',
    ])
  })
})
