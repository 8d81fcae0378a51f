// RunInstances / CreateInstance `NetworkInterfaceQueueNumber` (eni-api.md §8.5–8.6): the queues
// of each primary ENI, 1–2048 and at most the type's MaximumQueueNumberPerEni. A refusal changes
// nothing.
import assert from 'node:assert/strict'

import { describeOnEngines, REGION } from '../testing/service-harness.js'
import { createInstance, runInstances } from './launch-instances.js'

const IMAGE = 'aliyun_3_x64_20G_alibase_20240819.vhd'

describeOnEngines('NetworkInterfaceQueueNumber at launch', (t) => {
  t.it("sets each primary ENI's queues, up to the type's maximum", async (h) => {
    const w = await h.world()
    const one = await h.instance(w, 'ecs.g7.xlarge', { networkInterfaceQueueNumber: 4 })
    assert.equal((await h.primaryEniOf(one)).queueNumber, 4)
    const [a, b] = await runInstances(h.ctx, h.caller, {
      regionId: REGION,
      instanceType: 'ecs.g7.large',
      imageId: IMAGE,
      vswitchId: w.vswitch.id,
      securityGroupIds: [w.sg.id],
      amount: 2,
      networkInterfaceQueueNumber: 1,
    })
    for (const id of [a!, b!]) assert.equal((await h.primaryEniOf(id)).queueNumber, 1)
    const stopped = await createInstance(h.ctx, h.caller, {
      regionId: REGION,
      instanceType: 'ecs.g7.large',
      imageId: IMAGE,
      vswitchId: w.vswitch.id,
      securityGroupIds: [w.sg.id],
      networkInterfaceQueueNumber: 2,
    })
    assert.equal((await h.primaryEniOf(stopped)).queueNumber, 2)
    // Unset: the ENI reports the type's default once attached (null is stored).
    const plain = await h.instance(w, 'ecs.g7.large')
    assert.equal((await h.primaryEniOf(plain)).queueNumber, null)
  })

  t.it('refuses a count out of range or above the type, changing nothing', async (h) => {
    const w = await h.world()
    const launch = (instanceType: string, networkInterfaceQueueNumber: number) => () =>
      runInstances(h.ctx, h.caller, {
        regionId: REGION,
        instanceType,
        imageId: IMAGE,
        vswitchId: w.vswitch.id,
        securityGroupIds: [w.sg.id],
        networkInterfaceQueueNumber,
      })
    await h.rejects(launch('ecs.g7.large', 0), 'InvalidParameter', 400)
    await h.rejects(launch('ecs.g7.large', 2049), 'InvalidParameter', 400)
    await h.rejects(launch('ecs.g7.large', 3), 'InvalidOperation.MaxEniQueueNumberExceeded', 403)
  })
})
