// IPv6 and prefixes in the web console, in a real Chromium: Create VPC with Enable IPv6, Create
// vSwitch with a /64 index (checked as you type), then the Manage dialog of an ENI in it assigns
// an IPv6 address typed and one automatic, an IPv4 /28 and an IPv6 /80, lists them, refuses bad
// input as you type, shows the server's Code and Message on a refusal, and removes them; the
// address map counts the /28; the IPv6 cap follows the instance type once attached; an ENI in an
// IPv4-only vSwitch is told why it has no IPv6. Every step is checked through the signed API.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import type { Wrapped } from '../../src/api/wire/list.js'
import type { WireVSwitch, WireVpc } from '../../src/api/wire/network.js'
import type { WireNetworkInterface } from '../../src/api/wire/network-interface.js'
import { formatIpv6, parseIpv6Cidr } from '../../src/guest/render/ipv6.js'
import { launchChromium, NARROW, screenshot, WIDE } from './support/console-browser.js'
import {
  CONSOLE_ACCESS_KEY_ID,
  CONSOLE_ACCESS_KEY_SECRET,
  startConsoleServer,
  type ConsoleServer,
} from './support/console-server.js'
import { waitForStatus } from './support/console-steps.js'
import { callAs, describeEni, waitFor, ZONE } from './support/console-world.js'

let srv: ConsoleServer
let browser: Browser
let context: BrowserContext
let page: Page
let vpcId = ''
let vpcBlock = ''
let vswitchId = ''
let block64 = ''
let sgId = ''
let eniId = ''
let typedIpv6 = ''
let autoIpv6 = ''
let typedPrefix = ''
let autoPrefix = ''

const MANAGE = 'Manage Secondary Private IP Address'
const dialog = (p: Page, name: string): Locator => p.getByRole('dialog', { name })
const nav = (name: string) => page.getByRole('link', { name, exact: true }).click()
const section = (d: Locator, item: string): Locator => d.locator(`[data-section="${item}"]`)

/** An address of the vSwitch /64 at interface ID `iid`. */
function inBlock(iid: bigint): string {
  const c = parseIpv6Cidr(block64)
  assert.ok(c, `a /64: ${block64}`)
  return formatIpv6(c.network + iid)
}

async function vpcOf(id: string): Promise<WireVpc | undefined> {
  const res = await callAs<{ Vpcs: Wrapped<'Vpc', WireVpc> }>(srv.api, 'DescribeVpcs', {
    VpcId: id,
  })
  return res.Vpcs.Vpc[0]
}

async function vswitchOf(id: string): Promise<WireVSwitch | undefined> {
  const res = await callAs<{ VSwitches: Wrapped<'VSwitch', WireVSwitch> }>(
    srv.api,
    'DescribeVSwitches',
    { VSwitchId: id },
  )
  return res.VSwitches.VSwitch[0]
}

async function eniOf(id: string): Promise<WireNetworkInterface> {
  const eni = await describeEni(srv.api, id)
  assert.ok(eni, id)
  return eni
}

const ipv6Of = (eni: WireNetworkInterface) => eni.Ipv6Sets.Ipv6Set.map((s) => s.Ipv6Address).sort()
const v4PrefixesOf = (eni: WireNetworkInterface) =>
  eni.Ipv4PrefixSets.Ipv4PrefixSet.map((s) => s.Ipv4Prefix)
const v6PrefixesOf = (eni: WireNetworkInterface) =>
  eni.Ipv6PrefixSets.Ipv6PrefixSet.map((s) => s.Ipv6Prefix)

async function openManage(p: Page, id: string): Promise<Locator> {
  await p
    .locator(`tr[data-eni-id="${id}"]`)
    .getByRole('button', { name: `${MANAGE} (${id})` })
    .click()
  const d = dialog(p, MANAGE)
  await d.locator('[data-role="cidr"]', { hasText: '/' }).waitFor()
  return d
}

async function closeDialog(p: Page, d: Locator): Promise<void> {
  await p.keyboard.press('Escape')
  await d.waitFor({ state: 'detached' })
}

before(async () => {
  srv = await startConsoleServer()
  browser = await launchChromium()
  context = await browser.newContext({ viewport: WIDE })
  page = await context.newPage()
  page.setDefaultTimeout(10_000)
  await page.goto(`${srv.url}/console`)
  await page.getByLabel('AccessKey ID').fill(CONSOLE_ACCESS_KEY_ID)
  await page.getByLabel('AccessKey secret').fill(CONSOLE_ACCESS_KEY_SECRET)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Network Interfaces' }).waitFor()
})

after(async () => {
  await context?.close()
  await browser?.close()
  await srv?.close()
})

/**
 * The Create vSwitch dialog suggests a free /24 and /64 once it has read the VPC's vSwitches;
 * wait for that before typing or reading the suggestion.
 */
async function suggestionsIn(d: Locator): Promise<void> {
  const cidr = await d.getByLabel('IPv4 CIDR block').elementHandle()
  await d
    .page()
    .waitForFunction((el) => ((el as { value?: string } | null)?.value ?? '') !== '', cidr)
}

describe('web console: IPv6 and prefixes', () => {
  test('Create VPC with Enable IPv6 gives the VPC a /56', async () => {
    await nav('VPCs and vSwitches')
    await page.getByRole('button', { name: 'Create VPC' }).first().click()
    const d = dialog(page, 'Create VPC')
    await d.getByLabel('IPv4 CIDR block').fill('192.168.0.0/16')
    await d.getByLabel('Enable IPv6').check()
    await d.getByLabel('VPC name').fill('dual-vpc')
    await screenshot(page, 'ipv6-create-vpc', false)
    await d.getByRole('button', { name: 'Create VPC' }).click()
    await d.waitFor({ state: 'detached' })
    const card = page.locator('section.vpc-card', { hasText: 'dual-vpc' })
    const shown = card.locator('[data-role="vpc-ipv6"]')
    await shown.waitFor()
    vpcId = ((await card.getAttribute('aria-label')) ?? '').replace('VPC ', '')
    const vpc = await waitFor(
      'the VPC',
      () => vpcOf(vpcId),
      (v) => v?.Status === 'Available',
    )
    assert.equal(vpc?.EnabledIpv6, true)
    vpcBlock = vpc?.Ipv6CidrBlock ?? ''
    assert.match(vpcBlock, /\/56$/)
    assert.equal(await shown.textContent(), vpcBlock)
  })

  test('Create vSwitch takes the /64 at the typed index, checked as you type', async () => {
    const create = page.getByRole('button', { name: `Create vSwitch (${vpcId})` })
    await page.locator(`button[aria-label="Create vSwitch (${vpcId})"]:not([disabled])`).waitFor()
    await create.click()
    const d = dialog(page, 'Create vSwitch')
    await suggestionsIn(d)
    await d.getByLabel('IPv4 CIDR block').fill('192.168.1.0/24')
    await d.getByLabel('Enable IPv6').check()
    const index = d.getByLabel('IPv6 /64 index (0–255)')
    assert.equal(await index.inputValue(), '0', 'the first free /64 is suggested')
    await index.fill('300')
    await d.getByText('Enter the /64 index as a whole number from 0 to 255.').waitFor()
    assert.equal(await index.getAttribute('aria-invalid'), 'true')
    await index.fill('1')
    const c = parseIpv6Cidr(vpcBlock)
    assert.ok(c)
    block64 = `${formatIpv6(c.network + (1n << 64n))}/64`
    await d.getByText(`This vSwitch’s IPv6 CIDR: ${block64} (a /64 of ${vpcBlock}).`).waitFor()
    await d.getByLabel('vSwitch name').fill('dual-vsw')
    await screenshot(page, 'ipv6-create-vswitch', false)
    await d.getByRole('button', { name: 'Create vSwitch' }).click()
    await d.waitFor({ state: 'detached' })
    const vswShown = page.locator('[data-role="vswitch-ipv6"]', { hasText: block64 })
    await vswShown.waitFor()
    const listed = await callAs<{ VSwitches: Wrapped<'VSwitch', WireVSwitch> }>(
      srv.api,
      'DescribeVSwitches',
      { VpcId: vpcId },
    )
    const vsw = listed.VSwitches.VSwitch.find((v) => v.VSwitchName === 'dual-vsw')
    assert.ok(vsw)
    vswitchId = vsw.VSwitchId
    assert.equal(vsw.Ipv6CidrBlock, block64)
    assert.equal(vsw.EnabledIpv6, true)

    // A second vSwitch may not take the same /64: said before sending.
    await page.locator(`button[aria-label="Create vSwitch (${vpcId})"]:not([disabled])`).waitFor()
    await create.click()
    const again = dialog(page, 'Create vSwitch')
    await suggestionsIn(again)
    await again.getByLabel('Enable IPv6').check()
    const index2 = again.getByLabel('IPv6 /64 index (0–255)')
    assert.equal(await index2.inputValue(), '0')
    await index2.fill('1')
    await again.getByText(`${block64} is already the IPv6 CIDR of ${vswitchId}.`).waitFor()
    await closeDialog(page, again)
  })

  test('Create ENI in the dual-stack vSwitch', async () => {
    const sg = await callAs<{ SecurityGroupId: string }>(srv.api, 'CreateSecurityGroup', {
      VpcId: vpcId,
      SecurityGroupName: 'dual-sg',
    })
    sgId = sg.SecurityGroupId
    await waitFor(
      'the vSwitch',
      () => vswitchOf(vswitchId),
      (v) => v?.Status === 'Available',
    )
    await nav('Network Interfaces')
    await page.locator('.page-actions').getByRole('button', { name: 'Create ENI' }).click()
    const d = dialog(page, 'Create ENI')
    await d.getByLabel('vSwitch').selectOption(vswitchId)
    await d.getByLabel('Security group').selectOption(sgId)
    await d.getByLabel('Name (optional)').fill('dual-eni')
    await d.getByRole('button', { name: 'Create', exact: true }).click()
    await d.waitFor({ state: 'detached' })
    const created = page.locator('tr', { hasText: 'dual-eni' })
    await created.waitFor()
    eniId = (await created.getAttribute('data-eni-id')) ?? ''
    assert.match(eniId, /^eni-/)
  })

  test('assigns an IPv6 address typed and one automatic, a typed /28 and an automatic /80', async () => {
    const eni = await eniOf(eniId)
    const primary = Number(eni.PrivateIpAddress.split('.')[3])
    // an aligned /28 that does not hold the ENI's primary address
    const base = [32, 48, 64].find((b) => primary < b || primary >= b + 16) ?? 32
    typedPrefix = `192.168.1.${base}/28`
    typedIpv6 = inBlock(0x50n)

    const d = await openManage(page, eniId)
    await d.locator('[data-role="ipv6-cidr"]', { hasText: block64 }).waitFor()
    const v6limit = d.locator('[data-role="ipv6-limit"]')
    await v6limit.filter({ hasText: 'At most 10 IPv6 addresses' }).waitFor()
    assert.match((await v6limit.textContent()) ?? '', /Available.*0 assigned; 10 more fit\./)

    const addV6 = d.getByRole('button', { name: 'Assign IPv6 Address' })
    await addV6.click()
    await addV6.click()
    await d.getByLabel('New IPv6 1').fill(typedIpv6.toUpperCase())
    await d.getByRole('button', { name: 'Assign IPv4 Prefix' }).click()
    await d.getByLabel('New /28 prefix 1').fill(typedPrefix)
    await d.getByRole('button', { name: 'Assign IPv6 Prefix' }).click()
    assert.match((await v6limit.textContent()) ?? '', /0 assigned, 3 new; 7 more fit\./)
    await d.getByRole('button', { name: 'Modify' }).click()
    await d.getByRole('heading', { name: 'All changes were applied.' }).waitFor()
    assert.equal(await d.locator('[data-outcome="applied"]').count(), 4)

    const auto = (item: string) =>
      d.locator(`[data-item="${item}"][data-kind="automatic"] [data-role="auto-assigned"]`)
    autoIpv6 = ((await auto('ipv6').textContent()) ?? '').trim()
    autoPrefix = ((await auto('ipv6Prefix').textContent()) ?? '').trim()
    const c = parseIpv6Cidr(block64)
    assert.ok(c)
    const inside = (text: string) => {
      const p = parseIpv6Cidr(text.includes('/') ? text : `${text}/128`)
      return p !== undefined && p.network >> 64n === c.network >> 64n
    }
    assert.ok(inside(autoIpv6), `${autoIpv6} inside ${block64}`)
    assert.match(autoPrefix, /::\/80$/)
    assert.ok(inside(autoPrefix), `${autoPrefix} inside ${block64}`)

    // Listed in the dialog, and one slot each under the limits
    for (const [item, value] of [
      ['ipv6', typedIpv6],
      ['ipv6', autoIpv6],
      ['ipv4Prefix', typedPrefix],
      ['ipv6Prefix', autoPrefix],
    ] as const) {
      await section(d, item).locator(`li[data-ip="${value}"]`).waitFor()
    }
    await v6limit.filter({ hasText: '3 assigned; 7 more fit.' }).waitFor()
    await d.locator('[data-role="ip-limit"]', { hasText: '1 assigned; 9 more fit.' }).waitFor()
    await screenshot(page, 'ipv6-manage-result', false)
    await closeDialog(page, d)

    const after = await eniOf(eniId)
    assert.deepEqual(ipv6Of(after), [typedIpv6, autoIpv6].sort())
    assert.deepEqual(v4PrefixesOf(after), [typedPrefix])
    assert.deepEqual(v6PrefixesOf(after), [autoPrefix])
    const row = page.locator(`tr[data-eni-id="${eniId}"]`)
    await row.locator('[data-role="ipv6-addresses"]', { hasText: autoIpv6 }).waitFor()
    await row.locator('[data-role="ipv4-prefixes"]', { hasText: typedPrefix }).waitFor()
    await row.locator('[data-role="ipv6-prefixes"]', { hasText: autoPrefix }).waitFor()
    await screenshot(page, 'ipv6-network-interfaces')
  })

  test('refuses as you type: outside the /64, reserved, repeated, unaligned, inside a /80', async () => {
    const d = await openManage(page, eniId)
    await d.getByRole('button', { name: 'Assign IPv6 Address' }).click()
    await d.getByRole('button', { name: 'Assign IPv4 Prefix' }).click()
    await d.getByRole('button', { name: 'Assign IPv6 Prefix' }).click()
    const v6 = d.getByLabel('New IPv6 1')
    const p4 = d.getByLabel('New /28 prefix 1')
    const p6 = d.getByLabel('New /80 prefix 1')
    const modify = d.getByRole('button', { name: 'Modify' })
    const outside = `${formatIpv6((parseIpv6Cidr(block64)?.network ?? 0n) + (1n << 64n) + 5n)}`
    const expectations: ReadonlyArray<readonly [Locator, string, string]> = [
      [v6, outside, `Not inside the vSwitch's IPv6 CIDR ${block64}.`],
      [v6, inBlock(1n), `${inBlock(1n)} is reserved (the gateway)`],
      [v6, 'fe80::1::2', 'Enter an IPv6 address such as'],
      [v6, typedIpv6, `${typedIpv6} is already assigned to this ENI.`],
      [v6, `${autoPrefix.replace('::/80', '')}::9`, `is inside ${autoPrefix}, a /80 prefix`],
      [p4, '192.168.1.33/28', '192.168.1.33/28 is not aligned: a /28 starts at a multiple of 16'],
      [p4, '192.168.2.0/28', 'Not inside the IPv4 private CIDR 192.168.1.0/24.'],
      [p4, '192.168.1.0/28', 'holds 192.168.1.0, a reserved address'],
      [p4, typedPrefix, `${typedPrefix} is already assigned to this ENI.`],
      [p6, autoPrefix.replace('::/80', '::1/80'), 'is not aligned: the last 48 bits of a /80'],
      [p6, `${block64.replace('::/64', '')}:0::/80`, 'holds a reserved address'],
      [p6, `${block64.replace('::/64', '')}:0:0:0::/96`, 'An IPv6 prefix is a /80'],
    ]
    for (const [input, text, message] of expectations) {
      await input.fill(text)
      await d.getByText(message).waitFor()
      assert.equal(await input.getAttribute('aria-invalid'), 'true', text)
      assert.equal(await modify.isDisabled(), true, text)
    }
    await v6.fill(outside)
    await p4.fill('192.168.1.33/28')
    await p6.fill(autoPrefix.replace('::/80', '::1/80'))
    await screenshot(page, 'ipv6-manage-inline-errors', false)
    await closeDialog(page, d)
    // Nothing was sent.
    const eni = await eniOf(eniId)
    assert.equal(ipv6Of(eni).length, 2)
    assert.equal(v4PrefixesOf(eni).length, 1)
  })

  test('a refusal only the server knows shows its Code and Message; the row stays', async () => {
    const other = await callAs<{ NetworkInterfaceId: string }>(srv.api, 'CreateNetworkInterface', {
      VSwitchId: vswitchId,
      SecurityGroupId: sgId,
      'Ipv6Address.1': inBlock(0x99n),
    })
    assert.deepEqual(ipv6Of(await eniOf(other.NetworkInterfaceId)), [inBlock(0x99n)])
    const d = await openManage(page, eniId)
    await d.getByRole('button', { name: 'Assign IPv6 Address' }).click()
    await d.getByLabel('New IPv6 1').fill(inBlock(0x99n))
    await d.getByRole('button', { name: 'Modify' }).click()
    await d.getByRole('heading', { name: 'No change was applied.' }).waitFor()
    const failed = d.locator('[data-outcome="failed"]')
    assert.equal(
      await failed.locator('[data-role="error-code"]').textContent(),
      'InvalidIp.IpAssigned',
    )
    assert.match(
      (await failed.locator('.outcome-error').textContent()) ?? '',
      new RegExp(
        `The specified ipAddress "${inBlock(0x99n)}" is already assigned in the VSwitch\\.`,
      ),
    )
    assert.equal(await d.locator('[data-role="new-ipv6-row"]').count(), 1)
    await screenshot(page, 'ipv6-manage-server-error', false)
    await closeDialog(page, d)
    assert.equal(ipv6Of(await eniOf(eniId)).length, 2)
  })

  test('the address map counts the /28 as 16 addresses, as AvailableIpAddressCount does', async () => {
    await nav('VPCs and vSwitches')
    const vsw = page.locator(`[data-vswitch-id="${vswitchId}"]`)
    await vsw.locator('.addr-grid').waitFor()
    assert.equal(await vsw.locator('[data-count="prefix"]').textContent(), '16')
    assert.equal(await vsw.locator('.addr-prefix.addr-cell').count(), 16)
    const available = (await vswitchOf(vswitchId))?.AvailableIpAddressCount
    // 256 − 4 reserved − 2 ENI primaries − 16 in the /28
    assert.equal(available, 234)
    assert.equal(await vsw.locator('[data-count="free"]').textContent(), String(available))
    const card = page.locator('article.vsw', { has: vsw })
    assert.equal(await card.locator('[data-role="available-count"]').textContent(), '234')
    await vsw
      .locator('[data-role="ipv6-use"]', { hasText: '3 addresses and 1 /80 prefix on ENIs' })
      .waitFor()
    await screenshot(page, 'ipv6-vpcs')
  })

  test('on a narrow screen', async () => {
    const narrow = await context.newPage()
    await narrow.setViewportSize(NARROW)
    await narrow.goto(`${srv.url}/console/#/network-interfaces`)
    await narrow.locator(`tr[data-eni-id="${eniId}"]`).waitFor()
    await screenshot(narrow, 'ipv6-network-interfaces')
    const d = await openManage(narrow, eniId)
    await section(d, 'ipv6').locator(`li[data-ip="${autoIpv6}"]`).waitFor()
    await d.getByRole('button', { name: 'Assign IPv6 Address' }).click()
    await d.getByLabel('New IPv6 1').fill('2408:4000:ffff::1')
    await d.getByText(/Not inside the vSwitch's IPv6 CIDR/).waitFor()
    await screenshot(narrow, 'ipv6-manage', false)
    await d.locator('[data-role="ipv6-cidr"]').scrollIntoViewIfNeeded()
    await screenshot(narrow, 'ipv6-manage-top', false)
    await closeDialog(narrow, d)
    await narrow.goto(`${srv.url}/console/#/vpcs`)
    await narrow.locator(`[data-vswitch-id="${vswitchId}"] .addr-grid`).waitFor()
    await screenshot(narrow, 'ipv6-vpcs')
    await narrow.getByRole('button', { name: `Create vSwitch (${vpcId})` }).click()
    const c = dialog(narrow, 'Create vSwitch')
    await c.getByLabel('Enable IPv6').check()
    await c.getByText(/This vSwitch’s IPv6 CIDR/).waitFor()
    await screenshot(narrow, 'ipv6-create-vswitch', false)
    await closeDialog(narrow, c)
    await narrow.close()
  })

  test('removes the addresses and prefixes', async () => {
    await nav('Network Interfaces')
    const d = await openManage(page, eniId)
    for (const value of [typedIpv6, autoIpv6, typedPrefix, autoPrefix]) {
      await d.getByRole('button', { name: `Remove ${value}`, exact: true }).click()
      await d.locator(`li[data-ip="${value}"]`, { hasText: 'Will be removed' }).waitFor()
    }
    await d
      .locator('[data-role="ipv6-limit"]', { hasText: '3 assigned, 3 to remove; 10 more fit.' })
      .waitFor()
    await d.getByRole('button', { name: 'Modify' }).click()
    await d.getByRole('heading', { name: 'All changes were applied.' }).waitFor()
    assert.deepEqual(await d.locator('[data-outcome="applied"] .outcome-call').allTextContents(), [
      'UnassignPrivateIpAddresses',
      'UnassignIpv6Addresses',
      'UnassignIpv6Addresses',
    ])
    await section(d, 'ipv6').getByText('No IPv6 address yet.').waitFor()
    await section(d, 'ipv4Prefix').getByText('No IPv4 prefix yet.').waitFor()
    await section(d, 'ipv6Prefix').getByText('No IPv6 prefix yet.').waitFor()
    await closeDialog(page, d)
    const eni = await eniOf(eniId)
    assert.deepEqual(ipv6Of(eni), [])
    assert.deepEqual(v4PrefixesOf(eni), [])
    assert.deepEqual(v6PrefixesOf(eni), [])
  })

  test('attached, the IPv6 cap is the instance type’s EniIpv6AddressQuantity', async () => {
    const run = await callAs<{ InstanceIdSets: Wrapped<'InstanceIdSet', string> }>(
      srv.api,
      'RunInstances',
      {
        InstanceType: 'ecs.g7.large',
        ImageId: 'ubuntu_22_04_x64_20G_alibase_20240926.vhd',
        VSwitchId: vswitchId,
        SecurityGroupId: sgId,
      },
    )
    const instanceId = run.InstanceIdSets.InstanceIdSet[0] ?? ''
    await waitFor(
      'the instance',
      () =>
        callAs<{ Instances: Wrapped<'Instance', { Status: string }> }>(
          srv.api,
          'DescribeInstances',
          { InstanceIds: JSON.stringify([instanceId]) },
        ),
      (r) => r.Instances.Instance[0]?.Status === 'Running',
    )
    await callAs(srv.api, 'AttachNetworkInterface', {
      NetworkInterfaceId: eniId,
      InstanceId: instanceId,
    })
    await waitForStatus(srv.api, eniId, 'InUse')
    await page.getByRole('button', { name: 'Refresh' }).click()
    await page.locator(`tr[data-eni-id="${eniId}"][data-status="InUse"]`).waitFor()
    const d = await openManage(page, eniId)
    const v6limit = d.locator('[data-role="ipv6-limit"]')
    await v6limit.filter({ hasText: 'At most 6 IPv6 addresses' }).waitFor()
    assert.match(
      (await v6limit.textContent()) ?? '',
      new RegExp(
        `attached to ${instanceId}, an ecs\\.g7\\.large, whose EniIpv6AddressQuantity is 6\\. 0 assigned; 6 more fit\\.`,
      ),
    )
    const add = d.getByRole('button', { name: 'Assign IPv6 Address' })
    for (let i = 0; i < 5; i++) await add.click()
    await d.getByRole('button', { name: 'Assign IPv6 Prefix' }).click()
    assert.equal(await add.isDisabled(), true, 'a /80 takes the sixth slot')
    await closeDialog(page, d)
  })

  test('an ENI in a vSwitch without IPv6 is told why it has none', async () => {
    const { VSwitchId: plainVsw } = await callAs<{ VSwitchId: string }>(srv.api, 'CreateVSwitch', {
      VpcId: vpcId,
      ZoneId: ZONE,
      CidrBlock: '192.168.2.0/24',
      VSwitchName: 'v4-only',
    })
    await waitFor(
      'the IPv4-only vSwitch',
      () => vswitchOf(plainVsw),
      (v) => v?.Status === 'Available',
    )
    const plain = await callAs<{ NetworkInterfaceId: string }>(srv.api, 'CreateNetworkInterface', {
      VSwitchId: plainVsw,
      SecurityGroupId: sgId,
      NetworkInterfaceName: 'v4-eni',
    })
    await page.getByRole('button', { name: 'Refresh' }).click()
    await page.locator(`tr[data-eni-id="${plain.NetworkInterfaceId}"]`).waitFor()
    const d = await openManage(page, plain.NetworkInterfaceId)
    const notice = d.locator('[data-role="no-ipv6"]')
    await notice.filter({ hasText: `The vSwitch ${plainVsw} has no IPv6 CIDR` }).waitFor()
    assert.equal(await d.locator('[data-role="ipv6-cidr"]').textContent(), 'none')
    assert.equal(await d.getByRole('button', { name: 'Assign IPv6 Address' }).count(), 0)
    assert.equal(await d.locator('[data-section="ipv6"]').isVisible(), false)
    // IPv4 /28s are still offered there
    await d.getByRole('button', { name: 'Assign IPv4 Prefix' }).waitFor()
    await screenshot(page, 'ipv6-manage-no-ipv6', false)
    await closeDialog(page, d)
  })
})
