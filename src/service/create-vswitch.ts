import { cidrContains, cidrOverlaps, parseCidr } from '../allocator/cidr.js'
import { errors } from '../domain/errors.js'
import { parseIpv6Cidr, subBlock, VSWITCH_IPV6_PREFIX } from '../allocator/ipv6.js'
import type { VSwitch, Vpc } from '../domain/resources.js'
import type { TagInput } from '../domain/tags.js'
import { VPC_TAG_ERRORS, checkTags } from '../domain/tags.js'
import type { Caller, ServiceContext } from './context.js'
import { idempotent } from './idempotency.js'
import { requireRegion, requireVpc } from './lookups.js'
import { checkDescription, checkName } from './names.js'
import { runTransaction } from './run-transaction.js'
import { schedule } from './schedule.js'

export interface CreateVSwitchInput {
  readonly regionId: string
  readonly vpcId: string
  readonly zoneId: string
  readonly cidrBlock: string
  readonly name?: string | undefined
  readonly description?: string | undefined
  readonly clientToken?: string | undefined
  readonly dryRun?: boolean | undefined
  readonly tags?: readonly TagInput[] | undefined
  /** `Ipv6CidrBlock`: the /64 index 0–255 inside the VPC's /56 (the VPC must have IPv6). */
  readonly ipv6CidrBlockIndex?: number | undefined
}

/** The vSwitch /64 at `index` (0–255) of the VPC /56; refuses a VPC without IPv6. */
export function vswitchIpv6Block(vpc: Vpc, index: number): string {
  if (vpc.ipv6CidrBlock === null) throw errors.vpcIpv6NotEnabled(vpc.id)
  const vpcBlock = parseIpv6Cidr(vpc.ipv6CidrBlock)
  if (!vpcBlock) throw errors.internalError()
  if (!Number.isInteger(index) || index < 0 || index > 255) {
    throw errors.invalidParameter('Ipv6CidrBlock')
  }
  return subBlock(vpcBlock, VSWITCH_IPV6_PREFIX, index).text
}

const CARRIER_GRADE_NAT = parseCidr('100.64.0.0/10')!

/** Spec §8.2: VPC Available, zone known, CIDR /16–/29 inside the VPC, no overlap, quota. */
export async function createVSwitch(
  ctx: ServiceContext,
  caller: Caller,
  input: CreateVSwitchInput,
): Promise<VSwitch> {
  const region = requireRegion(ctx, input.regionId)
  if (!region.zones.includes(input.zoneId)) throw errors.invalidZoneIdNotFound(input.zoneId)
  const cidr = parseCidr(input.cidrBlock)
  if (!cidr) throw errors.invalidCidrBlockMalformed()
  if (cidr.prefix < 16 || cidr.prefix > 29) throw errors.invalidCidrMaskLength()
  if (cidrOverlaps(cidr, CARRIER_GRADE_NAT))
    throw errors.invalidCidrBlock('Specified CIDR block is not valid in VPC.')
  const name = checkName(input.name, 'VSwitchName', 'InvalidVSwitchName.Malformed')
  const description = checkDescription(input.description)
  const tags = checkTags(input.tags ?? [], VPC_TAG_ERRORS)

  return runTransaction(ctx, async (tx) => {
    const { vswitchId } = await idempotent(
      tx,
      ctx,
      caller,
      {
        action: 'CreateVSwitch',
        product: 'vpc',
        regionId: input.regionId,
        token: input.clientToken,
        params: { ...input, tags: tags.length > 0 ? tags : undefined },
      },
      async () => {
        const vpc = await requireVpc(tx, caller, input.regionId, input.vpcId)
        if (vpc.status !== 'Available') throw errors.incorrectVpcStatus()
        const vpcCidr = parseCidr(vpc.cidrBlock)!
        if (!cidrContains(vpcCidr, cidr)) {
          throw errors.invalidCidrBlock('Specified CIDR block is not valid in VPC.')
        }
        await tx.lockAccount(caller.accountId) // serialises this account's quota checks
        const siblings = await tx.vswitchesOfVpc(vpc.id)
        if (siblings.some((s) => s.status === 'Pending')) throw errors.incorrectVSwitchStatus()
        if (siblings.some((s) => cidrOverlaps(parseCidr(s.cidrBlock)!, cidr))) {
          throw errors.cidrOverlapped()
        }
        if (siblings.length >= ctx.quotas.vswitchesPerVpc) throw errors.vSwitchQuotaExceeded()
        const ipv6CidrBlock =
          input.ipv6CidrBlockIndex === undefined
            ? null
            : vswitchIpv6Block(vpc, input.ipv6CidrBlockIndex)
        if (ipv6CidrBlock !== null && siblings.some((s) => s.ipv6CidrBlock === ipv6CidrBlock)) {
          throw errors.cidrOverlapped()
        }
        if (input.dryRun === true) throw errors.dryRunOperation()
        const vsw: VSwitch = {
          id: ctx.ids.newId('vsw'),
          accountId: caller.accountId,
          vpcId: vpc.id,
          regionId: vpc.regionId,
          zoneId: input.zoneId,
          cidrBlock: cidr.text,
          name,
          description,
          status: 'Pending',
          createdAt: ctx.clock.now(),
          ipv6CidrBlock,
        }
        await tx.insertVSwitch(vsw)
        await tx.putTags(caller.accountId, vsw.regionId, 'vswitch', vsw.id, tags)
        await schedule(tx, ctx, 'vswitch.available', caller.accountId, vsw.id)
        return { vswitchId: vsw.id }
      },
    )
    const vsw = await tx.getVSwitch(caller.accountId, vswitchId)
    if (!vsw) throw errors.invalidVSwitchIdNotFound(vswitchId)
    return vsw
  })
}
