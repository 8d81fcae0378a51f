// ModifyVpcAttribute (VPC 2016-04-28): name, description, and IPv6 (extensions.md §2.1).
// `EnableIPv6=true` gives a VPC without IPv6 its /56 (the pool's next, or `Ipv6CidrBlock`); a VPC
// that has one keeps it (naming another → InvalidParameter). `EnableIPv6=false` drops it unless
// a vSwitch still has IPv6 (ours, §10); the /56 stays recorded and is never handed out again.
import { errors } from '../domain/errors.js'
import type { Vpc } from '../domain/resources.js'
import type { Caller, ServiceContext } from './context.js'
import { requireRegion, requireVpc } from './lookups.js'
import { checkDescription, checkName } from './names.js'
import { runTransaction } from './run-transaction.js'
import { checkIpv6Isp, checkVpcIpv6CidrBlock, claimVpcIpv6 } from './vpc-ipv6.js'

export interface ModifyVpcAttributeInput {
  readonly regionId: string
  readonly vpcId: string
  readonly name?: string | undefined
  readonly description?: string | undefined
  readonly enableIpv6?: boolean | undefined
  readonly ipv6CidrBlock?: string | undefined
  readonly ipv6Isp?: string | undefined
}

export async function modifyVpcAttribute(
  ctx: ServiceContext,
  caller: Caller,
  input: ModifyVpcAttributeInput,
): Promise<Vpc> {
  requireRegion(ctx, input.regionId)
  const name =
    input.name === undefined
      ? undefined
      : checkName(input.name, 'VpcName', 'InvalidVpcName.Malformed')
  const description =
    input.description === undefined ? undefined : checkDescription(input.description)
  const requested = checkVpcIpv6CidrBlock(input.ipv6CidrBlock)
  if (requested !== undefined && input.enableIpv6 !== true) {
    throw errors.invalidParameter('Ipv6CidrBlock', 'Ipv6CidrBlock needs EnableIPv6=true.')
  }
  const isp = input.ipv6Isp === undefined ? undefined : checkIpv6Isp(input.ipv6Isp)
  return runTransaction(ctx, async (tx) => {
    const vpc = await requireVpc(tx, caller, input.regionId, input.vpcId)
    if (name !== undefined || description !== undefined) {
      await tx.renameVpc(vpc.id, name ?? vpc.name, description ?? vpc.description)
    }
    if (input.enableIpv6 === true) {
      if (vpc.ipv6CidrBlock === null) {
        const block = await claimVpcIpv6(tx, ctx, vpc, requested)
        await tx.setVpcIpv6(vpc.id, block, isp ?? 'BGP')
      } else if (requested !== undefined && requested.text !== vpc.ipv6CidrBlock) {
        throw errors.invalidParameter('Ipv6CidrBlock', 'The VPC already has an IPv6 CIDR block.')
      } else if (isp !== undefined) {
        await tx.setVpcIpv6(vpc.id, vpc.ipv6CidrBlock, isp)
      }
    } else if (input.enableIpv6 === false && vpc.ipv6CidrBlock !== null) {
      const switches = await tx.vswitchesOfVpc(vpc.id)
      if (switches.some((s) => s.ipv6CidrBlock !== null)) throw errors.vpcIpv6InUse(vpc.id)
      await tx.setVpcIpv6(vpc.id, null, null)
    } else if (isp !== undefined && vpc.ipv6CidrBlock !== null) {
      await tx.setVpcIpv6(vpc.id, vpc.ipv6CidrBlock, isp)
    }
    const updated = await tx.getVpc(caller.accountId, vpc.id)
    if (!updated) throw errors.internalError()
    return updated
  })
}
