// The HTTP phases of `npm run bench`: /healthz, the signed-read floor (DescribeRegions), and
// AssignPrivateIpAddresses (count 1) + UnassignPrivateIpAddresses pairs, against one or more
// `serve` processes sharing one database.
import type autocannon from 'autocannon'
import { load, signedGet, signer, type LoadResult } from './load.js'

export interface PhaseOptions {
  readonly urls: readonly string[]
  readonly pids: readonly number[]
  readonly seconds: number
}

export async function healthz(opts: PhaseOptions, connections: number): Promise<LoadResult> {
  return load({
    name: 'GET /healthz',
    urls: opts.urls,
    pids: opts.pids,
    connections,
    seconds: opts.seconds,
    requests: () => [{ method: 'GET', path: '/healthz' }],
  })
}

export async function signedReadFloor(
  opts: PhaseOptions,
  connections: number,
): Promise<LoadResult> {
  const sign = signer()
  return load({
    name: 'signed DescribeRegions',
    urls: opts.urls,
    pids: opts.pids,
    connections,
    seconds: opts.seconds,
    requests: () => [signedGet(sign, 'DescribeRegions', {})],
  })
}

interface PairContext {
  eni?: string | undefined
  ip?: string | undefined
}

/**
 * Each connection takes a free ENI, assigns one random address, unassigns it, and gives the ENI
 * back, so no ENI ever holds more than one secondary address (per-ENI caps never interfere).
 */
export async function assignUnassignPairs(
  opts: PhaseOptions,
  connections: number,
  enis: readonly string[],
): Promise<LoadResult> {
  if (enis.length < connections) throw new Error('need one ENI per connection')
  const sign = signer()
  const free = [...enis]
  const requests = (): autocannon.Request[] => [
    {
      method: 'GET',
      setupRequest: (req, context) => {
        const ctx = context as PairContext
        const eni = free.pop()
        if (eni === undefined) throw new Error('no free ENI')
        ctx.eni = eni
        ctx.ip = undefined
        const path = sign('AssignPrivateIpAddresses', {
          NetworkInterfaceId: eni,
          SecondaryPrivateIpAddressCount: 1,
        })
        return { ...req, method: 'GET', path }
      },
      onResponse: (status, body, context) => {
        const ctx = context as PairContext
        if (status !== 200) return
        const r = JSON.parse(body) as {
          AssignedPrivateIpAddressesSet?: { PrivateIpSet?: { PrivateIpAddress?: string[] } }
        }
        ctx.ip = r.AssignedPrivateIpAddressesSet?.PrivateIpSet?.PrivateIpAddress?.[0]
      },
    },
    {
      method: 'GET',
      setupRequest: (req, context) => {
        const ctx = context as PairContext
        if (ctx.ip === undefined) {
          if (ctx.eni !== undefined) free.push(ctx.eni)
          ctx.eni = undefined
          return undefined as unknown as autocannon.Request
        }
        const path = sign('UnassignPrivateIpAddresses', {
          NetworkInterfaceId: ctx.eni ?? '',
          'PrivateIpAddress.1': ctx.ip,
        })
        return { ...req, method: 'GET', path }
      },
      onResponse: (_status, _body, context) => {
        const ctx = context as PairContext
        if (ctx.eni !== undefined) free.push(ctx.eni)
        ctx.eni = undefined
      },
    },
  ]
  return load({
    name: 'Assign+Unassign pairs',
    urls: opts.urls,
    pids: opts.pids,
    connections,
    seconds: opts.seconds,
    requests,
    settle: true,
  })
}

export async function describeEnis(
  opts: PhaseOptions,
  connections: number,
  name: string,
  params: Record<string, string | number>,
): Promise<LoadResult> {
  const sign = signer()
  return load({
    name,
    urls: opts.urls,
    pids: opts.pids,
    connections,
    seconds: opts.seconds,
    requests: () => [signedGet(sign, 'DescribeNetworkInterfaces', params)],
  })
}
