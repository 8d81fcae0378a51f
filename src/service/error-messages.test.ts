// Issue 12: the limit and state errors a first-hour user meets answer what happened and what to
// do. Each case asserts the Code and HTTP status and — because here the message is the feature —
// that the message names the resource, the limit that applies and where the limit comes from.
import assert from 'node:assert/strict'

import { detachNetworkInterface } from './detach-network-interface.js'
import { unassignPrivateIpAddresses } from './unassign-private-ip-addresses.js'
import { describeOnEngines, REGION } from '../testing/service-harness.js'

const regionId = REGION

function includesAll(message: string, parts: readonly string[]): void {
  for (const part of parts) assert.ok(message.includes(part), `"${message}" names ${part}`)
}

describeOnEngines('error messages name the resource and the limit', (t) => {
  t.it('an Available ENI under seed: 10 secondary addresses, as the document says', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w)
    await h.assignCount(eni.id, 4)
    const e = await h.rejects(
      () => h.assignCount(eni.id, 9),
      'InvalidOperation.Ipv4CountExceeded',
      403,
    )
    includesAll(e.message, [
      `ENI "${eni.id}"`,
      'at most 10 secondary private IP addresses',
      'Available',
      'quota profile "seed"',
      'It has 4',
      'At most 6 more fit',
    ])
    assert.ok(!e.message.includes('11'), 'no primary-inclusive 11 in the message')
    await h.assignCount(eni.id, 6)
    assert.equal((await h.addressesOf(eni.id)).length, 11)
  })

  t.it('an Available ENI under current: 49', { profile: 'current' }, async (h) => {
    const w = await h.world()
    const eni = await h.eni(w)
    const e = await h.rejects(
      () => h.assignCount(eni.id, 50),
      'InvalidOperation.Ipv4CountExceeded',
      403,
    )
    includesAll(e.message, [
      'at most 49 secondary',
      'quota profile "current"',
      'At most 49 more fit',
    ])
  })

  t.it('an InUse ENI: the instance, its type and its per-ENI quantity', async (h) => {
    const w = await h.world()
    const instanceId = await h.instance(w, 'ecs.g7.large')
    const eni = await h.eni(w)
    await h.attach(eni.id, instanceId)
    await h.assignCount(eni.id, 4)
    const e = await h.rejects(
      () => h.assignCount(eni.id, 9),
      'InvalidOperation.Ipv4CountExceeded',
      403,
    )
    includesAll(e.message, [
      `ENI "${eni.id}"`,
      'at most 5 secondary',
      `instance "${instanceId}"`,
      'ecs.g7.large',
      'allows 6 private IP addresses per ENI, primary included',
      'quota profile "seed"',
      'It has 4',
      'At most 1 more fit',
    ])
  })

  t.it('attaching an ENI that holds more than the target type allows', async (h) => {
    const w = await h.world()
    const instanceId = await h.instance(w, 'ecs.g7.large')
    const eni = await h.eni(w)
    await h.assignCount(eni.id, 8)
    const e = await h.rejects(
      () => h.attach(eni.id, instanceId),
      'InvalidOperation.Ipv4CountExceeded',
      403,
    )
    includesAll(e.message, [
      `ENI "${eni.id}"`,
      'holds 8',
      `instance "${instanceId}"`,
      'at most 5',
      'ecs.g7.large',
      'Unassign 3',
    ])
  })

  t.it('a reserved address (.253) is called reserved, not outside', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w)
    const reserved = await h.rejects(
      () => h.assignIps(eni.id, ['192.168.1.253']),
      'InvalidVSwitchId.IpInvalid',
      403,
    )
    includesAll(reserved.message, [
      '"192.168.1.253" is reserved',
      '192.168.1.0/24',
      '192.168.1.0, 192.168.1.253, 192.168.1.254, 192.168.1.255',
    ])
    assert.ok(!reserved.message.includes('not valid'))
    const outside = await h.rejects(
      () => h.assignIps(eni.id, ['192.168.2.5']),
      'InvalidVSwitchId.IpInvalid',
      403,
    )
    includesAll(outside.message, ['"192.168.2.5"', 'outside', '192.168.1.0/24'])
  })

  t.it('unassigning the primary address says it is the primary', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w)
    const primary = eni.privateIps.find((ip) => ip.primary)?.address ?? ''
    const e = await h.rejects(
      () =>
        unassignPrivateIpAddresses(h.ctx, h.caller, {
          regionId,
          networkInterfaceId: eni.id,
          privateIpAddresses: [primary],
        }),
      'InvalidIp.IpUnassigned',
      403,
    )
    includesAll(e.message, [
      `"${primary}" is the primary private IP address of ENI "${eni.id}"`,
      'cannot be unassigned',
    ])
    const absent = await h.rejects(
      () =>
        unassignPrivateIpAddresses(h.ctx, h.caller, {
          regionId,
          networkInterfaceId: eni.id,
          privateIpAddresses: ['192.168.1.77'],
        }),
      'InvalidIp.IpUnassigned',
      403,
    )
    includesAll(absent.message, ['"192.168.1.77" is not assigned on ENI', eni.id])
  })

  t.it('detaching from the wrong instance names the instance it is attached to', async (h) => {
    const w = await h.world()
    const active = await h.instance(w)
    const standby = await h.instance(w)
    const eni = await h.eni(w)
    await h.attach(eni.id, active)
    const e = await h.rejects(
      () =>
        detachNetworkInterface(h.ctx, h.caller, {
          regionId,
          instanceId: standby,
          networkInterfaceId: eni.id,
        }),
      'InvalidOperation.InvalidEniState',
      400,
    )
    includesAll(e.message, [
      `ENI "${eni.id}" is attached to instance "${active}", not to "${standby}"`,
      `InstanceId "${active}"`,
    ])
    assert.ok(!e.message.includes('Expecting status'))
    const loose = await h.eni(w)
    const notAttached = await h.rejects(
      () =>
        detachNetworkInterface(h.ctx, h.caller, {
          regionId,
          instanceId: standby,
          networkInterfaceId: loose.id,
        }),
      'InvalidOperation.InvalidEniState',
      400,
    )
    includesAll(notAttached.message, [
      `ENI "${loose.id}" is not attached to any instance`,
      'Available',
    ])
  })
})
