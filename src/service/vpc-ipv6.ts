// A VPC's IPv6 /56 (extensions.md §2.1, ours): the k-th IPv6-enabled VPC of the server gets the
// k-th /56 of the configured pool, k counting up and never reused (a VPC that drops IPv6 or is
// deleted keeps its record). A /56 the caller names must not have been handed out before. The
// record's unique keys decide between concurrent creators; the loser's transaction is retried.
import { type Ipv6Cidr, parseIpv6Cidr, subBlock, subBlockCount } from '../allocator/ipv6.js'
import { errors } from '../domain/errors.js'
import type { Tx } from '../storage/store.js'
import type { ServiceContext } from './context.js'

export const IPV6_ISPS = ['BGP', 'ChinaMobile', 'ChinaUnicom', 'ChinaTelecom'] as const

export const VPC_IPV6_PREFIX = 56

/** `Ipv6Isp`: one of the four ISPs (default `BGP`). */
export function checkIpv6Isp(isp: string | undefined): string {
  if (isp === undefined) return 'BGP'
  if (!(IPV6_ISPS as readonly string[]).includes(isp)) throw errors.invalidParameter('Ipv6Isp')
  return isp
}

/** `Ipv6CidrBlock` of a VPC: a canonical /56, else `InvalidParameter`. */
export function checkVpcIpv6CidrBlock(text: string | undefined): Ipv6Cidr | undefined {
  if (text === undefined) return undefined
  const c = parseIpv6Cidr(text)
  if (!c || c.prefix !== VPC_IPV6_PREFIX) throw errors.invalidParameter('Ipv6CidrBlock')
  return c
}

/** Claims a /56 for the VPC (the named one, or the pool's next) and returns its text. */
export async function claimVpcIpv6(
  tx: Tx,
  ctx: ServiceContext,
  vpc: { readonly id: string; readonly regionId: string },
  requested: Ipv6Cidr | undefined,
): Promise<string> {
  const createdAt = ctx.clock.now()
  if (requested !== undefined) {
    if ((await tx.vpcIpv6CidrsTaken([requested.text])).length > 0) throw errors.cidrOverlapped()
    await tx.insertVpcIpv6Cidr({
      cidrBlock: requested.text,
      regionId: vpc.regionId,
      poolIndex: null,
      vpcId: vpc.id,
      createdAt,
    })
    return requested.text
  }
  const total = subBlockCount(ctx.ipv6Pool, VPC_IPV6_PREFIX)
  for (let k = (await tx.maxVpcIpv6PoolIndex()) + 1; k < total; k++) {
    const block = subBlock(ctx.ipv6Pool, VPC_IPV6_PREFIX, k).text
    // a caller may have named this block earlier: skip it, it stays theirs
    if ((await tx.vpcIpv6CidrsTaken([block])).length > 0) continue
    await tx.insertVpcIpv6Cidr({
      cidrBlock: block,
      regionId: vpc.regionId,
      poolIndex: k,
      vpcId: vpc.id,
      createdAt,
    })
    return block
  }
  throw errors.ipv6CidrPoolExhausted()
}
