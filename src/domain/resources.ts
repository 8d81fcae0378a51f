// The resources of the world, camelCase (wire names stay in api/ and http/).
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
}
