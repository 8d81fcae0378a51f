// The storage port. Every call runs inside one transaction (`Store.transaction`); the port is
// async because pg is (STYLE §4). Tenancy is in every query: reads take the account id, and
// another account's row is simply not found. Uniqueness of (vswitch, address) is the database's.
import type {
  AccessKey,
  Account,
  AuditEvent,
  Eni,
  EniView,
  Instance,
  Operation,
  PrivateIp,
  SecurityGroup,
  VSwitch,
  Vpc,
} from '../domain/resources.js'
import type { EniStatus, EniType, InstanceStatus, NetworkStatus } from '../domain/statuses.js'

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
  readonly name?: string | undefined
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
}

export interface VpcFilter {
  readonly regionId: string
  readonly ids?: readonly string[] | undefined
  readonly name?: string | undefined
}

export interface VSwitchFilter {
  readonly regionId?: string | undefined
  readonly vpcId?: string | undefined
  readonly ids?: readonly string[] | undefined
  readonly zoneId?: string | undefined
  readonly name?: string | undefined
}

export interface SecurityGroupFilter {
  readonly regionId: string
  readonly vpcId?: string | undefined
  readonly ids?: readonly string[] | undefined
  readonly name?: string | undefined
}

export interface NewPrivateIp {
  readonly vswitchId: string
  readonly address: string
  readonly eniId: string
  readonly accountId: string
  readonly primary: boolean
}

export interface IdempotencyRecord {
  readonly accountId: string
  readonly action: string
  readonly token: string
  readonly paramsHash: string
  readonly result: string
  readonly createdAt: Date
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

export interface Tx {
  // accounts
  insertAccount(a: Account): Promise<void>
  getAccountByName(name: string): Promise<Account | undefined>
  countAccounts(): Promise<number>
  insertAccessKey(k: AccessKey): Promise<void>
  getAccessKey(accessKeyId: string): Promise<AccessKey | undefined>
  /** Row-locks the account (PostgreSQL) so per-account quota checks serialise; SQLite is serial. */
  lockAccount(accountId: string): Promise<void>

  // VPCs
  insertVpc(v: Vpc): Promise<void>
  getVpc(accountId: string, id: string): Promise<Vpc | undefined>
  listVpcs(accountId: string, f: VpcFilter, page: Page): Promise<PageResult<Vpc>>
  countVpcs(accountId: string, regionId: string): Promise<number>
  setVpcStatus(id: string, status: NetworkStatus): Promise<void>
  deleteVpc(accountId: string, id: string): Promise<void>

  // vSwitches
  insertVSwitch(v: VSwitch): Promise<void>
  getVSwitch(accountId: string, id: string): Promise<VSwitch | undefined>
  listVSwitches(accountId: string, f: VSwitchFilter, page: Page): Promise<PageResult<VSwitch>>
  vswitchesOfVpc(vpcId: string): Promise<VSwitch[]>
  setVSwitchStatus(id: string, status: NetworkStatus): Promise<void>
  deleteVSwitch(accountId: string, id: string): Promise<void>

  // security groups
  insertSecurityGroup(g: SecurityGroup): Promise<void>
  getSecurityGroups(accountId: string, ids: readonly string[]): Promise<SecurityGroup[]>
  listSecurityGroups(
    accountId: string,
    f: SecurityGroupFilter,
    page: Page,
  ): Promise<PageResult<SecurityGroup>>
  countSecurityGroups(accountId: string, regionId: string): Promise<number>
  countSecurityGroupsOfVpc(vpcId: string): Promise<number>
  /** Row-locks the groups in id order (PostgreSQL); SQLite transactions are serial already. */
  lockSecurityGroups(ids: readonly string[]): Promise<void>
  /** Private IPs of all member ENIs (primary and secondary). */
  countSecurityGroupIps(groupId: string): Promise<number>
  countSecurityGroupMembers(groupId: string): Promise<number>
  deleteSecurityGroup(accountId: string, id: string): Promise<void>

  // instances
  insertInstance(i: Instance): Promise<void>
  getInstance(accountId: string, id: string, forUpdate?: boolean): Promise<Instance | undefined>
  listInstances(accountId: string, f: InstanceFilter, page: Page): Promise<PageResult<Instance>>
  countInstancesOfVSwitch(vswitchId: string): Promise<number>
  setInstanceStatus(id: string, status: InstanceStatus, startedAt?: Date): Promise<void>
  deleteInstance(accountId: string, id: string): Promise<void>
  /**
   * Cross-account, for the metadata service only: instances whose primary ENI has `address` as
   * its primary private IP (optionally only in `vswitchId`). Several VPCs may reuse an address.
   */
  findInstancesByPrimaryIp(address: string, vswitchId?: string): Promise<Instance[]>
  /** Cross-account, for the lab dataplane only: every instance in `status`, by id. */
  instancesWithStatus(status: InstanceStatus): Promise<Instance[]>

  // ENIs
  insertEni(e: Eni, securityGroupIds: readonly string[]): Promise<void>
  getEni(accountId: string, id: string, forUpdate?: boolean): Promise<EniView | undefined>
  listEnis(accountId: string, f: EniFilter, page: Page): Promise<PageResult<EniView>>
  enisOfInstance(instanceId: string): Promise<EniView[]>
  countEnis(accountId: string, regionId: string): Promise<number>
  countEnisOfVSwitch(vswitchId: string): Promise<number>
  updateEni(id: string, patch: EniPatch): Promise<void>
  setEniSecurityGroups(eniId: string, accountId: string, ids: readonly string[]): Promise<void>
  deleteEni(id: string): Promise<void>

  // private IPs
  /** Inserts what is free and returns the addresses actually inserted (a lost race is absent). */
  insertPrivateIps(rows: readonly NewPrivateIp[]): Promise<string[]>
  deletePrivateIps(eniId: string, addresses: readonly string[]): Promise<number>
  usedAddresses(vswitchId: string): Promise<string[]>
  countUsedAddresses(vswitchId: string): Promise<number>
  /** Which of `addresses` are in use in the vSwitch. */
  addressesInUse(vswitchId: string, addresses: readonly string[]): Promise<string[]>
  privateIpsOf(eniId: string): Promise<PrivateIp[]>

  // durable operations
  insertOperation(op: Operation): Promise<void>
  /** Locks and returns one due operation, skipping rows other workers hold. */
  claimDueOperation(now: Date): Promise<Operation | undefined>
  deleteOperation(id: string): Promise<void>
  deleteOperationsFor(resourceId: string): Promise<void>
  nextOperationDue(): Promise<Date | undefined>

  // idempotency
  getIdempotency(
    accountId: string,
    action: string,
    token: string,
  ): Promise<IdempotencyRecord | undefined>
  insertIdempotency(r: IdempotencyRecord): Promise<void>
  deleteIdempotencyBefore(before: Date): Promise<void>

  // events (audit trail) and metrics
  insertEvent(e: AuditEvent): Promise<void>
  /** The account's events, oldest first (at most `limit`, the newest ones). */
  listEvents(accountId: string, f: EventFilter): Promise<AuditEvent[]>
  operationStats(): Promise<OperationStats>
  /** Cross-account, for metrics only: every vSwitch with its used-address count. */
  vswitchUsage(): Promise<VSwitchUsage[]>
}

export interface Store {
  readonly engine: 'sqlite' | 'postgres'
  /**
   * Runs `fn` in one transaction: it commits when `fn` resolves and rolls back when it throws.
   * A failed statement dooms the transaction even if `fn` catches its error: later statements
   * reject with that error, and the transaction rolls back and rejects with it.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>
  close(): Promise<void>
}
