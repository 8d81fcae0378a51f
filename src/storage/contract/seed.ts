// Fresh worlds for contract cases, built from src/testing builders inside a transaction.
import type { Account, Eni, EniView, SecurityGroup, VSwitch, Vpc } from '../../domain/resources.js'
import {
  aSecurityGroup,
  aVSwitch,
  aVpc,
  anAccount,
  anEni,
  privateIpsOf,
} from '../../testing/builders.js'
import type { Tx } from '../store.js'

export interface Network {
  readonly account: Account
  readonly vpc: Vpc
  readonly vswitch: VSwitch
  readonly sg: SecurityGroup
}

/** An account with one VPC, one vSwitch and one security group. */
export async function seedNetwork(tx: Tx, regionId = 'cn-hangzhou'): Promise<Network> {
  const account = anAccount()
  const vpc = aVpc({ accountId: account.id, regionId })
  const vswitch = aVSwitch({ accountId: account.id, vpcId: vpc.id, regionId })
  const sg = aSecurityGroup({ accountId: account.id, vpcId: vpc.id, regionId })
  await tx.insertAccount(account)
  await tx.insertVpc(vpc)
  await tx.insertVSwitch(vswitch)
  await tx.insertSecurityGroup(sg)
  return { account, vpc, vswitch, sg }
}

/** Another security group in the network's VPC, inserted. */
export async function seedGroup(tx: Tx, net: Network): Promise<SecurityGroup> {
  const sg = aSecurityGroup({ accountId: net.account.id, vpcId: net.vpc.id })
  await tx.insertSecurityGroup(sg)
  return sg
}

/**
 * Inserts an ENI of `net` (overridable) with its primary IP row, `secondaries` and security
 * groups (default: the network's group), and returns the ENI.
 */
export async function seedEni(
  tx: Tx,
  net: Network,
  o: Partial<Eni> = {},
  { secondaries = [], sgIds = [net.sg.id] }: { secondaries?: string[]; sgIds?: string[] } = {},
): Promise<Eni> {
  const eni = anEni({
    accountId: net.account.id,
    vpcId: net.vpc.id,
    vswitchId: net.vswitch.id,
    regionId: net.vpc.regionId,
    zoneId: net.vswitch.zoneId,
    ...o,
  })
  await tx.insertEni(eni, sgIds)
  await tx.insertPrivateIps(privateIpsOf(eni, [eni.primaryIp], { primaryFirst: true }))
  if (secondaries.length > 0) await tx.insertPrivateIps(privateIpsOf(eni, secondaries))
  return eni
}

export const ids = (items: readonly { readonly id: string }[]): string[] => items.map((i) => i.id)

/**
 * What getEni should return for `eni` with these groups and addresses (attached: the instance
 * type of its instance).
 */
export const viewOf = (
  eni: Eni,
  securityGroupIds: readonly string[],
  secondaries: readonly string[] = [],
  attachedInstanceType: string | null = null,
): EniView => ({
  ...eni,
  securityGroupIds,
  privateIps: [
    { address: eni.primaryIp, primary: true },
    ...secondaries.map((address) => ({ address, primary: false })),
  ],
  ipv6Addresses: [],
  ipv4Prefixes: [],
  ipv6Prefixes: [],
  attachedInstanceType,
})
