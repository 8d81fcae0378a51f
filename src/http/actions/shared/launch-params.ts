// The parameters RunInstances and CreateInstance share (eni-api.md §8.5, §8.6). Secondary ENIs
// at launch (`NetworkInterface.N`) and launch templates are not modelled; `Tag.N` lands on each
// instance and its primary ENI, and so do `Ipv6Address.N` / `Ipv6AddressCount` (1–10) and
// `NetworkInterfaceQueueNumber`.
import type { LaunchInput } from '../../../service/launch-instances.js'
import type { Params } from '../../params.js'
import {
  nonEmpty,
  optStr,
  regionOf,
  rejectUnsupported,
  securityGroupIdsOf,
} from './request-params.js'
import { tagInputsOf } from './tag-params.js'

const UNSUPPORTED = ['NetworkInterface', 'LaunchTemplateId', 'LaunchTemplateName']

export function launchInputOf(params: Params): LaunchInput {
  const securityGroupIds = securityGroupIdsOf(params)
  rejectUnsupported(params, UNSUPPORTED)
  return {
    regionId: regionOf(params),
    instanceType: optStr(params, 'InstanceType'),
    imageId: optStr(params, 'ImageId'),
    vswitchId: optStr(params, 'VSwitchId'),
    zoneId: optStr(params, 'ZoneId'),
    securityGroupIds,
    privateIpAddress: optStr(params, 'PrivateIpAddress'),
    name: optStr(params, 'InstanceName'),
    hostName: optStr(params, 'HostName'),
    description: optStr(params, 'Description'),
    clientToken: optStr(params, 'ClientToken'),
    dryRun: params.bool('DryRun'),
    tags: tagInputsOf(params),
    ipv6Addresses: nonEmpty(params.list('Ipv6Address', { max: 10 })),
    ipv6AddressCount: params.int('Ipv6AddressCount', { min: 1, max: 10 }),
    networkInterfaceQueueNumber: params.int('NetworkInterfaceQueueNumber'),
  }
}
