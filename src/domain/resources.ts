// The resources of the world, camelCase (wire names stay in api/ and http/).
import type { TrafficMode } from './eni-traffic.js'
import type {
  EniStatus,
  EniType,
  InstanceStatus,
  NetworkStatus,
  NetworkType,
  SecurityGroupType,
} from './statuses.js'

export interface Account {
  readonly id: string
  readonly name: string
  readonly createdAt: Date
}

export interface AccessKey {
  readonly accessKeyId: string
  readonly accessKeySecret: string
  readonly accountId: string
}

export interface Vpc {
  readonly id: string
  readonly accountId: string
  readonly regionId: string
  readonly cidrBlock: string
  readonly name: string
  readonly description: string
  readonly status: NetworkStatus
  readonly vRouterId: string
  readonly routeTableId: string
  readonly createdAt: Date
  /** The VPC's IPv6 /56 (canonical, e.g. "2408:4000:0:100::/56"), or null without IPv6. */
  readonly ipv6CidrBlock: string | null
  /** `BGP` (default), `ChinaMobile`, `ChinaUnicom` or `ChinaTelecom`; null without IPv6. */
  readonly ipv6Isp: string | null
}

export interface VSwitch {
  readonly id: string
  readonly accountId: string
  readonly vpcId: string
  readonly regionId: string
  readonly zoneId: string
  readonly cidrBlock: string
  readonly name: string
  readonly description: string
  readonly status: NetworkStatus
  readonly createdAt: Date
  /**
   * The vSwitch's IPv6 /64 (canonical, e.g. "2408:4000:0:105::/64": the VPC /56 plus the
   * `Ipv6CidrBlock` index 0–255), or null without IPv6. Its `::`, `::1` (the gateway) and
   * all-ones interface IDs are reserved.
   */
  readonly ipv6CidrBlock: string | null
}

/**
 * What the IPv4 allocators need of a vSwitch: its id and CIDR, neither of which ever changes
 * (an address pool keeps them, so an assign need not read the vSwitch again).
 */
export type VSwitchRange = Pick<VSwitch, 'id' | 'cidrBlock'>

export interface SecurityGroup {
  readonly id: string
  readonly accountId: string
  readonly vpcId: string
  readonly regionId: string
  readonly name: string
  readonly description: string
  readonly type: SecurityGroupType
  readonly createdAt: Date
}

export interface Instance {
  readonly id: string
  readonly accountId: string
  readonly regionId: string
  readonly zoneId: string
  readonly networkType: NetworkType
  readonly vpcId: string | null
  readonly vswitchId: string | null
  readonly instanceType: string
  readonly imageId: string
  readonly name: string
  readonly hostName: string
  readonly description: string
  readonly status: InstanceStatus
  readonly createdAt: Date
  readonly startedAt: Date | null
}

export interface PrivateIp {
  readonly address: string
  readonly primary: boolean
}

export interface Eni {
  readonly id: string
  readonly accountId: string
  readonly regionId: string
  readonly zoneId: string
  readonly vpcId: string
  readonly vswitchId: string
  readonly type: EniType
  readonly status: EniStatus
  readonly macAddress: string
  readonly primaryIp: string
  readonly name: string
  readonly description: string
  readonly instanceId: string | null
  readonly deviceIndex: number | null
  readonly deleteOnRelease: boolean
  readonly sourceDestCheck: boolean
  readonly createdAt: Date
  /** extensions.md §7: `Standard`, or `HighPerformance` (an ERI) */
  readonly trafficMode: TrafficMode
  /** the group given at creation, or the account's default group */
  readonly resourceGroupId: string
  /** queues set by the client (1–2048); null: the type's default once attached */
  readonly queueNumber: number | null
  /** RDMA queue pairs set by the client (HighPerformance only); null when unset */
  readonly queuePairNumber: number | null
}

/**
 * An ENI with its security groups and all its addresses. `privateIps`: single IPv4 addresses,
 * primary first, then in assignment order (never the addresses inside an IPv4 prefix).
 * `ipv6Addresses`: canonical IPv6 text, in assignment order. `ipv4Prefixes` ("a.b.c.d/28") and
 * `ipv6Prefixes` ("…/80", canonical): in assignment order.
 */
export interface EniView extends Eni {
  readonly securityGroupIds: readonly string[]
  readonly privateIps: readonly PrivateIp[]
  readonly ipv6Addresses: readonly string[]
  readonly ipv4Prefixes: readonly string[]
  readonly ipv6Prefixes: readonly string[]
  /** The instance type of the instance it is attached to; null when not attached. */
  readonly attachedInstanceType: string | null
}

export type OperationKind =
  | 'vpc.available'
  | 'vswitch.available'
  | 'instance.started'
  | 'instance.stopped'
  | 'instance.created-stopped'
  | 'eni.attached'
  | 'eni.detached'
  | 'eni.deleted'

/** A durable transition that completes later (DESIGN.md: async work is durable). */
export interface Operation {
  readonly id: string
  readonly accountId: string
  readonly kind: OperationKind
  readonly resourceId: string
  readonly dueAt: Date
  /** Failed attempts so far (0 for a new operation). */
  readonly attempts?: number
  /** Why the last attempt failed (null when none has). */
  readonly lastError?: string | null
  /** Set once the operation gave up: its fallback state was applied (see the worker). */
  readonly failedAt?: Date | null
  /** fault injection: the transition ends in failure (the resource returns to where it was) */
  readonly fail?: boolean
}

/** How an audited call ended (events): done, refused with an error, throttled, or injected. */
export type EventOutcome = 'success' | 'error' | 'throttled' | 'injected'

/** One audited call (events): who, what, with which parameters (no secrets), and the result. */
export interface AuditEvent {
  readonly id: string
  readonly at: Date
  readonly accountId: string
  readonly accessKeyId: string
  readonly action: string
  /** the call's parameters as JSON, secrets and signature fields removed */
  readonly params: string
  /** the error Code, or `Success` */
  readonly code: string
  readonly httpStatus: number
  readonly outcome: EventOutcome
  readonly requestId: string
  readonly sourceIp: string
  /** resource ids the call named or created */
  readonly resources: readonly string[]
}
