// Registers every Action on one registry: the composition root's single call. Each Action lives
// in its own file (see ../action-registry.ts); this list is the catalogue of what is served.
import type { Region } from '../../domain/regions.js'
import type { ServiceContext } from '../../service/context.js'
import { VPC_VERSION, type ActionDefinition, type ActionRegistry } from '../action-registry.js'
import { assignIpv6AddressesAction } from './assign-ipv6-addresses.js'
import { assignPrivateIpAddressesAction } from './assign-private-ip-addresses.js'
import { attachNetworkInterfaceAction } from './attach-network-interface.js'
import { createInstanceAction } from './create-instance.js'
import { createNetworkInterfaceAction } from './create-network-interface.js'
import { createSecurityGroupAction } from './create-security-group.js'
import { createVpcAction } from './create-vpc.js'
import { createVSwitchAction } from './create-vswitch.js'
import { deleteInstanceAction } from './delete-instance.js'
import { deleteNetworkInterfaceAction } from './delete-network-interface.js'
import { deleteSecurityGroupAction } from './delete-security-group.js'
import { deleteVpcAction } from './delete-vpc.js'
import { deleteVSwitchAction } from './delete-vswitch.js'
import { describeEniplaneOperationsAction } from './describe-eniplane-operations.js'
import { describeImagesAction } from './describe-images.js'
import { describeInstanceTypesAction } from './describe-instance-types.js'
import { describeInstancesAction } from './describe-instances.js'
import { describeNetworkInterfaceAttributeAction } from './describe-network-interface-attribute.js'
import { describeNetworkInterfacesAction } from './describe-network-interfaces.js'
import { describeRegionsAction } from './describe-regions.js'
import { describeSecurityGroupsAction } from './describe-security-groups.js'
import { describeVpcsAction } from './describe-vpcs.js'
import { describeVSwitchAttributesAction } from './describe-vswitch-attributes.js'
import { describeEndpointsAction } from './describe-endpoints.js'
import { describeVRoutersAction } from './describe-vrouters.js'
import { describeVSwitchesAction } from './describe-vswitches.js'
import { describeZonesAction } from './describe-zones.js'
import { detachNetworkInterfaceAction } from './detach-network-interface.js'
import { ecsCopiesOf } from './ecs-copies-of-vpc-actions.js'
import { modifyNetworkInterfaceAttributeAction } from './modify-network-interface-attribute.js'
import { getCallerIdentityAction } from './get-caller-identity.js'
import { modifyVpcAttributeAction } from './modify-vpc-attribute.js'
import { eniplaneNoOpAction } from './no-op.js'
import { eniplaneAddFaultRulesAction } from './eniplane-add-fault-rules.js'
import { eniplaneClearFaultRulesAction } from './eniplane-clear-fault-rules.js'
import { eniplaneDescribeEventsAction } from './eniplane-describe-events.js'
import { eniplaneListFaultRulesAction } from './eniplane-list-fault-rules.js'
import { runInstancesAction } from './run-instances.js'
import { startInstanceAction } from './start-instance.js'
import { stopInstanceAction } from './stop-instance.js'
import { unassignIpv6AddressesAction } from './unassign-ipv6-addresses.js'
import { unassignPrivateIpAddressesAction } from './unassign-private-ip-addresses.js'
import { listTagResourcesAction } from './list-tag-resources.js'
import { tagResourcesAction } from './tag-resources.js'
import { untagResourcesAction } from './untag-resources.js'
import { vpcListTagResourcesAction } from './vpc-list-tag-resources.js'
import { vpcTagResourcesAction } from './vpc-tag-resources.js'
import { vpcUnTagResourcesAction } from './vpc-untag-resources.js'

export interface RegisterActionsOptions {
  /** What DescribeRegions reports as each region's endpoint (default: Alibaba's public host). */
  readonly regionEndpoint?: (region: Region) => string
  /** the account that may manage fault rules (the bootstrap account) */
  readonly bootstrapAccountId?: string | undefined
}

/** Every Action served, ENI actions first; `registerActions` adds them in this order. */
export function allActions(
  ctx: ServiceContext,
  options: RegisterActionsOptions = {},
): ActionDefinition[] {
  const deps = { ctx }
  const regionDeps =
    options.regionEndpoint === undefined
      ? deps
      : { ...deps, regionEndpoint: options.regionEndpoint }
  const served = [
    // ENIs and secondary private IPs (ECS 2014-05-26)
    createNetworkInterfaceAction(deps),
    deleteNetworkInterfaceAction(deps),
    describeNetworkInterfacesAction(deps),
    describeNetworkInterfaceAttributeAction(deps),
    modifyNetworkInterfaceAttributeAction(deps),
    attachNetworkInterfaceAction(deps),
    detachNetworkInterfaceAction(deps),
    assignPrivateIpAddressesAction(deps),
    unassignPrivateIpAddressesAction(deps),
    assignIpv6AddressesAction(deps),
    unassignIpv6AddressesAction(deps),
    // VPCs and vSwitches (VPC 2016-04-28)
    createVpcAction(deps),
    describeVpcsAction(deps),
    modifyVpcAttributeAction(deps),
    deleteVpcAction(deps),
    createVSwitchAction(deps),
    describeVSwitchesAction(deps),
    describeVSwitchAttributesAction(deps),
    deleteVSwitchAction(deps),
    describeVRoutersAction(deps),
    // Security groups and instances (ECS 2014-05-26)
    createSecurityGroupAction(deps),
    describeSecurityGroupsAction(deps),
    deleteSecurityGroupAction(deps),
    runInstancesAction(deps),
    createInstanceAction(deps),
    startInstanceAction(deps),
    stopInstanceAction(deps),
    deleteInstanceAction(deps),
    describeInstancesAction(deps),
    // The catalogue (ECS 2014-05-26)
    describeInstanceTypesAction(deps),
    describeImagesAction(deps),
    describeRegionsAction(regionDeps),
    describeZonesAction(deps),
    // The catalogue's regions and zones in the VPC API too (VPC 2016-04-28)
    describeRegionsAction(regionDeps, VPC_VERSION),
    describeZonesAction(deps, VPC_VERSION),
    // Terraform's bootstrap: STS 2015-04-01 and Location 2015-06-12 (extensions.md §5)
    getCallerIdentityAction(),
    describeEndpointsAction(deps),
    // Tags: ECS's (eni, instance, securitygroup) and the VPC API's own (VPC, VSWITCH)
    tagResourcesAction(deps),
    untagResourcesAction(deps),
    listTagResourcesAction(deps),
    vpcTagResourcesAction(deps),
    vpcUnTagResourcesAction(deps),
    vpcListTagResourcesAction(deps),
    // Async operations and their failures (eniplane extension)
    describeEniplaneOperationsAction(deps),
    // Transport benchmark
    eniplaneNoOpAction(),
    // eniplane's own: events, fault injection (extensions.md §4)
    eniplaneDescribeEventsAction(deps),
    eniplaneAddFaultRulesAction({ ctx, bootstrapAccountId: options.bootstrapAccountId }),
    eniplaneListFaultRulesAction({ ctx, bootstrapAccountId: options.bootstrapAccountId }),
    eniplaneClearFaultRulesAction({ ctx, bootstrapAccountId: options.bootstrapAccountId }),
  ]
  // ECS 2014-05-26's copies of the VPC actions, on the same handlers (extensions.md §6)
  return [...served, ...ecsCopiesOf(served)]
}

export function registerActions(
  registry: ActionRegistry,
  ctx: ServiceContext,
  options: RegisterActionsOptions = {},
): void {
  for (const definition of allActions(ctx, options)) registry.registerAction(definition)
}
