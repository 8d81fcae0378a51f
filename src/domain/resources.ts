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

/** An ENI with its security groups and all its private IPs (primary first). */
export interface EniView extends Eni {
  readonly securityGroupIds: readonly string[]
  readonly privateIps: readonly PrivateIp[]
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
