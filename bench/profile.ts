// `node --import tsx bench/profile.ts [--phase P] [--seconds N] [--connections C]
// [--synchronous full|normal]`: one `serve` under --cpu-prof driven by one bench load; the
// profile lands in ./profiles/. Phases: `pairs` (Assign+Unassign, default), `floor` (signed
// DescribeRegions), `describe` (a page of 500 of 100,000 ENIs), `deep` (the page of 500 after the
// 90,000th of them, by NextToken), `filter` (one private IP of those 100,000).
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { seedDescribeWorld } from './describe-world.js'
import { assignUnassignPairs, describeEnis, signedReadFloor } from './http-phases.js'
import { startServe } from './serve-process.js'
import { apiOf, createEnis, createNetwork } from './world.js'

const { values } = parseArgs({
  options: {
    phase: { type: 'string', default: 'pairs' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '8' },
    synchronous: { type: 'string', default: 'full' },
  },
})
const phase = values.phase
if (!['pairs', 'floor', 'describe', 'deep', 'filter'].includes(phase)) {
  throw new Error(`unknown --phase ${phase}`)
}
const root = fileURLToPath(new URL('..', import.meta.url))
const out = resolve('profiles')
mkdirSync(out, { recursive: true })
const dir = mkdtempSync(join(tmpdir(), 'eniplane-profile-'))
const db = join(dir, 'bench.db')
const world =
  phase === 'describe' || phase === 'deep' || phase === 'filter'
    ? await seedDescribeWorld(root, db, dir)
    : undefined
const serve = await startServe({
  root,
  db,
  cwd: dir,
  synchronous: values.synchronous === 'normal' ? 'normal' : 'full',
  nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${out}`],
})
try {
  const opts = { urls: [serve.url], pids: [serve.pid], seconds: Number(values.seconds) }
  const c = Number(values.connections)
  if (phase === 'pairs') {
    const net = await createNetwork(serve.url, ['10.1.0.0/16'])
    const enis = await createEnis(serve.url, net.vswitchIds[0]!, net.securityGroupId, 40)
    console.log(await assignUnassignPairs(opts, c, enis))
  } else if (phase === 'floor') {
    console.log(await signedReadFloor(opts, c))
  } else if (phase === 'describe') {
    console.log(await describeEnis(opts, c, 'page of 500', { MaxResults: 500 }))
  } else if (phase === 'deep') {
    const deep = (await apiOf(serve.url)('DescribeNetworkInterfaces', {
      PageNumber: 180,
      PageSize: 500,
    })) as { NextToken?: string }
    const params = { MaxResults: 500, NextToken: deep.NextToken ?? '' }
    console.log(await describeEnis(opts, c, 'page of 500 after 90,000', params))
  } else {
    const ip = { 'PrivateIpAddress.1': world?.middle ?? '' }
    console.log(await describeEnis(opts, c, 'filter by one private IP', ip))
  }
} finally {
  await serve.stop()
  rmSync(dir, { recursive: true, force: true })
}
console.log(`profile written to ${out}`)
