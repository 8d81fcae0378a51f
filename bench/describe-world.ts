// The Describe figures' world: 100,000 ENIs in two /16 vSwitches of one account, two made
// through the API (the templates) and the rest cloned through the Store while no server runs.
import { performance } from 'node:perf_hooks'
import { cloneEnis } from './seed.js'
import { startServe } from './serve-process.js'
import { createEnis, createNetwork } from './world.js'

export interface DescribeWorld {
  /** a primary address from the middle of the last vSwitch (for the private-IP filter) */
  readonly middle: string
  /** time spent cloning, ms */
  readonly seedMs: number
}

export async function seedDescribeWorld(
  root: string,
  db: string,
  cwd: string,
): Promise<DescribeWorld> {
  const serve = await startServe({ root, db, cwd })
  let templates: string[]
  try {
    const net = await createNetwork(serve.url, ['10.1.0.0/16', '10.2.0.0/16'])
    templates = await Promise.all(
      net.vswitchIds.map(async (v) => (await createEnis(serve.url, v, net.securityGroupId, 1))[0]!),
    )
  } finally {
    await serve.stop()
  }
  const t0 = performance.now()
  let middle = ''
  for (const [i, t] of templates.entries()) middle = await cloneEnis(root, db, t, 49_999, i + 1)
  return { middle, seedMs: performance.now() - t0 }
}
