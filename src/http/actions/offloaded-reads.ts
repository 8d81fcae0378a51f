// The Actions a read worker serves (`serve --read-workers`, http/read-pool.ts): the reads whose
// answers can cost milliseconds of CPU. Each is registered on the server too (its validation of
// Action and Version, and the path when no worker runs), from the same definition. A call goes to
// a worker only when its answer can be long: a short one costs less on the server's thread than
// the hand-off does (the private-IP filter: 0.3 ms of CPU there, 0.6 ms through a worker). So
// Cilium's resync, every ENI by `MaxResults=500` and NextToken (extensions.md §8), goes to a
// worker; Terway's by instance and Terraform's by ENI id stay.
import type { ServiceContext } from '../../service/context.js'
import type { ActionDefinition } from '../action-registry.js'
import type { Params } from '../params.js'
import { describeNetworkInterfacesAction } from './describe-network-interfaces.js'

export interface OffloadedRead {
  readonly define: (deps: { ctx: ServiceContext }) => ActionDefinition
  /** whether this call's answer can be long enough to be worth a worker */
  readonly worthIt: (params: Params) => boolean
}

/** Pages of this many items or more (as asked: MaxResults, else PageSize) go to a worker. */
export const LONG_PAGE = 100

/** The page size a call asks for; malformed or absent: none (the handler judges it). */
function askedPageSize(params: Params): number {
  const asked = Number(params.str('MaxResults') ?? params.str('PageSize'))
  return Number.isInteger(asked) ? asked : 0
}

/** Filters that hold a Describe's answer to a few ENIs, whatever page it asks for. */
const FEW_ENIS = [
  'NetworkInterfaceId',
  'InstanceId',
  'PrimaryIpAddress',
  'PrivateIpAddress',
  'Ipv6Address',
] as const

export const OFFLOADED_READS: readonly OffloadedRead[] = [
  {
    define: describeNetworkInterfacesAction,
    worthIt: (params) =>
      askedPageSize(params) >= LONG_PAGE && !FEW_ENIS.some((name) => params.has(name)),
  },
]
