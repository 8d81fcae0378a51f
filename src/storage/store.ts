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
import type { InstanceStatus, NetworkStatus } from '../domain/statuses.js'
import type { Tag, Tagged, TaggableType } from '../domain/tags.js'
import type {
  Page,
  PageResult,
  EniFilter,
  InstanceFilter,
  VpcFilter,
  VSwitchFilter,
  SecurityGroupFilter,
  ResourceTag,
  TagResourceFilter,
  TagPage,
  NewPrivateIp,
  NewIpv6Address,
  NewPrefix,
  NewVpcIpv6Cidr,
  IdempotencyRecord,
  NonceUse,
  ConsoleSessionRecord,
  EniPatch,
  EventFilter,
  OperationStats,
  VSwitchUsage,
} from './store-rows.js'

export type * from './store-rows.js'

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
  /**
   * The groups among `ids` (in that order, unknown ones left out); `forUpdate` row-locks them in
   * id order, as lockSecurityGroups does (PostgreSQL).
   */
  getSecurityGroups(
    accountId: string,
    ids: readonly string[],
    forUpdate?: boolean,
  ): Promise<SecurityGroup[]>
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
  /** countSecurityGroupIps of each group, in one query (0 for an unknown group). */
  countSecurityGroupIpsIn(groupIds: readonly string[]): Promise<Map<string, number>>
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
  /** A page of ENIs, each with its tags (read with its addresses, in one query per page). */
  listEnis(accountId: string, f: EniFilter, page: Page): Promise<PageResult<EniView & Tagged>>
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
  /** vSwitch id → addresses in use, for each of `vswitchIds` (0 where none): one grouped query */
  countUsedAddressesIn(vswitchIds: readonly string[]): Promise<Map<string, number>>
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
  /**
   * Locks and returns one due operation that has not given up, skipping rows other workers
   * hold.
   */
  claimDueOperation(now: Date): Promise<Operation | undefined>
  /** Locks one operation by id (skipping it if another worker holds it). */
  claimOperation(id: string): Promise<Operation | undefined>
  deleteOperation(id: string): Promise<void>
  deleteOperationsFor(resourceId: string): Promise<void>
  /** The earliest due time of operations that have not given up. */
  nextOperationDue(): Promise<Date | undefined>
  /** One more failed attempt: `lastError` recorded, due again at `retryAt`. */
  retryOperation(id: string, lastError: string, retryAt: Date): Promise<void>
  /** The operation gave up (its fallback state applied): kept, with why, until swept. */
  failOperation(id: string, lastError: string, failedAt: Date): Promise<void>
  /** The account's operations (pending and given up), by due time. */
  listOperations(accountId: string, resourceId?: string): Promise<Operation[]>
  /** Deletes given-up operations older than `before`; returns how many. */
  deleteFailedOperationsBefore(before: Date): Promise<number>

  // signature nonces (replay protection shared by every replica)
  /**
   * Records (accessKeyId, nonce) until `expiresAt`. Returns false, changing nothing, when the
   * pair is already recorded and has not expired at `now`.
   */
  useNonce(accessKeyId: string, nonce: string, expiresAt: Date, now: Date): Promise<boolean>
  /**
   * useNonce for many pairs in one statement: element i says whether `pairs[i]` was recorded.
   * A pair that appears twice is recorded once (its later copies answer false).
   */
  useNonces(pairs: readonly NonceUse[], now: Date): Promise<boolean[]>
  /** Deletes nonces that expired before `now`; returns how many. */
  purgeNonces(now: Date): Promise<number>

  // console sessions
  insertConsoleSession(s: ConsoleSessionRecord): Promise<void>
  getConsoleSession(idHash: string): Promise<ConsoleSessionRecord | undefined>
  touchConsoleSession(idHash: string, at: Date): Promise<void>
  deleteConsoleSession(idHash: string): Promise<void>
  /** Deletes sessions last used before `idleBefore` or created before `createdBefore`. */
  deleteConsoleSessionsBefore(idleBefore: Date, createdBefore: Date): Promise<number>

  // fixed-window rate-limit counters
  /**
   * Counts one hit on `bucket` in the window starting at `windowStart` (an older window is
   * replaced) and returns the hits in that window, this one included.
   */
  hitRateLimit(bucket: string, windowStart: Date): Promise<number>
  deleteRateLimitsBefore(windowStart: Date): Promise<number>

  // tags (one row per resource and key; another account's rows are invisible)
  /** Sets each tag on the resource: a new key is added, an existing key gets the new value. */
  putTags(
    accountId: string,
    regionId: string,
    type: TaggableType,
    resourceId: string,
    tags: readonly Tag[],
  ): Promise<void>
  /** Removes the named keys (absent ones are ignored), or every tag when `keys` is undefined. */
  deleteTags(
    accountId: string,
    type: TaggableType,
    resourceId: string,
    keys?: readonly string[],
  ): Promise<number>
  /** The tags of these resources, by resource id then key. */
  tagsOf(
    accountId: string,
    type: TaggableType,
    resourceIds: readonly string[],
  ): Promise<ResourceTag[]>
  /**
   * Every tag of the resources that match `f` (by resource id, then key), paged by row;
   * `nextToken` is '' on the last page.
   */
  listTagResources(
    accountId: string,
    f: TagResourceFilter,
    page: TagPage,
  ): Promise<{ items: ResourceTag[]; nextToken: string }>

  // idempotency
  getIdempotency(
    accountId: string,
    regionId: string,
    action: string,
    token: string,
  ): Promise<IdempotencyRecord | undefined>
  insertIdempotency(r: IdempotencyRecord): Promise<void>
  deleteIdempotency(
    accountId: string,
    regionId: string,
    action: string,
    token: string,
  ): Promise<void>
  /** Deletes records created before `before`; returns how many. */
  deleteIdempotencyBefore(before: Date): Promise<number>

  // events (audit trail) and metrics
  insertEvent(e: AuditEvent): Promise<void>
  /** The account's events, oldest first (at most `limit`, the newest ones). */
  listEvents(accountId: string, f: EventFilter): Promise<AuditEvent[]>
  operationStats(): Promise<OperationStats>
  /** Cross-account, for metrics only: every vSwitch with its used-address count. */
  vswitchUsage(): Promise<VSwitchUsage[]>
}

export interface TransactionOptions {
  /**
   * `relaxed`: the commit may be lost if the machine (not the process) crashes within a fraction
   * of a second: SQLite commits it with synchronous=NORMAL, PostgreSQL with
   * synchronous_commit=off. For bookkeeping whose loss is harmless (signature nonces).
   */
  readonly durability?: 'full' | 'relaxed'
}

export interface Store {
  readonly engine: 'sqlite' | 'postgres'
  /**
   * Runs `fn` in one transaction: it commits when `fn` resolves and rolls back when it throws.
   * A failed statement dooms the transaction even if `fn` catches its error: later statements
   * reject with that error, and the transaction rolls back and rejects with it.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>, opts?: TransactionOptions): Promise<T>
  /**
   * Calls `listener` with the due time of operations scheduled by committed transactions: this
   * store's own at once, and on PostgreSQL other replicas' too (LISTEN/NOTIFY). Returns a
   * function that unsubscribes. A hint only: the worker still polls, slowly, for what a missed
   * notification would have said.
   */
  onOperationsScheduled(listener: (dueAt: Date) => void): () => void
  close(): Promise<void>
}
