import { cidrContains, cidrOverlaps, parseCidr } from '../allocator/cidr.js'
import { errors } from '../domain/errors.js'
import type { Vpc } from '../domain/resources.js'
import type { TagInput } from '../domain/tags.js'
import { VPC_TAG_ERRORS, checkTags } from '../domain/tags.js'
import type { Caller, ServiceContext } from './context.js'
import { idempotent } from './idempotency.js'
import { requireRegion } from './lookups.js'
import { checkDescription, checkName } from './names.js'
import { runTransaction } from './run-transaction.js'
import { schedule } from './schedule.js'
import { checkIpv6Isp, checkVpcIpv6CidrBlock, claimVpcIpv6 } from './vpc-ipv6.js'

export interface CreateVpcInput {
  readonly regionId: string
  readonly cidrBlock?: string | undefined
  readonly name?: string | undefined
  readonly description?: string | undefined
  readonly clientToken?: string | undefined
  readonly dryRun?: boolean | undefined
  readonly tags?: readonly TagInput[] | undefined
  /** `EnableIpv6`: give the VPC a /56 (the pool's next, or `ipv6CidrBlock`). */
  readonly enableIpv6?: boolean | undefined
  readonly ipv6CidrBlock?: string | undefined
  readonly ipv6Isp?: string | undefined
}

const FORBIDDEN = ['100.64.0.0/10', '224.0.0.0/4', '127.0.0.0/8', '169.254.0.0/16'].map((c) =>
  parseCidr(c)!,
)

/** VPC CIDR: mask 8–28, not one of the four forbidden ranges (spec §6.1 emulator policy). */
export function checkVpcCidr(text: string): string {
  const cidr = parseCidr(text)
  if (!cidr) throw errors.invalidCidrBlock('Specified CIDR block is not valid')
  if (cidr.prefix < 8 || cidr.prefix > 28) throw errors.invalidCidrMaskLength()
  if (FORBIDDEN.some((f) => cidrOverlaps(f, cidr) || cidrContains(cidr, f))) {
    throw errors.invalidCidrBlock('Specified CIDR block is not valid')
  }
  return cidr.text
}

export async function createVpc(
  ctx: ServiceContext,
  caller: Caller,
  input: CreateVpcInput,
): Promise<Vpc> {
  requireRegion(ctx, input.regionId)
  const cidrBlock = checkVpcCidr(input.cidrBlock ?? '172.16.0.0/12')
  const name = checkName(input.name, 'VpcName', 'InvalidVpcName.Malformed')
  const description = checkDescription(input.description)
  const tags = checkTags(input.tags ?? [], VPC_TAG_ERRORS)
  const ipv6 = input.enableIpv6 === true
  const requestedIpv6 = checkVpcIpv6CidrBlock(input.ipv6CidrBlock)
  if (requestedIpv6 !== undefined && !ipv6) {
    throw errors.invalidParameter('Ipv6CidrBlock', 'Ipv6CidrBlock needs EnableIpv6=true.')
  }
  const ipv6Isp = checkIpv6Isp(input.ipv6Isp)
  return runTransaction(ctx, async (tx) => {
    const { vpcId } = await idempotent(
      tx,
      ctx,
      caller,
      {
        action: 'CreateVpc',
        product: 'vpc',
        regionId: input.regionId,
        token: input.clientToken,
        params: { ...input, tags: tags.length > 0 ? tags : undefined },
      },
      async () => {
        await tx.lockAccount(caller.accountId) // serialises this account's quota checks
        if ((await tx.countVpcs(caller.accountId, input.regionId)) >= ctx.quotas.vpcsPerRegion) {
          throw errors.vpcQuotaExceeded()
        }
        if (input.dryRun === true) throw errors.dryRunOperation()
        const vpc: Vpc = {
          id: ctx.ids.newId('vpc'),
          accountId: caller.accountId,
          regionId: input.regionId,
          cidrBlock,
          name,
          description,
          status: 'Pending',
          vRouterId: ctx.ids.newId('vrt'),
          routeTableId: ctx.ids.newId('vtb'),
          createdAt: ctx.clock.now(),
          ipv6CidrBlock: null,
          ipv6Isp: null,
        }
        await tx.insertVpc(vpc)
        await tx.putTags(caller.accountId, vpc.regionId, 'vpc', vpc.id, tags)
        if (ipv6) {
          const block = await claimVpcIpv6(tx, ctx, vpc, requestedIpv6)
          await tx.setVpcIpv6(vpc.id, block, ipv6Isp)
        }
        await schedule(tx, ctx, 'vpc.available', caller.accountId, vpc.id)
        return { vpcId: vpc.id }
      },
    )
    const vpc = await tx.getVpc(caller.accountId, vpcId)
    if (!vpc) throw errors.invalidVpcIdNotFound(vpcId)
    return vpc
  })
}
