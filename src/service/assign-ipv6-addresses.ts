// AssignIpv6Addresses (ECS, eni-api.md §7.10, extensions.md §2.4): IPv6 addresses (chosen or
// counted) or /80 prefixes (chosen or counted) on an ENI whose vSwitch has IPv6, within the cap
// (10 on an `Available` ENI, the type's `EniIpv6AddressQuantity` when attached; prefixes take a
// slot each). The new addresses and prefixes are returned (Terway reads them from here).
import { checkIpv6Cap, requireEniStatus, requireInstanceStatus } from '../domain/eni-rules.js'
import { errors } from '../domain/errors.js'
import {
  assignAutomaticIpv6,
  assignAutomaticIpv6Prefixes,
  assignChosenIpv6,
  assignChosenIpv6Prefixes,
  checkChosenIpv6,
  checkChosenIpv6Prefixes,
  ipv6BlockOfVSwitch,
} from './allocate-ipv6.js'
import { attachmentOf } from './attached-type.js'
import type { Caller, ServiceContext } from './context.js'
import { idempotent } from './idempotency.js'
import { adding, asks, checkNoMix, ipv6AddressRequest, ipv6PrefixRequest } from './ipv6-request.js'
import { requireEni, requireRegion } from './lookups.js'
import { runTransaction } from './run-transaction.js'

export interface AssignIpv6AddressesInput {
  readonly regionId: string
  readonly networkInterfaceId: string
  readonly ipv6Addresses?: readonly string[] | undefined
  readonly ipv6AddressCount?: number | undefined
  readonly ipv6Prefixes?: readonly string[] | undefined
  readonly ipv6PrefixCount?: number | undefined
  readonly clientToken?: string | undefined
}

export interface AssignIpv6AddressesResult {
  readonly networkInterfaceId: string
  readonly ipv6Addresses: string[]
  readonly ipv6Prefixes: string[]
}

export async function assignIpv6Addresses(
  ctx: ServiceContext,
  caller: Caller,
  input: AssignIpv6AddressesInput,
): Promise<AssignIpv6AddressesResult> {
  requireRegion(ctx, input.regionId)
  const addresses = ipv6AddressRequest(input.ipv6Addresses, input.ipv6AddressCount)
  const prefixes = ipv6PrefixRequest(input.ipv6Prefixes, input.ipv6PrefixCount)
  checkNoMix(addresses, prefixes, ['Ipv6Address.N', 'Ipv6Prefix.N'])
  if (!asks(addresses) && !asks(prefixes)) throw errors.missingParameter('Ipv6AddressCount')

  return runTransaction(ctx, (tx) =>
    idempotent(
      tx,
      ctx,
      caller,
      {
        action: 'AssignIpv6Addresses',
        product: 'ecs',
        regionId: input.regionId,
        token: input.clientToken,
        params: input,
      },
      async () => {
        const eni = await requireEni(tx, caller, input.regionId, input.networkInterfaceId, true)
        const vswitch = await tx.getVSwitch(caller.accountId, eni.vswitchId)
        if (!vswitch) throw errors.internalError()
        ipv6BlockOfVSwitch(vswitch)
        requireEniStatus(eni, ['Available', 'InUse'])
        const attachment = await attachmentOf(tx, eni)
        if (eni.type === 'Primary' && attachment) {
          requireInstanceStatus(attachment.instance, ['Running', 'Stopped'])
        }
        checkIpv6Cap(eni, attachment?.type, adding(addresses) + adding(prefixes))
        const owner = { eniId: eni.id, accountId: caller.accountId }
        let ipv6Addresses: string[] = []
        let ipv6Prefixes: string[] = []
        if (addresses.count !== undefined) {
          ipv6Addresses = await assignAutomaticIpv6(tx, ctx, vswitch, owner, addresses.count)
        } else if (addresses.chosen.length > 0) {
          const checked = await checkChosenIpv6(tx, vswitch, addresses.chosen)
          ipv6Addresses = await assignChosenIpv6(tx, ctx, vswitch, owner, checked)
        }
        if (prefixes.count !== undefined) {
          ipv6Prefixes = await assignAutomaticIpv6Prefixes(tx, ctx, vswitch, owner, prefixes.count)
        } else if (prefixes.chosen.length > 0) {
          const checked = checkChosenIpv6Prefixes(vswitch, prefixes.chosen)
          ipv6Prefixes = await assignChosenIpv6Prefixes(tx, ctx, vswitch, owner, checked)
        }
        return { networkInterfaceId: eni.id, ipv6Addresses, ipv6Prefixes }
      },
    ),
  )
}
