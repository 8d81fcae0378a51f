// A kept address pool answers for its vSwitch's id and CIDR (rangeOf), so an IPv4 assign in a
// vSwitch whose pool is kept reads no vSwitch row; the CIDR it takes from there is the vSwitch's
// own, as the chosen-address checks and their errors show.
import assert from 'node:assert/strict'

import { describeOnEngines } from '../testing/service-harness.js'
import { withWrappedTx } from '../testing/wrapped-store.js'
import { AddressPools } from './address-pools.js'
import { assignPrivateIpAddresses } from './assign-private-ip-addresses.js'
import type { ServiceContext } from './context.js'

/** The same context on a store that counts the vSwitch reads of its transactions. */
function countingVSwitchReads(ctx: ServiceContext): { ctx: ServiceContext; reads: () => number } {
  let reads = 0
  const counted = withWrappedTx(ctx, (tx) => ({
    ...tx,
    getVSwitch: (accountId, id) => {
      reads++
      return tx.getVSwitch(accountId, id)
    },
  }))
  return { ctx: counted, reads: () => reads }
}

describeOnEngines('address pools', (t) => {
  t.it(
    'rangeOf gives a kept pool’s vSwitch id and CIDR, and nothing once it is gone',
    async (h) => {
      const w = await h.world({ vswitchCidr: '192.168.1.0/24' })
      const other = await h.vswitch(w.vpc, '192.168.2.0/26')
      const pools = new AddressPools(1)
      assert.equal(pools.rangeOf(w.vswitch.id), undefined, 'no pool yet')
      await h.ctx.store.transaction((tx) => pools.get(tx, w.vswitch))
      assert.deepEqual(pools.rangeOf(w.vswitch.id), {
        id: w.vswitch.id,
        cidrBlock: '192.168.1.0/24',
      })
      await h.ctx.store.transaction((tx) => pools.get(tx, other))
      assert.equal(pools.rangeOf(w.vswitch.id), undefined, 'evicted (one pool at most)')
      assert.deepEqual(pools.rangeOf(other.id), { id: other.id, cidrBlock: '192.168.2.0/26' })
      pools.forget(other.id)
      assert.equal(pools.rangeOf(other.id), undefined)
    },
  )

  t.it('an assign reads the vSwitch only when its pool is not kept', async (h) => {
    const w = await h.world({ vswitchCidr: '192.168.1.0/24' })
    const eni = await h.eni(w)
    const counted = countingVSwitchReads(h.ctx)
    const assign = (more: { count?: number; ips?: string[] }) =>
      assignPrivateIpAddresses(counted.ctx, h.caller, {
        regionId: h.regionId,
        networkInterfaceId: eni.id,
        secondaryPrivateIpAddressCount: more.count,
        privateIpAddresses: more.ips,
      })

    h.ctx.pools.forget(w.vswitch.id)
    const [first] = (await assign({ count: 1 })).assigned
    assert.equal(counted.reads(), 1, 'no pool: the vSwitch is read, and its pool kept')
    assert.ok(first?.startsWith('192.168.1.'))

    const [second] = (await assign({ count: 1 })).assigned
    await assign({ ips: ['192.168.1.77'] })
    assert.equal(counted.reads(), 1, 'pool kept: no further vSwitch read')
    assert.ok(second?.startsWith('192.168.1.'))

    // The CIDR from the pool is the vSwitch's: outside it and reserved in it are refused as ever.
    const outside = await h.rejects(
      () => assign({ ips: ['192.168.2.5'] }),
      'InvalidVSwitchId.IpInvalid',
      403,
    )
    assert.match(outside.message, /VSwitch CIDR block "192\.168\.1\.0\/24"/)
    await h.rejects(() => assign({ ips: ['192.168.1.255'] }), 'InvalidVSwitchId.IpInvalid', 403)
    assert.equal(counted.reads(), 1)
    assert.equal((await h.addressesOf(eni.id)).length, 4, 'the primary and three secondaries')
  })
})
