// A second account sees none of the first account's resources and can change none of them:
// every ID of the first answers …NotFound (never a hint that it exists).
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { VPC_ACTIONS } from '../../api/action-versions.js'
import { createAccount } from '../../service/accounts.js'
import type { RunningServer } from '../../main.js'
import { eventually, popClient, sdkError, startCompatServer } from '../../testing/sdk-harness.js'

type Json = Record<string, unknown>
const region = 'cn-hangzhou'

describe('tenancy', () => {
  let server: RunningServer
  const other = { id: 'LTAIotherotherother01', secret: 'other-secret-other-secret-0001' }
  const ids = { vpc: '', vsw: '', sg: '', eni: '', instance: '' }

  before(async () => {
    server = await startCompatServer()
    await createAccount(server.ctx.store, new Date(), 'other', {
      accountId: '2000000000001',
      accessKeyId: other.id,
      accessKeySecret: other.secret,
    })
    const pop = popClient(server.url)
    const vpcPop = popClient(server.url, undefined, '2016-04-28')
    const call = (a: string, p: Json) =>
      (VPC_ACTIONS.has(a) ? vpcPop : pop).request<Json>(
        a,
        { RegionId: region, ...p },
        { method: 'POST' },
      )
    ids.vpc = String((await call('CreateVpc', { CidrBlock: '10.0.0.0/16' }))['VpcId'])
    await eventually(
      'vpc',
      () => call('DescribeVpcs', { VpcId: ids.vpc }),
      (r) => JSON.stringify(r).includes('"Status":"Available"'),
    )
    ids.vsw = String(
      (
        await call('CreateVSwitch', {
          VpcId: ids.vpc,
          ZoneId: 'cn-hangzhou-i',
          CidrBlock: '10.0.1.0/24',
        })
      )['VSwitchId'],
    )
    await eventually(
      'vsw',
      () => call('DescribeVSwitches', { VSwitchId: ids.vsw }),
      (r) => JSON.stringify(r).includes('"Status":"Available"'),
    )
    ids.sg = String((await call('CreateSecurityGroup', { VpcId: ids.vpc }))['SecurityGroupId'])
    ids.eni = String(
      (await call('CreateNetworkInterface', { VSwitchId: ids.vsw, SecurityGroupId: ids.sg }))[
        'NetworkInterfaceId'
      ],
    )
    const run = await call('RunInstances', {
      InstanceType: 'ecs.g7.large',
      ImageId: 'ubuntu_22_04_x64_20G_alibase_20240926.vhd',
      VSwitchId: ids.vsw,
      SecurityGroupId: ids.sg,
    })
    ids.instance = String((run['InstanceIdSets'] as { InstanceIdSet: string[] }).InstanceIdSet[0])
  })
  after(async () => {
    await server.close()
  })

  test('lists are empty for the other account', async () => {
    const pop = popClient(server.url, other)
    const vpcPop = popClient(server.url, other, '2016-04-28')
    const call = (a: string, p: Json = {}) =>
      (VPC_ACTIONS.has(a) ? vpcPop : pop).request<Json>(
        a,
        { RegionId: region, ...p },
        { method: 'POST' },
      )
    assert.equal((await call('DescribeNetworkInterfaces'))['TotalCount'], 0)
    assert.equal((await call('DescribeInstances'))['TotalCount'], 0)
    assert.equal((await call('DescribeVpcs'))['TotalCount'], 0)
    assert.equal((await call('DescribeVSwitches'))['TotalCount'], 0)
    assert.equal((await call('DescribeSecurityGroups'))['TotalCount'], 0)
    const byId = await call('DescribeNetworkInterfaces', { 'NetworkInterfaceId.1': ids.eni })
    assert.equal(byId['TotalCount'], 0)
  })

  test("the other account's IDs are NotFound for every mutation", async () => {
    const pop = popClient(server.url, other)
    const vpcPop = popClient(server.url, other, '2016-04-28')
    const fail = (a: string, p: Json) =>
      sdkError(
        (VPC_ACTIONS.has(a) ? vpcPop : pop).request<Json>(
          a,
          { RegionId: region, ...p },
          { method: 'POST' },
        ),
      )
    const cases: [string, Json, string][] = [
      [
        'DescribeNetworkInterfaceAttribute',
        { NetworkInterfaceId: ids.eni },
        'InvalidEniId.NotFound',
      ],
      [
        'AssignPrivateIpAddresses',
        { NetworkInterfaceId: ids.eni, SecondaryPrivateIpAddressCount: 1 },
        'InvalidEniId.NotFound',
      ],
      [
        'UnassignPrivateIpAddresses',
        { NetworkInterfaceId: ids.eni, 'PrivateIpAddress.1': '10.0.1.9' },
        'InvalidEniId.NotFound',
      ],
      ['DeleteNetworkInterface', { NetworkInterfaceId: ids.eni }, 'InvalidEniId.NotFound'],
      [
        'AssignIpv6Addresses',
        { NetworkInterfaceId: ids.eni, Ipv6AddressCount: 1 },
        'InvalidEniId.NotFound',
      ],
      [
        'UnassignIpv6Addresses',
        { NetworkInterfaceId: ids.eni, 'Ipv6Address.1': '2408:4000::5' },
        'InvalidEniId.NotFound',
      ],
      [
        'ModifyNetworkInterfaceAttribute',
        { NetworkInterfaceId: ids.eni, NetworkInterfaceName: 'x1' },
        'InvalidEniId.NotFound',
      ],
      [
        'AttachNetworkInterface',
        { NetworkInterfaceId: ids.eni, InstanceId: ids.instance },
        'InvalidEniId.NotFound',
      ],
      [
        'CreateNetworkInterface',
        { VSwitchId: ids.vsw, SecurityGroupId: ids.sg },
        'InvalidVSwitchId.NotFound',
      ],
      ['StopInstance', { InstanceId: ids.instance }, 'InvalidInstanceId.NotFound'],
      ['DeleteSecurityGroup', { SecurityGroupId: ids.sg }, 'InvalidSecurityGroupId.NotFound'],
      ['DeleteVSwitch', { VSwitchId: ids.vsw }, 'InvalidVSwitchId.NotFound'],
      ['DeleteVpc', { VpcId: ids.vpc }, 'InvalidVpcId.NotFound'],
      [
        'TagResources',
        { ResourceType: 'eni', 'ResourceId.1': ids.eni, 'Tag.1.Key': 'k' },
        'InvalidResourceId.NotFound',
      ],
      [
        'UntagResources',
        { ResourceType: 'instance', 'ResourceId.1': ids.instance, 'TagKey.1': 'k' },
        'InvalidResourceId.NotFound',
      ],
      [
        'UnTagResources',
        { ResourceType: 'VPC', 'ResourceId.1': ids.vpc, 'TagKey.1': 'k' },
        'InvalidInstanceIds.NotFound',
      ],
      ['ModifyVpcAttribute', { VpcId: ids.vpc, EnableIPv6: true }, 'InvalidVpcId.NotFound'],
    ]
    for (const [action, params, code] of cases) {
      const e = await fail(action, params)
      assert.equal(e.code, code, action)
    }
    // …and the owner still sees everything unchanged.
    const owner = popClient(server.url)
    const eni = await owner.request<Json>(
      'DescribeNetworkInterfaceAttribute',
      { RegionId: region, NetworkInterfaceId: ids.eni },
      { method: 'POST' },
    )
    assert.equal(eni['Status'], 'Available')
    assert.equal((eni['PrivateIpSets'] as { PrivateIpSet: unknown[] }).PrivateIpSet.length, 1)
  })
})
