// The rows, filters and pages the storage port (store.ts) speaks in: what goes in and comes out of
// a Tx besides the domain's own resources. store.ts re-exports them; import them from there.
import type { Eni } from '../domain/resources.js'
import type { TrafficMode } from '../domain/eni-traffic.js'
import type { EniStatus, EniType, InstanceStatus } from '../domain/statuses.js'
import type { TagMatch, TaggableType } from '../domain/tags.js'

export interface Page {
  /** opaque keyset cursor from a previous page's `nextToken` */
  readonly after?: string | undefined
  readonly offset?: number | undefined
  readonly limit: number
}

export interface PageResult<T> {
  readonly items: T[]
  readonly totalCount: number
  /** '' on the last page */
  readonly nextToken: string
}

export interface EniFilter {
  readonly regionId: string
  readonly ids?: readonly string[] | undefined
  readonly instanceId?: string | undefined
  readonly vpcId?: string | undefined
  readonly vswitchId?: string | undefined
  readonly securityGroupId?: string | undefined
  readonly type?: EniType | undefined
  readonly status?: EniStatus | undefined
  readonly primaryIp?: string | undefined
  readonly privateIps?: readonly string[] | undefined
  /** canonical IPv6 text; matches an ENI holding any of them */
  readonly ipv6Addresses?: readonly string[] | undefined
  readonly name?: string | undefined
  /** `Tag.N`: every pair must match (AND); a pair without a value matches any value */
  readonly tags?: readonly TagMatch[] | undefined
  /** the ENI's resource group (the account's default group for ENIs created without one) */
  readonly resourceGroupId?: string | undefined
  readonly trafficMode?: TrafficMode | undefined
}

export interface InstanceFilter {
  readonly regionId: string
  readonly ids?: readonly string[] | undefined
  readonly vpcId?: string | undefined
  readonly vswitchId?: string | undefined
  readonly zoneId?: string | undefined
  readonly status?: InstanceStatus | undefined
  readonly instanceType?: string | undefined
  readonly name?: string | undefined
  readonly securityGroupId?: string | undefined
  readonly privateIps?: readonly string[] | undefined
  /** `Tag.N`: every pair must match (AND); a pair without a value matches any value */
  readonly tags?: readonly TagMatch[] | undefined
}

export interface VpcFilter {
  readonly regionId: string
  readonly ids?: readonly string[] | undefined
  readonly name?: string | undefined
  /** `Tag.N`: every pair must match (AND); a pair without a value matches any value */
  readonly tags?: readonly TagMatch[] | undefined
  /** true: only VPCs with IPv6; false: only those without */
  readonly ipv6?: boolean | undefined
}

export interface VSwitchFilter {
  readonly regionId?: string | undefined
  readonly vpcId?: string | undefined
  readonly ids?: readonly string[] | undefined
  readonly zoneId?: string | undefined
  readonly name?: string | undefined
  /** `Tag.N`: every pair must match (AND); a pair without a value matches any value */
  readonly tags?: readonly TagMatch[] | undefined
  /** true: only vSwitches with IPv6; false: only those without */
  readonly ipv6?: boolean | undefined
}

export interface SecurityGroupFilter {
  readonly regionId: string
  readonly vpcId?: string | undefined
  readonly ids?: readonly string[] | undefined
  readonly name?: string | undefined
  /** `Tag.N`: every pair must match (AND); a pair without a value matches any value */
  readonly tags?: readonly TagMatch[] | undefined
}

/** One (resource, tag) row, as ListTagResources returns them. */
export interface ResourceTag {
  readonly resourceId: string
  readonly key: string
  readonly value: string
}

export interface TagResourceFilter {
  readonly regionId: string
  readonly resourceType: TaggableType
  readonly resourceIds?: readonly string[] | undefined
  /** resources carrying every one of these (AND) */
  readonly tags?: readonly TagMatch[] | undefined
}

export interface TagPage {
  /** opaque cursor from a previous page's `nextToken` */
  readonly after?: string | undefined
  readonly limit: number
}

export interface NewPrivateIp {
  readonly vswitchId: string
  readonly address: string
  readonly eniId: string
  readonly accountId: string
  readonly primary: boolean
}

export interface NewIpv6Address {
  readonly vswitchId: string
  /** canonical RFC 5952 text */
  readonly address: string
  /** the /80 of the vSwitch /64 that holds the address (canonical text) */
  readonly block: string
  readonly eniId: string
  readonly accountId: string
}

/** An IPv4 /28 or IPv6 /80 prefix to claim for an ENI. */
export interface NewPrefix {
  readonly vswitchId: string
  /** canonical text: "a.b.c.d/28" or "…/80" */
  readonly prefix: string
  readonly eniId: string
  readonly accountId: string
}

/** A VPC's claim on an IPv6 /56 (recorded forever: never handed out twice). */
export interface NewVpcIpv6Cidr {
  readonly cidrBlock: string
  readonly regionId: string
  /** k of the k-th /56 of the server's pool; null for a block the caller chose */
  readonly poolIndex: number | null
  readonly vpcId: string
  readonly createdAt: Date
}

export interface IdempotencyRecord {
  readonly accountId: string
  /** the region the call named: one token in two regions is two requests */
  readonly regionId: string
  readonly action: string
  readonly token: string
  readonly paramsHash: string
  readonly result: string
  readonly createdAt: Date
}

/** One signature nonce to record until `expiresAt` (useNonces). */
export interface NonceUse {
  readonly accessKeyId: string
  readonly nonce: string
  readonly expiresAt: Date
}

export interface ConsoleSessionRecord {
  /** SHA-256 (hex) of the cookie's session id: the store never holds the cookie itself. */
  readonly idHash: string
  readonly accountId: string
  readonly accessKeyId: string
  readonly createdAt: Date
  readonly lastUsedAt: Date
}

export type EniPatch = Partial<
  Pick<
    Eni,
    | 'status'
    | 'name'
    | 'description'
    | 'instanceId'
    | 'deviceIndex'
    | 'deleteOnRelease'
    | 'sourceDestCheck'
    | 'primaryIp'
    | 'trafficMode'
    | 'queueNumber'
    | 'queuePairNumber'
  >
>

export interface EventFilter {
  readonly since?: Date | undefined
  readonly action?: string | undefined
  /** a resource id the call named or created */
  readonly resource?: string | undefined
  readonly limit: number
}

export interface OperationStats {
  readonly depth: number
  /** the earliest due time among queued operations */
  readonly oldestDueAt: Date | undefined
}

/** Free-address accounting of one vSwitch (cross-account, for metrics only). */
export interface VSwitchUsage {
  readonly vswitchId: string
  readonly cidrBlock: string
  readonly used: number
}
