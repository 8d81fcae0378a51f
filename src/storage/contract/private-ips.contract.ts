// Private IPs: insertion that reports lost addresses, deletion, and the vSwitch's usage.
import assert from 'node:assert/strict'
import { describe } from 'node:test'

import { aVSwitch, anAddress, privateIpsOf } from '../../testing/builders.js'
import type { Cases } from './harness.js'
import { seedEni, seedNetwork } from './seed.js'

const sorted = (xs: readonly string[]): string[] => [...xs].sort()

export function privateIpsContract(c: Cases): void {
  describe('private IPs', () => {
    c.it(
      'insertPrivateIps returns every address when all are free; privateIpsOf lists them primary first',
      async ({ store }) => {
        const [a, b, x] = [anAddress(), anAddress(), anAddress()]
        const { net, eni } = await store.transaction(async (tx) => {
          const net = await seedNetwork(tx)
          return { net, eni: await seedEni(tx, net, { primaryIp: x }, { secondaries: [] }) }
        })
        await store.transaction(async (tx) => {
          assert.deepEqual(await tx.insertPrivateIps(privateIpsOf(eni, [b, a])), [b, a])
          assert.deepEqual(await tx.insertPrivateIps([]), [])
          assert.deepEqual(await tx.privateIpsOf(eni.id), [
            { address: x, primary: true },
            { address: b, primary: false },
            { address: a, primary: false },
          ])
          assert.deepEqual(await tx.privateIpsOf('eni-unknown'), [])
          assert.equal(await tx.countUsedAddresses(net.vswitch.id), 3)
        })
      },
    )

    c.it(
      'insertPrivateIps skips an address already taken in the vSwitch without throwing',
      async ({ store }) => {
        const [free1, free2] = [anAddress(), anAddress()]
        const { net, first, second } = await store.transaction(async (tx) => {
          const net = await seedNetwork(tx)
          return { net, first: await seedEni(tx, net), second: await seedEni(tx, net) }
        })
        await store.transaction(async (tx) => {
          const rows = privateIpsOf(second, [free1, first.primaryIp, free2])
          assert.deepEqual(await tx.insertPrivateIps(rows), [free1, free2])
          // the transaction is still usable after the lost address
          assert.deepEqual(await tx.insertPrivateIps(privateIpsOf(second, [first.primaryIp])), [])
          assert.equal(await tx.countUsedAddresses(net.vswitch.id), 4)
        })
        const ipsOf = (id: string) => store.transaction((tx) => tx.privateIpsOf(id))
        assert.deepEqual(await ipsOf(first.id), [{ address: first.primaryIp, primary: true }])
        assert.deepEqual(await ipsOf(second.id), [
          { address: second.primaryIp, primary: true },
          { address: free1, primary: false },
          { address: free2, primary: false },
        ])
      },
    )

    c.it('one address may be used once per vSwitch, in several vSwitches', async ({ store }) => {
      const shared = anAddress()
      const { net, vsw2 } = await store.transaction(async (tx) => {
        const net = await seedNetwork(tx)
        const vsw2 = aVSwitch({ accountId: net.account.id, vpcId: net.vpc.id })
        await tx.insertVSwitch(vsw2)
        await seedEni(tx, net, { primaryIp: shared })
        await seedEni(tx, net, { vswitchId: vsw2.id, primaryIp: shared })
        return { net, vsw2 }
      })
      await store.transaction(async (tx) => {
        assert.deepEqual(await tx.usedAddresses(net.vswitch.id), [shared])
        assert.deepEqual(await tx.usedAddresses(vsw2.id), [shared])
      })
    })

    c.it("deletePrivateIps deletes only the ENI's named secondary addresses", async ({ store }) => {
      const [a, b, c1] = [anAddress(), anAddress(), anAddress()]
      const { eni, other } = await store.transaction(async (tx) => {
        const net = await seedNetwork(tx)
        return {
          eni: await seedEni(tx, net, {}, { secondaries: [a, b] }),
          other: await seedEni(tx, net, {}, { secondaries: [c1] }),
        }
      })
      await store.transaction(async (tx) => {
        assert.equal(await tx.deletePrivateIps(eni.id, []), 0)
        assert.equal(await tx.deletePrivateIps(eni.id, [a, eni.primaryIp, c1, anAddress()]), 1)
        assert.deepEqual(await tx.privateIpsOf(eni.id), [
          { address: eni.primaryIp, primary: true },
          { address: b, primary: false },
        ])
        assert.equal((await tx.privateIpsOf(other.id)).length, 2)
      })
    })

    c.it(
      'usedAddresses, countUsedAddresses(In) and addressesInUse report per vSwitch',
      async ({ store }) => {
        const [a, b, free] = [anAddress(), anAddress(), anAddress()]
        const { net, eni, vsw2 } = await store.transaction(async (tx) => {
          const net = await seedNetwork(tx)
          const vsw2 = aVSwitch({ accountId: net.account.id, vpcId: net.vpc.id })
          await tx.insertVSwitch(vsw2)
          const eni = await seedEni(tx, net, {}, { secondaries: [a, b] })
          await seedEni(tx, net, { vswitchId: vsw2.id, primaryIp: free })
          return { net, eni, vsw2 }
        })
        await store.transaction(async (tx) => {
          const v = net.vswitch.id
          assert.deepEqual(sorted(await tx.usedAddresses(v)), sorted([eni.primaryIp, a, b]))
          assert.equal(await tx.countUsedAddresses(v), 3)
          assert.deepEqual(
            sorted(await tx.addressesInUse(v, [free, b, eni.primaryIp])),
            sorted([b, eni.primaryIp]),
          )
          assert.deepEqual(await tx.addressesInUse(v, []), [])
          assert.deepEqual(await tx.addressesInUse(vsw2.id, [a]), [])
          assert.deepEqual(await tx.usedAddresses('vsw-unknown'), [])
          assert.equal(await tx.countUsedAddresses('vsw-unknown'), 0)
          assert.deepEqual(
            await tx.countUsedAddressesIn([v, vsw2.id, 'vsw-unknown']),
            new Map([
              [v, 3],
              [vsw2.id, 1],
              ['vsw-unknown', 0],
            ]),
          )
          assert.deepEqual(await tx.countUsedAddressesIn([]), new Map())
        })
      },
    )
  })
}
