// Small steps the console tests share: raw calls to the console endpoint (to prove what it
// refuses), the browser's session cookie, a free address, and waiting for an ENI status.
import type { BrowserContext } from 'playwright-core'
import type { Wrapped } from '../../../src/api/wire/list.js'
import type { WireNetworkInterface } from '../../../src/api/wire/network-interface.js'
import type { RpcClient } from '../../../src/client/rpc-client.js'
import { callAs, describeEni, waitFor } from './console-world.js'

export interface RawResponse {
  readonly status: number
  readonly body: Record<string, unknown>
}

/** POST /console/api/call with exactly these headers (`content-type` defaults to JSON). */
export async function consoleCall(
  baseUrl: string,
  payload: object,
  headers: Record<string, string>,
): Promise<RawResponse> {
  const res = await fetch(`${baseUrl}/console/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

/** `cookie` header value carrying the browser's console session. */
export async function signedInCookie(context: BrowserContext): Promise<string> {
  const session = (await context.cookies()).find((c) => c.name === 'eniplane_console')
  if (session === undefined) throw new Error('no console session cookie')
  return `${session.name}=${session.value}`
}

/** The first `192.168.1.N` (N ≥ `from`) that no ENI in the vSwitch uses. */
export async function freeAddress(
  api: RpcClient,
  vswitchId: string,
  from: number,
): Promise<string> {
  const res = await callAs<{
    NetworkInterfaceSets: Wrapped<'NetworkInterfaceSet', WireNetworkInterface>
  }>(api, 'DescribeNetworkInterfaces', { VSwitchId: vswitchId, MaxResults: 500 })
  const used = new Set(
    res.NetworkInterfaceSets.NetworkInterfaceSet.flatMap((eni) =>
      eni.PrivateIpSets.PrivateIpSet.map((ip) => ip.PrivateIpAddress),
    ),
  )
  for (let n = from; n < 250; n++) {
    const candidate = `192.168.1.${n}`
    if (!used.has(candidate)) return candidate
  }
  throw new Error('no free address')
}

export async function waitForStatus(api: RpcClient, eniId: string, status: string): Promise<void> {
  await waitFor(
    `${eniId} ${status}`,
    () => describeEni(api, eniId),
    (eni) => eni?.Status === status,
  )
}
