// The storage port. Every call runs inside one transaction (`Store.transaction`); the port is
// async because pg is (STYLE §4). Tenancy is in every query: reads take the account id, and
// another account's row is simply not found. Uniqueness of (vswitch, address) is the database's.
import type {
  AccessKey,
  Account,
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
  /** canonical IPv6 text; matches an ENI holding any of them */
  readonly ipv6Addresses?: readonly string[] | undefined
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
  /** true: only VPCs with IPv6; false: only those without */
  readonly ipv6?: boolean | undefined
}

export interface VSwitchFilter {
  readonly regionId?: string | undefined
  readonly vpcId?: string | undefined
  readonly ids?: readonly string[] | undefined
  readonly zoneId?: string | undefined
  readonly name?: string | undefined
  /** true: only vSwitches with IPv6; false: only those without */
  readonly ipv6?: boolean | undefined
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
  /** Sets the VPC's name and description. */
  renameVpc(id: string, name: string, description: string): Promise<void>
  /** Sets (or clears, with nulls) the VPC's IPv6 /56 and ISP. */
  setVpcIpv6(id: string, ipv6CidrBlock: string | null, ipv6Isp: string | null): Promise<void>
  deleteVpc(accountId: string, id: string): Promise<void>
  /** The highest pool index handed out so far (−1 if none). */
  maxVpcIpv6PoolIndex(): Promise<number>
  /** Which of the /56 blocks are already recorded (by any account, ever). */
  vpcIpv6CidrsTaken(cidrBlocks: readonly string[]): Promise<string[]>
  /** Records a /56; a block or pool index already recorded → OperationConflict (unique key). */
  insertVpcIpv6Cidr(c: NewVpcIpv6Cidr): Promise<void>

  // vSwitches
  insertVSwitch(v: VSwitch): Promise<void>
  getVSwitch(accountId: string, id: string): Promise<VSwitch | undefined>
  listVSwitches(accountId: string, f: VSwitchFilter, page: Page): Promise<PageResult<VSwitch>>
  vswitchesOfVpc(vpcId: string): Promise<VSwitch[]>
  setVSwitchStatus(id: string, status: NetworkStatus): Promise<void>
  /** Sets the vSwitch /64 (unique: a /64 already used → OperationConflict). */
  setVSwitchIpv6(id: string, ipv6CidrBlock: string | null): Promise<void>
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
   * Cross-account, for the metadata service only: instances with an attached (`InUse`) ENI that
   * holds `address` as any of its private IPs, primary or secondary (optionally only in
   * `vswitchId`). Several VPCs may reuse an address, so there may be more than one.
   */
  findInstancesByAddress(address: string, vswitchId?: string): Promise<Instance[]>
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

  // IPv4 prefixes: a /28 claims its 16 addresses as private_ips rows (unique per vSwitch)
  /**
   * Claims each prefix whole or not at all (its 16 member addresses, given by the caller);
   * returns the prefixes claimed. A prefix that met any address already in use is absent and
   * leaves no row behind.
   */
  insertIpv4Prefixes(
    rows: readonly (NewPrefix & { members: readonly string[] })[],
  ): Promise<string[]>
  /** Frees the ENI's named prefixes (all 16 rows each); returns how many prefixes were freed. */
  deleteIpv4Prefixes(eniId: string, prefixes: readonly string[]): Promise<number>
  /** The prefixes held in a vSwitch (used to rebuild in-memory indexes). */
  usedIpv4Prefixes(vswitchId: string): Promise<string[]>

  // IPv6 single addresses and /80 prefixes
  /**
   * Inserts what is free and returns the addresses actually inserted. An address already in
   * use, or inside an assigned /80 prefix, is absent (a lost race or a taken block).
   */
  insertIpv6Addresses(rows: readonly NewIpv6Address[]): Promise<string[]>
  /** Deletes the ENI's named IPv6 addresses; returns how many were deleted. */
  deleteIpv6Addresses(eniId: string, addresses: readonly string[]): Promise<number>
  /** Which of `addresses` are in use in the vSwitch. */
  ipv6AddressesInUse(vswitchId: string, addresses: readonly string[]): Promise<string[]>
  /** Which of the /80 `blocks` are assigned prefixes in the vSwitch. */
  ipv6PrefixBlocksIn(vswitchId: string, blocks: readonly string[]): Promise<string[]>
  /** All IPv6 addresses of a vSwitch (sequential allocation mode only). */
  usedIpv6Addresses(vswitchId: string): Promise<string[]>
  /** Claims each /80 unless any row (a prefix or single addresses) holds it; returns those claimed. */
  insertIpv6Prefixes(rows: readonly NewPrefix[]): Promise<string[]>
  /** Frees the ENI's named /80 prefixes; returns how many were freed. */
  deleteIpv6Prefixes(eniId: string, prefixes: readonly string[]): Promise<number>
  /** Every /80 of the vSwitch that is taken (prefixes and blocks holding single addresses). */
  usedIpv6Blocks(vswitchId: string): Promise<string[]>

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
