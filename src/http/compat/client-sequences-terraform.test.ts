// terraform-provider-alicloud's ENI and attachment resources (spec/extensions.md §8.3) on SQLite
// and PostgreSQL, through the tea client the provider's `RpcPost` uses (POST, every parameter in
// the form body), signed V3 (ACS3-HMAC-SHA256, `callApi`) and V1 (`doRPCRequest`, what tea-rpc
// sends today). The bootstrap first: STS GetCallerIdentity, and Location DescribeEndpoints, whose
// answer is the endpoint every later call of that run goes to. Then create → Read (every field
// the provider sets from the item, no diff against the configuration) → update (Modify, tags, IP,
// IPv6 and prefix diffs) → attachment create/read/delete → delete. The round-tripped fields of
// spec §7 (QueueNumber, ResourceGroupId, NetworkInterfaceTrafficMode) have a test of their own.
// The provider's 5 s polls run every 25 ms here.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, test } from 'node:test'

import { COMPAT_ENGINES, type StartedCompatServer } from '../../testing/compat-engines.js'
import { CallLog, type Json, popRpc, type Rpc, teaRpc } from '../../testing/recorded-rpc.js'
import { AK, eventually } from '../../testing/sdk-harness.js'
import { TerraformAttachment } from '../../testing/terraform-attachment.js'
import { type EniConfig, type EniState, TerraformEni } from '../../testing/terraform-eni.js'

const REGION = 'cn-hangzhou'
const ZONE = 'cn-hangzhou-h'
const POLL_MS = 25
const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/

/** The provider's `buildClientToken`: `TF-<action>-<unix>-<uuid>`, cut to 64 characters. */
function buildClientToken(action: string): string {
  return `TF-${action}-${Math.floor(Date.now() / 1000)}-${randomUUID()}`.slice(0, 64)
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0)
}

interface World {
  vpcId: string
  vswitchId: string
  sg1: string
  sg2: string
  instanceId: string
}

async function buildWorld(ecs: Rpc, vpc: Rpc): Promise<World> {
  const { VpcId } = await vpc.call<{ VpcId: string }>('CreateVpc', {
    CidrBlock: '192.168.0.0/16',
    EnableIpv6: true,
  })
  await eventually(
    'VPC Available',
    () => vpc.call<{ Vpcs: { Vpc: { Status: string }[] } }>('DescribeVpcs', { VpcId }),
    (r) => r.Vpcs.Vpc[0]?.Status === 'Available',
  )
  const { VSwitchId } = await vpc.call<{ VSwitchId: string }>('CreateVSwitch', {
    VpcId,
    ZoneId: ZONE,
    CidrBlock: '192.168.1.0/24',
    Ipv6CidrBlock: 1,
  })
  await eventually(
    'vSwitch Available',
    () =>
      vpc.call<{ VSwitches: { VSwitch: { Status: string }[] } }>('DescribeVSwitches', {
        VSwitchId,
      }),
    (r) => r.VSwitches.VSwitch[0]?.Status === 'Available',
  )
  const sg = async () =>
    (await ecs.call<{ SecurityGroupId: string }>('CreateSecurityGroup', { VpcId })).SecurityGroupId
  const sg1 = await sg()
  const sg2 = await sg()
  const run = await ecs.call<{ InstanceIdSets: { InstanceIdSet: string[] } }>('RunInstances', {
    InstanceType: 'ecs.g7.large',
    ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
    VSwitchId,
    SecurityGroupId: sg1,
  })
  const instanceId = run.InstanceIdSets.InstanceIdSet[0] ?? ''
  await eventually(
    'instance Running',
    () => ecs.call<Json>('DescribeInstances', { InstanceIds: JSON.stringify([instanceId]) }),
    (r) => JSON.stringify(r).includes('"Status":"Running"'),
  )
  return { vpcId: VpcId, vswitchId: VSwitchId, sg1, sg2, instanceId }
}

/** The configured attributes that Read must give back unchanged (no diff on the next plan). */
function assertNoDiff(state: EniState | undefined, c: EniConfig): void {
  assert.ok(state !== undefined, 'the ENI is in the state')
  if (c.description !== undefined) assert.equal(state.description, c.description)
  if (c.networkInterfaceName !== undefined) {
    assert.equal(state.network_interface_name, c.networkInterfaceName)
  }
  if (c.primaryIpAddress !== undefined) assert.equal(state.primary_ip_address, c.primaryIpAddress)
  if (c.privateIpAddresses !== undefined) {
    assert.deepEqual([...state.private_ip_addresses].sort(), [...c.privateIpAddresses].sort())
  }
  if (c.secondaryPrivateIpAddressCount !== undefined) {
    assert.equal(state.secondary_private_ip_address_count, c.secondaryPrivateIpAddressCount)
  }
  if (c.ipv6AddressCount !== undefined) assert.equal(state.ipv6_address_count, c.ipv6AddressCount)
  if (c.ipv4PrefixCount !== undefined) assert.equal(state.ipv4_prefix_count, c.ipv4PrefixCount)
  assert.deepEqual(
    [...(state.security_group_ids as string[])].sort(),
    [...c.securityGroupIds].sort(),
  )
  assert.equal(state.vswitch_id, c.vswitchId)
  if (c.instanceType !== undefined) assert.equal(state.instance_type, c.instanceType)
  if (c.sourceDestCheck !== undefined) assert.equal(state.source_dest_check, c.sourceDestCheck)
  if (c.deleteOnRelease !== undefined) assert.equal(state.delete_on_release, c.deleteOnRelease)
  assert.deepEqual(state.tags, c.tags ?? {})
}

for (const engine of COMPAT_ENGINES) {
  describe(
    `terraform-provider-alicloud ENI resources [${engine.name}]`,
    { skip: engine.skip },
    () => {
      let started: StartedCompatServer
      let world: World
      let accountId = ''

      before(async () => {
        // lowest-first picks keep automatic addresses away from the chosen ones (.200 and up)
        started = await engine.start('client-sequences-terraform', { allocation: 'sequential' })
        const url = started.server.url
        world = await buildWorld(popRpc(url, '2014-05-26'), popRpc(url, '2016-04-28'))
        const key = await started.server.ctx.store.transaction((tx) => tx.getAccessKey(AK))
        accountId = key?.accountId ?? ''
      })
      after(async () => {
        await started.stop()
      })

      /** The bootstrap: GetCallerIdentity, then Location's openAPI endpoint for `ecs`. */
      async function bootstrap(): Promise<string> {
        const url = started.server.url
        const me = await popRpc(url, '2015-04-01').call<Json>('GetCallerIdentity')
        assert.equal(me['AccountId'], accountId)
        assert.match(String(me['AccountId']), /^\d{16}$/)
        const location = popRpc(url, '2015-06-12')
        const r = await location.call<{
          Success: boolean
          Endpoints: { Endpoint: { Endpoint: string; Type: string; SerivceCode: string }[] }
        }>('DescribeEndpoints', { Id: REGION, ServiceCode: 'ecs' })
        assert.equal(r.Success, true)
        const openApi = r.Endpoints.Endpoint.find((e) => e.Type === 'openAPI')
        assert.equal(openApi?.SerivceCode, 'ecs')
        assert.equal(openApi?.Endpoint, url.replace(/^http:\/\//, ''))
        return `http://${openApi?.Endpoint ?? ''}`
      }

      for (const signature of ['v3', 'v1'] as const) {
        const log = new CallLog()
        let tf: TerraformEni
        let tfa: TerraformAttachment
        const octet = signature === 'v3' ? 200 : 220
        let config: EniConfig
        let eniId = ''

        test(`[${signature}] bootstrap: GetCallerIdentity; DescribeEndpoints answers this server`, async () => {
          const endpoint = await bootstrap()
          const rpc = teaRpc(endpoint, signature, { log })
          tf = new TerraformEni(rpc, REGION, POLL_MS, buildClientToken)
          tfa = new TerraformAttachment(rpc, REGION, POLL_MS)
        })

        test(`[${signature}] create → Read: every field the provider sets comes back as configured`, async () => {
          config = {
            vswitchId: world.vswitchId,
            securityGroupIds: [world.sg1],
            description: 'made by terraform',
            networkInterfaceName: `tf-eni-${signature}`,
            primaryIpAddress: `192.168.1.${octet}`,
            secondaryPrivateIpAddressCount: 2,
            ipv6AddressCount: 1,
            queueNumber: 1,
            resourceGroupId: 'rg-aek2tfprovider',
            instanceType: 'Secondary',
            networkInterfaceTrafficMode: 'Standard',
            sourceDestCheck: true,
            deleteOnRelease: true,
            tags: { env: 'test', team: 'net' },
          }
          log.clear()
          eniId = await tf.createEni(config)
          const created = log.of('CreateNetworkInterface')
          assert.equal(created.length, 1)
          assert.equal(created[0]?.params['ClientToken'], undefined)
          const state = await tf.readEni(eniId)
          assertNoDiff(state, config)
          assert.equal(state?.status, 'Available')
          assert.match(String(state?.mac), MAC)
          assert.equal(state?.private_ip_addresses.length, 2)
          assert.equal(state?.ipv6_addresses.length, 1)
          assert.match(state?.ipv6_addresses[0] ?? '', /^2408:4000:0:1:/)
          assert.deepEqual(state?.ipv4_prefixes, [])
          assert.equal(state?.ipv4_prefix_count, 0)
          // Read asks ListTagResources for the ENI's tags every time
          assert.deepEqual(
            log
              .of('ListTagResources')
              .map((c) => [c.params['ResourceType'], c.params['ResourceId.1']]),
            [['eni', eniId]],
          )
        })

        test(`[${signature}] QueueNumber (a number), ResourceGroupId, NetworkInterfaceTrafficMode round-trip (spec §7)`, async () => {
          const raw = await tf.describe(eniId)
          assert.equal(typeof raw?.['QueueNumber'], 'number')
          const state = await tf.readEni(eniId)
          assert.equal(state?.queue_number, config.queueNumber)
          assert.equal(state?.resource_group_id, config.resourceGroupId)
          assert.equal(state?.network_interface_traffic_mode, config.networkInterfaceTrafficMode)
          await tf.modify(eniId, { queueNumber: 2 })
          assert.equal((await tf.readEni(eniId))?.queue_number, 2)
          const rdma: EniConfig = {
            vswitchId: world.vswitchId,
            securityGroupIds: [world.sg1],
            networkInterfaceTrafficMode: 'HighPerformance',
          }
          const rdmaId = await tf.createEni(rdma)
          assert.equal(
            (await tf.readEni(rdmaId))?.network_interface_traffic_mode,
            'HighPerformance',
          )
          await tf.deleteEni(rdmaId)
          const plainId = await tf.createEni({
            vswitchId: world.vswitchId,
            securityGroupIds: [world.sg1],
          })
          const plain = await tf.readEni(plainId)
          assert.match(String(plain?.resource_group_id), /^rg-[0-9a-z]+$/)
          assert.notEqual(plain?.resource_group_id, config.resourceGroupId)
          await tf.deleteEni(plainId)
        })

        test(`[${signature}] update: Modify, UntagResources then TagResources, IP and IPv6 count diffs`, async () => {
          const before = await tf.readEni(eniId)
          assert.ok(before !== undefined)
          const changed = {
            description: 'changed by terraform',
            networkInterfaceName: `tf-eni-${signature}-2`,
            securityGroupIds: [world.sg1, world.sg2],
            sourceDestCheck: false,
            deleteOnRelease: false,
          }
          const next: EniConfig = {
            ...config,
            ...changed,
            secondaryPrivateIpAddressCount: 4,
            ipv6AddressCount: 2,
            tags: { env: 'prod', owner: 'me' },
          }
          log.clear()
          await tf.setTags(eniId, config.tags ?? {}, next.tags ?? {})
          await tf.modify(eniId, changed)
          await tf.updatePrivateIpCount(eniId, before, 4)
          await tf.updateIpv6Count(eniId, before, 2)
          assert.deepEqual(
            log.calls
              .filter((c) => !['DescribeNetworkInterfaces', 'ListTagResources'].includes(c.action))
              .map((c) => c.action),
            [
              'UntagResources',
              'TagResources',
              'ModifyNetworkInterfaceAttribute',
              'AssignPrivateIpAddresses',
              'AssignIpv6Addresses',
            ],
          )
          assert.deepEqual(log.of('UntagResources')[0]?.params['TagKey.1'], 'team')
          assert.match(
            String(log.of('AssignIpv6Addresses')[0]?.params['ClientToken']),
            /^TF-AssignIpv6Addresses-\d+-/,
          )
          const after = await tf.readEni(eniId)
          assertNoDiff(after, next)
          assert.ok(
            before.private_ip_addresses.every((ip) => after?.private_ip_addresses.includes(ip)),
          )
          assert.equal(after?.primary_ip_address, config.primaryIpAddress)

          // and back down: the count diff unassigns the first addresses of the list
          await tf.updatePrivateIpCount(eniId, after as EniState, 3)
          await tf.updateIpv6Count(eniId, after as EniState, 1)
          const shrunk = await tf.readEni(eniId)
          assertNoDiff(shrunk, { ...next, secondaryPrivateIpAddressCount: 3, ipv6AddressCount: 1 })
          assert.ok(!shrunk?.private_ip_addresses.includes(after?.private_ip_addresses[0] ?? '?'))
          assert.ok(!shrunk?.ipv6_addresses.includes(after?.ipv6_addresses[0] ?? '?'))
          assert.ok(log.of('UnassignIpv6Addresses')[0]?.params['ClientToken'] !== undefined)
          config = { ...next, secondaryPrivateIpAddressCount: 3, ipv6AddressCount: 1 }
        })

        test(`[${signature}] attachment: create (ID eni:instance), Read with the NextToken loop, delete`, async () => {
          log.clear()
          // v3 sets wait_for_network_configuration_ready, as a configuration may
          const id = await tfa.createAttachment(
            eniId,
            world.instanceId,
            signature === 'v3' || undefined,
          )
          assert.equal(id, `${eniId}:${world.instanceId}`)
          assert.equal(
            log.of('AttachNetworkInterface')[0]?.params['WaitForNetworkConfigurationReady'],
            signature === 'v3' ? true : undefined,
          )
          assert.equal((await tf.readEni(eniId))?.status, 'InUse')
          assert.deepEqual(await tfa.readAttachment(id), {
            instance_id: world.instanceId,
            network_interface_id: eniId,
          })
          const reads = log
            .of('DescribeNetworkInterfaces')
            .filter((c) => c.params['MaxResults'] === 100)
          assert.equal(reads.length, 1)
          assert.equal((reads[0]?.result as Json)['NextToken'], '')
          // attached, the ENI still reads without a diff
          assertNoDiff(await tf.readEni(eniId), config)

          await tfa.deleteAttachment(id)
          assert.equal((await tf.readEni(eniId))?.status, 'Available')
          // detached, Read finds no item attached to the instance: gone from the state
          assert.equal(await tfa.readAttachment(id), undefined)
        })

        test(`[${signature}] delete: DeleteNetworkInterface, Read until gone; again is done`, async () => {
          await tf.deleteEni(eniId)
          assert.equal(await tf.readEni(eniId), undefined)
          await tf.deleteEni(eniId)
          assert.equal(log.of('DeleteNetworkInterface').at(-1)?.code, 'InvalidEniId.NotFound')
        })

        test(`[${signature}] ipv4_prefix_count and private_ip_addresses: the diffs, with ClientToken for prefixes`, async () => {
          const prefixed: EniConfig = {
            vswitchId: world.vswitchId,
            securityGroupIds: [world.sg1],
            ipv4PrefixCount: 1,
            tags: { kind: 'prefix' },
          }
          const pid = await tf.createEni(prefixed)
          const p1 = await tf.readEni(pid)
          assertNoDiff(p1, prefixed)
          for (const p of p1?.ipv4_prefixes ?? []) {
            const [base = '', bits] = p.split('/')
            assert.equal(bits, '28')
            assert.equal(ipv4ToInt(base) % 16, 0)
          }
          log.clear()
          await tf.updateIpv4PrefixCount(pid, p1 as EniState, 2)
          const p2 = await tf.readEni(pid)
          assertNoDiff(p2, { ...prefixed, ipv4PrefixCount: 2 })
          await tf.updateIpv4PrefixCount(pid, p2 as EniState, 1)
          assertNoDiff(await tf.readEni(pid), prefixed)
          assert.match(String(log.of('AssignPrivateIpAddresses')[0]?.params['ClientToken']), /^TF-/)
          const unassign = log.of('UnassignPrivateIpAddresses')[0]?.params ?? {}
          assert.match(String(unassign['ClientToken']), /^TF-/)
          assert.equal(unassign['Ipv4Prefix.1'], p2?.ipv4_prefixes[0])
          await tf.deleteEni(pid)

          const listed: EniConfig = {
            vswitchId: world.vswitchId,
            securityGroupIds: [world.sg1],
            privateIpAddresses: [`192.168.1.${octet + 1}`, `192.168.1.${octet + 2}`],
          }
          const lid = await tf.createEni(listed)
          const l1 = await tf.readEni(lid)
          assertNoDiff(l1, listed)
          const wanted = [`192.168.1.${octet + 2}`, `192.168.1.${octet + 3}`]
          await tf.updatePrivateIpList(lid, l1?.private_ip_addresses ?? [], wanted)
          assertNoDiff(await tf.readEni(lid), { ...listed, privateIpAddresses: wanted })
          await tf.deleteEni(lid)
        })
      }

      test('create on a vSwitch still Pending: IncorrectVSwitchStatus is retried until it is Available', async () => {
        const url = started.server.url
        const log = new CallLog()
        const tf = new TerraformEni(teaRpc(url, 'v3', { log }), REGION, POLL_MS, buildClientToken)
        // the vSwitch stays Pending 300 ms longer than usual
        await popRpc(url, '2014-05-26').call('EniplaneAddFaultRules', {
          Rules: JSON.stringify([{ transition: 'vswitch.available', delayMs: 300, times: 1 }]),
        })
        const { VSwitchId } = await popRpc(url, '2016-04-28').call<{ VSwitchId: string }>(
          'CreateVSwitch',
          { VpcId: world.vpcId, ZoneId: ZONE, CidrBlock: '192.168.2.0/24' },
        )
        const id = await tf.createEni({ vswitchId: VSwitchId, securityGroupIds: [world.sg1] })
        const tries = log.of('CreateNetworkInterface')
        assert.ok(tries.length >= 2)
        assert.ok(tries.slice(0, -1).every((c) => c.code === 'IncorrectVSwitchStatus'))
        assert.equal(tries.at(-1)?.code, undefined)
        assert.equal((await tf.readEni(id))?.vswitch_id, VSwitchId)
        await tf.deleteEni(id)
      })
    },
  )
}
