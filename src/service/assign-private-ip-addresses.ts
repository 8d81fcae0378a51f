import { checkPrivateIpCap, requireEniStatus, requireInstanceStatus } from '../domain/eni-rules.js'
import { errors } from '../domain/errors.js'
import {
  assignAutomatic,
  assignChosen,
  checkChosenAddresses,
  ENI_ADDRESS_ERRORS,
} from './allocate-addresses.js'
import { checkAddressRequest } from './address-request.js'
import {
  assignAutomaticIpv4Prefixes,
  assignChosenIpv4Prefixes,
  checkChosenIpv4Prefixes,
} from './allocate-prefixes.js'
import { adding as addingOf, asks, checkNoMix, ipv4PrefixRequest } from './ipv6-request.js'
import { attachmentOf } from './attached-type.js'
import type { Caller, ServiceContext } from './context.js'
import { idempotent } from './idempotency.js'
import { requireEni, requireRegion } from './lookups.js'
import { runTransaction } from './run-transaction.js'
import { checkLockedSecurityGroupCapacity } from './security-group-capacity.js'

export interface AssignPrivateIpAddressesInput {
  readonly regionId: string
  readonly networkInterfaceId: string
  readonly privateIpAddresses?: readonly string[] | undefined
  readonly secondaryPrivateIpAddressCount?: number | undefined
  readonly ipv4Prefixes?: readonly string[] | undefined
  readonly ipv4PrefixCount?: number | undefined
  readonly clientToken?: string | undefined
}

export interface AssignPrivateIpAddressesResult {
  readonly networkInterfaceId: string
  readonly assigned: string[]
  readonly assignedPrefixes: string[]
}

export async function assignPrivateIpAddresses(
  ctx: ServiceContext,
  caller: Caller,
  input: AssignPrivateIpAddressesInput,
): Promise<AssignPrivateIpAddressesResult> {
  requireRegion(ctx, input.regionId)
  const { chosen, count } = checkAddressRequest(
    input.privateIpAddresses,
    input.secondaryPrivateIpAddressCount,
  )
  const prefixes = ipv4PrefixRequest(input.ipv4Prefixes, input.ipv4PrefixCount)
  checkNoMix({ chosen, count }, prefixes, ['PrivateIpAddress.N', 'Ipv4Prefix.N'])
  if (chosen.length === 0 && count === undefined && !asks(prefixes)) {
    throw errors.missingOneOf(
      'SecondaryPrivateIpAddressCount',
      'PrivateIpAddress.N (the addresses to assign), Ipv4PrefixCount or Ipv4Prefix.N',
      'how many addresses to pick at random',
    )
  }
  const adding = (count ?? chosen.length) + addingOf(prefixes)

  return runTransaction(ctx, (tx) =>
    idempotent(
      tx,
      ctx,
      caller,
      {
        action: 'AssignPrivateIpAddresses',
        product: 'ecs',
        regionId: input.regionId,
        token: input.clientToken,
        params: input,
      },
      async () => {
        const eni = await requireEni(tx, caller, input.regionId, input.networkInterfaceId, true)
        requireEniStatus(eni, ['Available', 'InUse'])
        const attachment = await attachmentOf(tx, eni)
        if (eni.type === 'Primary' && attachment) {
          requireInstanceStatus(attachment.instance, ['Running', 'Stopped'])
        }
        checkPrivateIpCap(
          ctx.profile,
          eni,
          attachment && { instanceId: attachment.instance.id, type: attachment.type },
          adding,
        )
        // Once its pool is kept, the vSwitch's id and CIDR come from there: one read fewer.
        const vswitch =
          ctx.pools.rangeOf(eni.vswitchId) ?? (await tx.getVSwitch(caller.accountId, eni.vswitchId))
        if (!vswitch) throw errors.internalError()
        const checked = await checkChosenAddresses(tx, vswitch, chosen, ENI_ADDRESS_ERRORS)
        // Read and row-locked in one statement: the capacity check holds until commit.
        const groups = await tx.getSecurityGroups(caller.accountId, eni.securityGroupIds, true)
        await checkLockedSecurityGroupCapacity(tx, ctx, groups, adding)
        const owner = { eniId: eni.id, accountId: caller.accountId, primary: false }
        if (asks(prefixes)) {
          const prefixOwner = { eniId: eni.id, accountId: caller.accountId }
          const assignedPrefixes =
            prefixes.count !== undefined
              ? await assignAutomaticIpv4Prefixes(tx, ctx, vswitch, prefixOwner, prefixes.count)
              : await assignChosenIpv4Prefixes(
                  tx,
                  ctx,
                  vswitch,
                  prefixOwner,
                  await checkChosenIpv4Prefixes(tx, vswitch, prefixes.chosen),
                )
          return { networkInterfaceId: eni.id, assigned: [], assignedPrefixes }
        }
        const assigned =
          count !== undefined
            ? await assignAutomatic(tx, ctx, vswitch, owner, count, ENI_ADDRESS_ERRORS)
            : await assignChosen(tx, ctx, vswitch, owner, checked, ENI_ADDRESS_ERRORS)
        return { networkInterfaceId: eni.id, assigned, assignedPrefixes: [] }
      },
    ),
  )
}
