// ENI fields real clients round-trip (extensions.md §7, §8.2, §8.3) through the official
// @alicloud/ecs20140526 client (and pop-core for what its models lack), on SQLite and on
// PostgreSQL: NetworkInterfaceTrafficMode, ResourceGroupId, QueueNumber, QueuePairNumber,
// DeleteOnRelease and SourceDestCheck are stored, echoed by Create and both Describe actions,
// filtered on, and refused with Alibaba codes and statuses when wrong; the ERI refusal; the
// instance types' network figures; ClientToken records scoped by region.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import * as $Ecs from '@alicloud/ecs20140526'
import type Ecs from '@alicloud/ecs20140526'
import * as $Vpc from '@alicloud/vpc20160428'
import { defaultResourceGroupId } from '../../domain/resource-group.js'
import type { RunningServer } from '../../main.js'
import {
  AK,
  COMPAT_ENGINES,
  ecsClient,
  eventually,
  popClient,
  sdkError,
  vpcClient,
} from '../../testing/sdk-harness.js'

type Json = Record<string, unknown>
const POST = { method: 'POST' } as const
type EniItem = $Ecs.DescribeNetworkInterfacesResponseBodyNetworkInterfaceSetsNetworkInterfaceSet
const regionId = 'cn-hangzhou'
const TWO_REGIONS = [
  { regionId: 'cn-hangzhou', localName: 'China (Hangzhou)', zones: ['cn-hangzhou-h'] },
  { regionId: 'cn-beijing', localName: 'China (Beijing)', zones: ['cn-beijing-a'] },
]

for (const engine of COMPAT_ENGINES) {
  describe(
    `ENI round-tripped fields through the SDK [${engine.name}]`,
    { skip: engine.skip },
    () => {
      let server: RunningServer
      let stop: (passed: boolean) => Promise<void> = async () => undefined
      let passed = true
      let ecs: Ecs.default
      let vswitchId = ''
      let sgId = ''
      let instanceId = ''
      let accountId = ''

      /** One case; a failure keeps the PostgreSQL schema for inspection. */
      const step = (name: string, body: () => Promise<void>): void => {
        test(name, async () => {
          try {
            await body()
          } catch (e: unknown) {
            passed = false
            throw e
          }
        })
      }

      const create = (o: ConstructorParameters<typeof $Ecs.CreateNetworkInterfaceRequest>[0]) =>
        ecs.createNetworkInterface(
          new $Ecs.CreateNetworkInterfaceRequest({
            regionId,
            vSwitchId: vswitchId,
            securityGroupIds: [sgId],
            ...o,
          }),
        )
      const describeOne = async (id: string): Promise<EniItem> => {
        const r = await ecs.describeNetworkInterfaces(
          new $Ecs.DescribeNetworkInterfacesRequest({ regionId, networkInterfaceId: [id] }),
        )
        const item = r.body?.networkInterfaceSets?.networkInterfaceSet?.[0]
        assert.equal(item?.networkInterfaceId, id)
        return item
      }
      const attribute = async (id: string) =>
        (
          await ecs.describeNetworkInterfaceAttribute(
            new $Ecs.DescribeNetworkInterfaceAttributeRequest({ regionId, networkInterfaceId: id }),
          )
        ).body
      const traffic = (e: EniItem | $Ecs.CreateNetworkInterfaceResponseBody | undefined) => {
        const x = e as Record<string, unknown> | undefined
        return [
          x?.['networkInterfaceTrafficMode'],
          x?.['resourceGroupId'],
          x?.['queueNumber'],
          x?.['queuePairNumber'],
          x?.['deleteOnRelease'],
          x?.['sourceDestCheck'],
        ]
      }
      const modify = (id: string, o: Json) =>
        ecs.modifyNetworkInterfaceAttribute(
          new $Ecs.ModifyNetworkInterfaceAttributeRequest({
            regionId,
            networkInterfaceId: id,
            ...o,
          }),
        )
      const attach = (id: string) =>
        ecs.attachNetworkInterface(
          new $Ecs.AttachNetworkInterfaceRequest({ regionId, networkInterfaceId: id, instanceId }),
        )
      const statusIs = (id: string, status: string) =>
        eventually(
          `${id} ${status}`,
          () => describeOne(id),
          (e) => e.status === status,
        )
      const instanceIs = (status: string) =>
        eventually(
          `instance ${status}`,
          () =>
            ecs.describeInstances(
              new $Ecs.DescribeInstancesRequest({
                regionId,
                instanceIds: JSON.stringify([instanceId]),
              }),
            ),
          (r) => r.body?.instances?.instance?.[0]?.status === status,
        )

      before(async () => {
        const started = await engine.start('eni-fields-sdk', { regions: TWO_REGIONS })
        server = started.server
        stop = started.stop
        ecs = ecsClient(server.url)
        accountId =
          (await server.ctx.store.transaction((tx) => tx.getAccessKey(AK)))?.accountId ?? ''
        const vpc = vpcClient(server.url)
        const vpcId =
          (
            await vpc.createVpc(
              new $Vpc.CreateVpcRequest({ regionId, cidrBlock: '192.168.0.0/16' }),
            )
          ).body?.vpcId ?? ''
        await eventually(
          'VPC Available',
          () => vpc.describeVpcs(new $Vpc.DescribeVpcsRequest({ regionId, vpcId })),
          (r) => r.body?.vpcs?.vpc?.[0]?.status === 'Available',
        )
        vswitchId =
          (
            await vpc.createVSwitch(
              new $Vpc.CreateVSwitchRequest({
                regionId,
                vpcId,
                zoneId: 'cn-hangzhou-h',
                cidrBlock: '192.168.1.0/24',
              }),
            )
          ).body?.vSwitchId ?? ''
        await eventually(
          'vSwitch Available',
          () =>
            vpc.describeVSwitches(
              new $Vpc.DescribeVSwitchesRequest({ regionId, vSwitchId: vswitchId }),
            ),
          (r) => r.body?.vSwitches?.vSwitch?.[0]?.status === 'Available',
        )
        sgId =
          (await ecs.createSecurityGroup(new $Ecs.CreateSecurityGroupRequest({ regionId, vpcId })))
            .body?.securityGroupId ?? ''
        const run = await ecs.runInstances(
          new $Ecs.RunInstancesRequest({
            regionId,
            instanceType: 'ecs.g7.large',
            imageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
            vSwitchId: vswitchId,
            securityGroupId: sgId,
          }),
        )
        instanceId = run.body?.instanceIdSets?.instanceIdSet?.[0] ?? ''
        await instanceIs('Running')
      })
      after(async () => {
        await stop(passed)
      })

      step(
        'defaults: Standard, the account default group, queues 0, both flags false',
        async () => {
          const group = defaultResourceGroupId(accountId)
          assert.match(group, /^rg-acfm[0-9a-z]{11}$/)
          const created = await create({})
          const id = created.body?.networkInterfaceId ?? ''
          // The SDK's Create model keeps only ResourceGroupId and SourceDestCheck of these.
          assert.deepEqual(
            [created.body?.resourceGroupId, created.body?.sourceDestCheck],
            [group, false],
          )
          const expected = ['Standard', group, 0, 0, false, false]
          assert.deepEqual(traffic(await describeOne(id)), expected)
          const attr = await attribute(id)
          assert.deepEqual(traffic(attr), expected)
          assert.deepEqual(
            [
              attr?.networkInterfaceTrafficConfig?.networkInterfaceTrafficMode,
              attr?.networkInterfaceTrafficConfig?.queueNumber,
              attr?.networkInterfaceTrafficConfig?.queuePairNumber,
            ],
            ['Standard', 0, 0],
          )
          // Terraform reads QueueNumber with formatInt: it is on the wire as a number, never absent.
          const raw = await popClient(server.url).request<Json>(
            'DescribeNetworkInterfaces',
            { RegionId: regionId, 'NetworkInterfaceId.1': id },
            { method: 'POST' },
          )
          const item = (raw['NetworkInterfaceSets'] as { NetworkInterfaceSet: Json[] })
            .NetworkInterfaceSet[0]
          assert.equal(item?.['QueueNumber'], 0)
          assert.equal(item?.['ResourceGroupId'], group)
          // The account's other resources are in the same default group.
          const groups = await ecs.describeSecurityGroups(
            new $Ecs.DescribeSecurityGroupsRequest({ regionId, securityGroupId: sgId }),
          )
          assert.equal(groups.body?.securityGroups?.securityGroup?.[0]?.resourceGroupId, group)
        },
      )

      step('every field set at creation is stored, echoed and filtered on', async () => {
        const created = await create({
          resourceGroupId: 'rg-aek2teamgroup01',
          networkInterfaceTrafficMode: 'HighPerformance',
          queueNumber: 8,
          queuePairNumber: 4,
          deleteOnRelease: true,
          sourceDestCheck: true,
        })
        const id = created.body?.networkInterfaceId ?? ''
        const expected = ['HighPerformance', 'rg-aek2teamgroup01', 8, 4, true, true]
        assert.deepEqual(traffic(await describeOne(id)), expected)
        assert.deepEqual(traffic(await attribute(id)), expected)
        assert.equal((await attribute(id))?.networkInterfaceTrafficConfig?.queueNumber, 8)

        const byGroup = await ecs.describeNetworkInterfaces(
          new $Ecs.DescribeNetworkInterfacesRequest({
            regionId,
            resourceGroupId: 'rg-aek2teamgroup01',
          }),
        )
        assert.deepEqual(
          byGroup.body?.networkInterfaceSets?.networkInterfaceSet?.map((e) => e.networkInterfaceId),
          [id],
        )
        const inDefault = await ecs.describeNetworkInterfaces(
          new $Ecs.DescribeNetworkInterfacesRequest({
            regionId,
            resourceGroupId: defaultResourceGroupId(accountId),
          }),
        )
        const defaultIds =
          inDefault.body?.networkInterfaceSets?.networkInterfaceSet?.map(
            (e) => e.networkInterfaceId,
          ) ?? []
        assert.ok(defaultIds.length >= 2, 'the first case’s ENI and the instance’s primary ENI')
        assert.ok(!defaultIds.includes(id))
        const pop = popClient(server.url)
        // The whole Create answer carries them (the SDK's Create model keeps only some).
        const raw = await pop.request<Json>(
          'CreateNetworkInterface',
          {
            RegionId: regionId,
            VSwitchId: vswitchId,
            SecurityGroupId: sgId,
            ResourceGroupId: 'rg-aek2teamgroup02',
            NetworkInterfaceTrafficMode: 'Standard',
            QueueNumber: 16,
            DeleteOnRelease: true,
          },
          POST,
        )
        assert.deepEqual(
          [
            raw['NetworkInterfaceTrafficMode'],
            raw['ResourceGroupId'],
            raw['QueueNumber'],
            raw['QueuePairNumber'],
            raw['DeleteOnRelease'],
            raw['SourceDestCheck'],
          ],
          ['Standard', 'rg-aek2teamgroup02', 16, 0, true, false],
        )
        const byMode = await pop.request<Json>(
          'DescribeNetworkInterfaces',
          { RegionId: regionId, NetworkInterfaceTrafficMode: 'HighPerformance' },
          { method: 'POST' },
        )
        assert.deepEqual(
          (
            byMode['NetworkInterfaceSets'] as { NetworkInterfaceSet: Json[] }
          ).NetworkInterfaceSet.map((e) => e['NetworkInterfaceId']),
          [id],
        )
        const unknownMode = await pop.request<Json>(
          'DescribeNetworkInterfaces',
          { RegionId: regionId, NetworkInterfaceTrafficMode: 'Turbo' },
          { method: 'POST' },
        )
        assert.equal(unknownMode['TotalCount'], 0)
      })

      step(
        'NetworkInterfaceTrafficConfig is the same fields; a disagreeing pair is refused',
        async () => {
          const created = await create({
            networkInterfaceTrafficConfig:
              new $Ecs.CreateNetworkInterfaceRequestNetworkInterfaceTrafficConfig({
                networkInterfaceTrafficMode: 'HighPerformance',
                queueNumber: 2,
                queuePairNumber: 1,
              }),
          })
          assert.deepEqual(
            traffic(await describeOne(created.body?.networkInterfaceId ?? '')).slice(0, 4),
            ['HighPerformance', defaultResourceGroupId(accountId), 2, 1],
          )
          const e = await sdkError(
            create({
              queueNumber: 4,
              networkInterfaceTrafficConfig:
                new $Ecs.CreateNetworkInterfaceRequestNetworkInterfaceTrafficConfig({
                  queueNumber: 2,
                }),
            }),
          )
          assert.deepEqual([e.code, e.statusCode], ['InvalidParameter.Conflict', 400])
        },
      )

      step('bad values are refused with their codes and create nothing', async () => {
        const count = async () =>
          (
            await ecs.describeNetworkInterfaces(
              new $Ecs.DescribeNetworkInterfacesRequest({ regionId, vSwitchId: vswitchId }),
            )
          ).body?.totalCount
        const before = await count()
        const cases: [Parameters<typeof create>[0], string, number][] = [
          [{ networkInterfaceTrafficMode: 'Turbo' }, 'InvalidParameter', 400],
          [{ queueNumber: 0 }, 'InvalidParameter', 400],
          [{ queueNumber: 2049 }, 'InvalidParameter', 400],
          [{ queuePairNumber: 2 }, 'InvalidParameter', 400],
          [{ resourceGroupId: 'my-group' }, 'InvalidResourceGroup.NotFound', 404],
        ]
        for (const [request, code, status] of cases) {
          const e = await sdkError(create(request))
          assert.deepEqual([e.code, e.statusCode], [code, status], JSON.stringify(request))
        }
        assert.equal(await count(), before)
      })

      step('a HighPerformance ENI does not attach to a type without ERIs', async () => {
        const id =
          (await create({ networkInterfaceTrafficMode: 'HighPerformance' })).body
            ?.networkInterfaceId ?? ''
        const e = await sdkError(attach(id))
        assert.deepEqual([e.code, e.statusCode], ['InvalidOperation.InvalidEniType', 403])
        const after = await describeOne(id)
        assert.deepEqual([after.status, after.instanceId], ['Available', ''])
        // Switched to Standard while Available, it attaches.
        await modify(id, {
          networkInterfaceTrafficConfig:
            new $Ecs.ModifyNetworkInterfaceAttributeRequestNetworkInterfaceTrafficConfig({
              networkInterfaceTrafficMode: 'Standard',
            }),
        })
        assert.equal((await describeOne(id)).networkInterfaceTrafficMode, 'Standard')
        await attach(id)
        await statusIs(id, 'InUse')
        const modeWhileInUse = await sdkError(
          modify(id, {
            networkInterfaceTrafficConfig:
              new $Ecs.ModifyNetworkInterfaceAttributeRequestNetworkInterfaceTrafficConfig({
                networkInterfaceTrafficMode: 'HighPerformance',
              }),
          }),
        )
        assert.deepEqual(
          [modeWhileInUse.code, modeWhileInUse.statusCode],
          ['InvalidOperation.InvalidEniState', 400],
        )
        await ecs.detachNetworkInterface(
          new $Ecs.DetachNetworkInterfaceRequest({ regionId, networkInterfaceId: id, instanceId }),
        )
        await statusIs(id, 'Available')
      })

      step('QueueNumber: modified, defaulted once attached, bounded by the type', async () => {
        // ecs.g7.large: MaximumQueueNumberPerEni = Primary/SecondaryEniQueueNumber = 2.
        const id = (await create({})).body?.networkInterfaceId ?? ''
        await modify(id, { queueNumber: 3 })
        assert.equal((await describeOne(id)).queueNumber, 3)
        const tooMany = await sdkError(attach(id))
        assert.deepEqual(
          [tooMany.code, tooMany.statusCode],
          ['InvalidOperation.MaxEniQueueNumberExceeded', 403],
        )
        assert.equal((await describeOne(id)).status, 'Available')

        const plain = (await create({})).body?.networkInterfaceId ?? ''
        await attach(plain)
        await statusIs(plain, 'InUse')
        assert.equal(
          (await describeOne(plain)).queueNumber,
          2,
          "the type's SecondaryEniQueueNumber",
        )
        const primary = await ecs.describeNetworkInterfaces(
          new $Ecs.DescribeNetworkInterfacesRequest({ regionId, instanceId, type: 'Primary' }),
        )
        const primaryEni = primary.body?.networkInterfaceSets?.networkInterfaceSet?.[0]
        assert.equal(primaryEni?.queueNumber, 2, "the type's PrimaryEniQueueNumber")
        const onPrimary = await sdkError(
          modify(primaryEni?.networkInterfaceId ?? '', { queueNumber: 1 }),
        )
        assert.deepEqual(
          [onPrimary.code, onPrimary.statusCode],
          ['InvalidOperation.InvalidEniType', 403],
        )
        const whileRunning = await sdkError(modify(plain, { queueNumber: 1 }))
        assert.deepEqual(
          [whileRunning.code, whileRunning.statusCode],
          ['InvalidOperation.InvalidEcsState', 400],
        )
        // The SDK's StopInstance/StartInstance models have no RegionId: with two regions the
        // instance's own region applies (the real API takes it from the endpoint host).
        await ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId }))
        await instanceIs('Stopped')
        const beyond = await sdkError(modify(plain, { queueNumber: 4 }))
        assert.deepEqual(
          [beyond.code, beyond.statusCode],
          ['InvalidOperation.MaxEniQueueNumberExceeded', 403],
        )
        await modify(plain, { queueNumber: 1 })
        assert.equal((await describeOne(plain)).queueNumber, 1)
        await ecs.startInstance(new $Ecs.StartInstanceRequest({ instanceId }))
        const unknown = await sdkError(
          ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: 'i-bp1nosuchinstance0' })),
        )
        assert.deepEqual([unknown.code, unknown.statusCode], ['InvalidInstanceId.NotFound', 404])
        await instanceIs('Running')

        await modify(id, { queueNumber: 2 })
        await attach(id)
        await statusIs(id, 'InUse')
        assert.equal((await describeOne(id)).queueNumber, 2)
        await ecs.detachNetworkInterface(
          new $Ecs.DetachNetworkInterfaceRequest({
            regionId,
            networkInterfaceId: plain,
            instanceId,
          }),
        )
        await statusIs(plain, 'Available')
        assert.equal((await describeOne(plain)).queueNumber, 1, 'a set number stays when detached')
      })

      step(
        'DescribeInstanceTypes: bandwidth, ERIs and queues where a source gives them',
        async () => {
          const r = await ecs.describeInstanceTypes(
            new $Ecs.DescribeInstanceTypesRequest({
              instanceTypes: ['ecs.g7.xlarge', 'ecs.g7.large', 'ecs.g8i.large'],
            }),
          )
          const byId = new Map(
            (r.body?.instanceTypes?.instanceType ?? []).map((t) => [t.instanceTypeId, t]),
          )
          const figures = (id: string) => {
            const t = byId.get(id)
            return [
              t?.instanceBandwidthRx,
              t?.instanceBandwidthTx,
              t?.eriQuantity,
              t?.maximumQueueNumberPerEni,
              t?.primaryEniQueueNumber,
              t?.secondaryEniQueueNumber,
            ]
          }
          // ecs.g7.xlarge: real DescribeInstanceTypes output; ecs.g7.large: from its documented 2 Gbit/s
          // and 2 NIC queues; ecs.g8i.large: no stored source, so only EriQuantity (0, enforced).
          assert.deepEqual(figures('ecs.g7.xlarge'), [3072000, 3072000, 0, 4, 4, 4])
          assert.deepEqual(figures('ecs.g7.large'), [2048000, 2048000, 0, 2, 2, 2])
          assert.deepEqual(figures('ecs.g8i.large'), [
            undefined,
            undefined,
            0,
            undefined,
            undefined,
            undefined,
          ])
        },
      )

      step('one ClientToken in two regions is two requests; a replay stays one', async () => {
        const vpc = vpcClient(server.url)
        const createIn = (region: string) =>
          vpc.createVpc(
            new $Vpc.CreateVpcRequest({
              regionId: region,
              cidrBlock: '10.0.0.0/16',
              clientToken: 'one-token-two-regions',
            }),
          )
        const hz = (await createIn('cn-hangzhou')).body?.vpcId
        const bj = (await createIn('cn-beijing')).body?.vpcId
        assert.ok(hz && bj)
        assert.notEqual(hz, bj)
        assert.equal((await createIn('cn-beijing')).body?.vpcId, bj)
        assert.equal((await createIn('cn-hangzhou')).body?.vpcId, hz)
        const inBeijing = await vpc.describeVpcs(
          new $Vpc.DescribeVpcsRequest({ regionId: 'cn-beijing' }),
        )
        assert.deepEqual(
          inBeijing.body?.vpcs?.vpc?.map((v) => v.vpcId),
          [bj],
        )
      })
    },
  )
}
