// terraform-provider-alicloud's `alicloud_ecs_network_interface_attachment` (spec/extensions.md
// §8.3, ID `<eni>:<instance>`): Attach then wait InUse; Read by NetworkInterfaceId.1 with
// MaxResults 100 and the NextToken loop; Detach then wait Available.
import { failureOf } from './recorded-rpc.js'
import { list, TerraformEcsRpc } from './terraform-ecs-rpc.js'

export class TerraformAttachment extends TerraformEcsRpc {
  private static readonly ATTACH_RETRY = [
    'InvalidOperation.InvalidEniState',
    'InvalidOperation.InvalidEcsState',
    'InvalidOperation.InvalidEniType',
    'InvalidOperation.HasMemberEniAttached',
    'OperationConflict',
    'ServiceUnavailable',
    'InternalError',
  ]

  /** Attachment Create: AttachNetworkInterface, then Read the ENI until InUse; ID `eni:instance`. */
  async createAttachment(
    eniId: string,
    instanceId: string,
    /** `wait_for_network_configuration_ready` */
    waitForNetworkConfigurationReady?: boolean,
  ): Promise<string> {
    await this.retry(
      () =>
        this.post('AttachNetworkInterface', {
          InstanceId: instanceId,
          NetworkInterfaceId: eniId,
          RegionId: this.regionId,
          ...(waitForNetworkConfigurationReady === undefined
            ? {}
            : { WaitForNetworkConfigurationReady: waitForNetworkConfigurationReady }),
        }),
      TerraformAttachment.ATTACH_RETRY,
    )
    await this.waitFor(eniId, 'InUse')
    return `${eniId}:${instanceId}`
  }

  /** Attachment Read: NetworkInterfaceId.1, MaxResults 100, NextToken loop; match eni and instance. */
  async readAttachment(
    id: string,
  ): Promise<{ instance_id: string; network_interface_id: string } | undefined> {
    const [eniId = '', instanceId = ''] = id.split(':')
    let nextToken = ''
    for (let page = 0; page < 20; page++) {
      const r = await this.post('DescribeNetworkInterfaces', {
        RegionId: this.regionId,
        'NetworkInterfaceId.1': eniId,
        MaxResults: 100,
        ...(nextToken === '' ? {} : { NextToken: nextToken }),
      })
      for (const item of list(r, 'NetworkInterfaceSets', 'NetworkInterfaceSet')) {
        const attached =
          item['Type'] === 'Member'
            ? (item['Attachment'] as { InstanceId?: string } | undefined)?.InstanceId
            : item['InstanceId']
        if (item['NetworkInterfaceId'] === eniId && attached === instanceId) {
          return { instance_id: instanceId, network_interface_id: eniId }
        }
      }
      nextToken = typeof r['NextToken'] === 'string' ? r['NextToken'] : ''
      if (nextToken === '') return undefined
    }
    throw new Error('still paging after 20 pages')
  }

  /** Attachment Delete: DetachNetworkInterface, NotFound codes = done, then Read until Available. */
  async deleteAttachment(id: string): Promise<void> {
    const [eniId = '', instanceId = ''] = id.split(':')
    try {
      await this.retry(
        () =>
          this.post('DetachNetworkInterface', {
            InstanceId: instanceId,
            NetworkInterfaceId: eniId,
            RegionId: this.regionId,
          }),
        TerraformAttachment.ATTACH_RETRY,
      )
    } catch (e: unknown) {
      if (failureOf(e).code.endsWith('.NotFound')) return
      throw e
    }
    await this.waitFor(eniId, 'Available')
  }
}
