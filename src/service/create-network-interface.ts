import { checkIpv6Cap, checkPrivateIpCap } from '../domain/eni-rules.js'
import {
  checkQueueNumberRange,
  checkQueuePairsAllowed,
  checkTrafficMode,
} from '../domain/eni-traffic.js'
import { errors } from '../domain/errors.js'
import { defaultResourceGroupId, isResourceGroupId } from '../domain/resource-group.js'
import type { EniView } from '../domain/resources.js'
import type { TagInput, Tagged } from '../domain/tags.js'
import { ECS_CREATE_TAG_ERRORS, checkTags } from '../domain/tags.js'
import { checkAddressRequest } from './address-request.js'
import {
  assignAutomatic,
  assignChosen,
  checkChosenAddresses,
  ENI_ADDRESS_ERRORS,
} from './allocate-addresses.js'
import {
  assignAutomaticIpv6,
  assignAutomaticIpv6Prefixes,
  assignChosenIpv6,
  assignChosenIpv6Prefixes,
  checkChosenIpv6,
  checkChosenIpv6Prefixes,
  ipv6BlockOfVSwitch,
} from './allocate-ipv6.js'
import {
  assignAutomaticIpv4Prefixes,
  assignChosenIpv4Prefixes,
  checkChosenIpv4Prefixes,
} from './allocate-prefixes.js'
import type { Caller, ServiceContext } from './context.js'
import {
  adding,
  asks,
  checkNoMix,
  ipv4PrefixRequest,
  ipv6AddressRequest,
  ipv6PrefixRequest,
} from './ipv6-request.js'
import { idempotent } from './idempotency.js'
import { requireEni, requireRegion, requireSecurityGroups, requireVSwitch } from './lookups.js'
import { checkDescription, checkName } from './names.js'
import { withTagsOne } from './resource-tags.js'
import { runTransaction } from './run-transaction.js'
import { checkSecurityGroupCapacity } from './security-group-capacity.js'

export interface CreateNetworkInterfaceInput {
  readonly regionId: string
  readonly vswitchId: string
  readonly securityGroupIds: readonly string[]
  readonly primaryIpAddress?: string | undefined
  readonly privateIpAddresses?: readonly string[] | undefined
  readonly secondaryPrivateIpAddressCount?: number | undefined
  readonly name?: string | undefined
  readonly description?: string | undefined
  readonly deleteOnRelease?: boolean | undefined
  readonly sourceDestCheck?: boolean | undefined
  readonly clientToken?: string | undefined
  /** `Tag.N`: set on the new ENI; order carries no meaning */
  readonly tags?: readonly TagInput[] | undefined
  readonly ipv4Prefixes?: readonly string[] | undefined
  readonly ipv4PrefixCount?: number | undefined
  readonly ipv6Addresses?: readonly string[] | undefined
  readonly ipv6AddressCount?: number | undefined
  readonly ipv6Prefixes?: readonly string[] | undefined
  readonly ipv6PrefixCount?: number | undefined
  /** extensions.md §7: `Standard` (default) or `HighPerformance` */
  readonly trafficMode?: string | undefined
  /** absent → the account's default group */
  readonly resourceGroupId?: string | undefined
  readonly queueNumber?: number | undefined
  /** HighPerformance ENIs only */
  readonly queuePairNumber?: number | undefined
}

export async function createNetworkInterface(
  ctx: ServiceContext,
  caller: Caller,
  input: CreateNetworkInterfaceInput,
): Promise<EniView & Tagged> {
  requireRegion(ctx, input.regionId)
  const tags = checkTags(input.tags ?? [], ECS_CREATE_TAG_ERRORS)
  const { chosen, count } = checkAddressRequest(
    input.privateIpAddresses,
    input.secondaryPrivateIpAddressCount,
  )
  const name = checkName(
    input.name,
    'NetworkInterfaceName',
    'InvalidNetworkInterfaceName.Malformed',
  )
  const description = checkDescription(input.description)
  const v4Prefixes = ipv4PrefixRequest(input.ipv4Prefixes, input.ipv4PrefixCount)
  checkNoMix({ chosen, count }, v4Prefixes, ['PrivateIpAddress.N', 'Ipv4Prefix.N'])
  const v6 = ipv6AddressRequest(input.ipv6Addresses, input.ipv6AddressCount)
  const v6Prefixes = ipv6PrefixRequest(input.ipv6Prefixes, input.ipv6PrefixCount)
  checkNoMix(v6, v6Prefixes, ['Ipv6Address.N', 'Ipv6Prefix.N'])
  const traffic = checkTrafficFields(caller, input)

  return runTransaction(ctx, async (tx) => {
    const created = await idempotent(
      tx,
      ctx,
      caller,
      {
        action: 'CreateNetworkInterface',
        product: 'ecs',
        regionId: input.regionId,
        token: input.clientToken,
        params: { ...input, tags: tags.length > 0 ? tags : undefined },
      },
      async () => {
        const vswitch = await requireVSwitch(tx, caller, input.regionId, input.vswitchId)
        if (vswitch.status !== 'Available') throw errors.incorrectVSwitchStatus()
        if (asks(v6) || asks(v6Prefixes)) ipv6BlockOfVSwitch(vswitch)
        const groups = await requireSecurityGroups(
          tx,
          ctx,
          caller,
          input.securityGroupIds,
          vswitch.vpcId,
        )
        const secondaries = count ?? chosen.length
        const id = ctx.ids.newId('eni')
        const draft: EniView = {
          id,
          accountId: caller.accountId,
          regionId: vswitch.regionId,
          zoneId: vswitch.zoneId,
          vpcId: vswitch.vpcId,
          vswitchId: vswitch.id,
          type: 'Secondary',
          status: 'Available',
          macAddress: ctx.ids.newMac(),
          primaryIp: '',
          name,
          description,
          instanceId: null,
          deviceIndex: null,
          deleteOnRelease: input.deleteOnRelease ?? false,
          sourceDestCheck: input.sourceDestCheck ?? false,
          createdAt: ctx.clock.now(),
          ...traffic,
          securityGroupIds: groups.map((g) => g.id),
          privateIps: [{ address: '', primary: true }],
          ipv6Addresses: [],
          ipv4Prefixes: [],
          ipv6Prefixes: [],
          attachedInstanceType: null,
        }
        checkPrivateIpCap(ctx.profile, draft, undefined, secondaries + adding(v4Prefixes))
        checkIpv6Cap(draft, undefined, adding(v6) + adding(v6Prefixes))
        const primaryChosen = input.primaryIpAddress === undefined ? [] : [input.primaryIpAddress]
        const all = await checkChosenAddresses(
          tx,
          vswitch,
          [...primaryChosen, ...chosen],
          ENI_ADDRESS_ERRORS,
        )
        await tx.lockAccount(caller.accountId) // serialises this account's quota checks
        if ((await tx.countEnis(caller.accountId, input.regionId)) >= ctx.quotas.enisPerRegion) {
          throw errors.maxEniCountExceeded()
        }
        await checkSecurityGroupCapacity(tx, ctx, groups, 1 + secondaries + adding(v4Prefixes))
        const chosenV4Prefixes = await checkChosenIpv4Prefixes(tx, vswitch, v4Prefixes.chosen)
        const chosenV6 = await checkChosenIpv6(tx, vswitch, v6.chosen)
        const chosenV6Prefixes = checkChosenIpv6Prefixes(vswitch, v6Prefixes.chosen)

        await tx.insertEni(draft, draft.securityGroupIds)
        await tx.putTags(caller.accountId, draft.regionId, 'eni', id, tags)
        const primaryOwner = { eniId: id, accountId: caller.accountId, primary: true }
        const owner = { ...primaryOwner, primary: false }
        // Chosen secondaries and prefixes go in first, so an automatic primary avoids them.
        const prefixOwner = { eniId: id, accountId: caller.accountId }
        await assignChosenIpv4Prefixes(tx, ctx, vswitch, prefixOwner, chosenV4Prefixes)
        if (chosen.length > 0) {
          const secondaryIps = all.slice(primaryChosen.length)
          await assignChosen(tx, ctx, vswitch, owner, secondaryIps, ENI_ADDRESS_ERRORS)
        }
        const [primaryIp] =
          primaryChosen.length > 0
            ? await assignChosen(
                tx,
                ctx,
                vswitch,
                primaryOwner,
                all.slice(0, 1),
                ENI_ADDRESS_ERRORS,
              )
            : await assignAutomatic(tx, ctx, vswitch, primaryOwner, 1, ENI_ADDRESS_ERRORS)
        await tx.updateEni(id, { primaryIp: primaryIp ?? '' })
        if (count !== undefined) {
          await assignAutomatic(tx, ctx, vswitch, owner, count, ENI_ADDRESS_ERRORS)
        }
        if (v4Prefixes.count !== undefined) {
          await assignAutomaticIpv4Prefixes(tx, ctx, vswitch, prefixOwner, v4Prefixes.count)
        }
        await assignChosenIpv6(tx, ctx, vswitch, prefixOwner, chosenV6)
        if (v6.count !== undefined) {
          await assignAutomaticIpv6(tx, ctx, vswitch, prefixOwner, v6.count)
        }
        await assignChosenIpv6Prefixes(tx, ctx, vswitch, prefixOwner, chosenV6Prefixes)
        if (v6Prefixes.count !== undefined) {
          await assignAutomaticIpv6Prefixes(tx, ctx, vswitch, prefixOwner, v6Prefixes.count)
        }
        return { eniId: id }
      },
    )
    const eni = await requireEni(tx, caller, input.regionId, created.eniId)
    return withTagsOne(tx, caller, 'eni', eni)
  })
}

/** The round-tripped fields of a new ENI (extensions.md §7), checked before anything is read. */
function checkTrafficFields(
  caller: Caller,
  input: CreateNetworkInterfaceInput,
): Pick<EniView, 'trafficMode' | 'resourceGroupId' | 'queueNumber' | 'queuePairNumber'> {
  const trafficMode =
    checkTrafficMode(input.trafficMode, 'NetworkInterfaceTrafficMode') ?? 'Standard'
  if (input.resourceGroupId !== undefined && !isResourceGroupId(input.resourceGroupId)) {
    throw errors.invalidResourceGroupNotFound()
  }
  if (input.queueNumber !== undefined) checkQueueNumberRange(input.queueNumber, 'QueueNumber')
  if (input.queuePairNumber !== undefined) {
    checkQueueNumberRange(input.queuePairNumber, 'QueuePairNumber')
    checkQueuePairsAllowed(trafficMode)
  }
  return {
    trafficMode,
    resourceGroupId: input.resourceGroupId ?? defaultResourceGroupId(caller.accountId),
    queueNumber: input.queueNumber ?? null,
    queuePairNumber: input.queuePairNumber ?? null,
  }
}
