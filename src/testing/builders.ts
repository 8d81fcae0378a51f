// Test data builders (STYLE §5): fresh objects with sensible defaults, overridden per test.
// Ids, names and MAC addresses come from one counter, so every call is unique; dates are fixed.
import { defaultResourceGroupId } from '../domain/resource-group.js'
import type {
  AccessKey,
  Account,
  Eni,
  Instance,
  Operation,
  SecurityGroup,
  VSwitch,
  Vpc,
} from '../domain/resources.js'
import type { IdempotencyRecord, NewPrivateIp } from '../storage/store.js'

/** The instant every builder uses unless told otherwise. */
export const FIXED_TIME = Date.parse('2026-01-01T00:00:00Z')

let counter = 0
const next = (): number => ++counter

/** A new Date `offsetMs` after FIXED_TIME (a new object each call: Dates are mutable). */
export const at = (offsetMs = 0): Date => new Date(FIXED_TIME + offsetMs)

/** `<kind>-bp1t` + 8 digits: unique, and ids built later sort after ids built earlier. */
export const anId = (kind: string): string => `${kind}-bp1t${String(next()).padStart(8, '0')}`

export const aMac = (): string => {
  const n = next()
  const octets = [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]
  return `00:16:3e:${octets.map((o) => o.toString(16).padStart(2, '0')).join(':')}`
}

/** An address in 10.0.0.0/16 that no other call of this process returns (until 65,000 calls). */
export const anAddress = (): string => {
  const n = (next() % 65000) + 256
  return `10.0.${n >> 8}.${n & 0xff}`
}

export const anAccount = (o: Partial<Account> = {}): Account => {
  const id = o.id ?? anId('acc')
  return { id, name: `account-${id}`, createdAt: at(), ...o }
}

export const anAccessKey = (o: Pick<AccessKey, 'accountId'> & Partial<AccessKey>): AccessKey => ({
  accessKeyId: `LTAI${String(next()).padStart(12, '0')}`,
  accessKeySecret: `secret-${next()}`,
  ...o,
})

export const aVpc = (o: Pick<Vpc, 'accountId'> & Partial<Vpc>): Vpc => {
  const id = o.id ?? anId('vpc')
  return {
    id,
    regionId: 'cn-hangzhou',
    cidrBlock: '10.0.0.0/8',
    name: `vpc-name-${id}`,
    description: '',
    status: 'Available',
    vRouterId: anId('vrt'),
    routeTableId: anId('vtb'),
    createdAt: at(),
    ipv6CidrBlock: null,
    ipv6Isp: null,
    ...o,
  }
}

export const aVSwitch = (o: Pick<VSwitch, 'accountId' | 'vpcId'> & Partial<VSwitch>): VSwitch => {
  const id = o.id ?? anId('vsw')
  return {
    id,
    regionId: 'cn-hangzhou',
    zoneId: 'cn-hangzhou-h',
    cidrBlock: '10.0.0.0/16',
    name: `vsw-name-${id}`,
    description: '',
    status: 'Available',
    createdAt: at(),
    ipv6CidrBlock: null,
    ...o,
  }
}

export const aSecurityGroup = (
  o: Pick<SecurityGroup, 'accountId' | 'vpcId'> & Partial<SecurityGroup>,
): SecurityGroup => {
  const id = o.id ?? anId('sg')
  return {
    id,
    regionId: 'cn-hangzhou',
    name: `sg-name-${id}`,
    description: '',
    type: 'normal',
    createdAt: at(),
    ...o,
  }
}

export const anInstance = (o: Pick<Instance, 'accountId'> & Partial<Instance>): Instance => {
  const id = o.id ?? anId('i')
  return {
    id,
    regionId: 'cn-hangzhou',
    zoneId: 'cn-hangzhou-h',
    networkType: 'vpc',
    vpcId: null,
    vswitchId: null,
    instanceType: 'ecs.g7.large',
    imageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
    name: `instance-name-${id}`,
    hostName: `host-${id}`,
    description: '',
    status: 'Running',
    createdAt: at(),
    startedAt: null,
    ...o,
  }
}

export const anEni = (o: Pick<Eni, 'accountId' | 'vpcId' | 'vswitchId'> & Partial<Eni>): Eni => {
  const id = o.id ?? anId('eni')
  return {
    id,
    regionId: 'cn-hangzhou',
    zoneId: 'cn-hangzhou-h',
    type: 'Secondary',
    status: 'Available',
    macAddress: aMac(),
    primaryIp: anAddress(),
    name: `eni-name-${id}`,
    description: '',
    instanceId: null,
    deviceIndex: null,
    deleteOnRelease: true,
    sourceDestCheck: false,
    createdAt: at(),
    trafficMode: 'Standard',
    resourceGroupId: defaultResourceGroupId(o.accountId),
    queueNumber: null,
    queuePairNumber: null,
    ...o,
  }
}

/** Private IP rows of `eni` in its vSwitch; the first is primary when `primaryFirst`. */
export const privateIpsOf = (
  eni: Pick<Eni, 'id' | 'accountId' | 'vswitchId'>,
  addresses: readonly string[],
  { primaryFirst = false }: { primaryFirst?: boolean } = {},
): NewPrivateIp[] =>
  addresses.map((address, i) => ({
    vswitchId: eni.vswitchId,
    address,
    eniId: eni.id,
    accountId: eni.accountId,
    primary: primaryFirst && i === 0,
  }))

export const anOperation = (
  o: Pick<Operation, 'accountId' | 'resourceId'> & Partial<Operation>,
): Operation => ({
  id: anId('op'),
  kind: 'eni.attached',
  dueAt: at(),
  attempts: 0,
  lastError: null,
  failedAt: null,
  ...o,
})

export const anIdempotencyRecord = (
  o: Pick<IdempotencyRecord, 'accountId'> & Partial<IdempotencyRecord>,
): IdempotencyRecord => ({
  regionId: 'cn-hangzhou',
  action: 'CreateNetworkInterface',
  token: `token-${next()}`,
  paramsHash: `hash-${next()}`,
  result: '{"NetworkInterfaceId":"eni-x"}',
  createdAt: at(),
  ...o,
})
