// A brand-new account's first hour, all in the console (issue 12): sign in, Create VPC, Create
// vSwitch, Create Security Group, Create Instance ×2, Create ENI, typed and automatic secondary
// addresses under the limit the Manage dialog shows, attach, fail over to the standby, and clean
// everything up again. Screenshots at 1280×800 and 390×844 go to test-results/console/first-*;
// tables must fit both widths without scrolling.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { launchChromium, NARROW, screenshot, WIDE } from './support/console-browser.js'
import {
  CONSOLE_ACCESS_KEY_ID,
  CONSOLE_ACCESS_KEY_SECRET,
  startConsoleServer,
  type ConsoleServer,
} from './support/console-server.js'
import { callAs, describeEni, secondaryIps } from './support/console-world.js'

let srv: ConsoleServer
let browser: Browser
let context: BrowserContext
let page: Page
let narrow: Page
const loadFailures: string[] = []
let vpcId = ''
let vswitchId = ''
let sgId = ''
let active = ''
let standby = ''
let eniId = ''
let typedIp = ''

const MANAGE = 'Manage Secondary Private IP Address'
const dialog = (name: string): Locator => page.getByRole('dialog', { name })
const eniRow = (): Locator => page.locator(`tr[data-eni-id="${eniId}"]`)
const nav = (name: string) => page.getByRole('link', { name, exact: true }).click()

/** Screenshots of the wide page, and of the same route on the narrow page. */
async function both(name: string, ready?: (p: Page) => Promise<unknown>): Promise<void> {
  await screenshot(page, `first-${name}`)
  const hash = new URL(page.url()).hash
  // A fresh document each time (a hash-only change would keep the old one).
  await narrow.goto('about:blank')
  await narrow.goto(`${srv.url}/console/${hash}`)
  await narrow.locator('main.content h1').waitFor()
  if (ready !== undefined) await ready(narrow)
  await narrow.waitForLoadState('networkidle')
  await screenshot(narrow, `first-${name}`)
  const overflow = await narrow.evaluate(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  )
  assert.equal(overflow, 0, `${name} at 390 px is wider than the screen`)
}

/** At 1280 px the table's box holds all of it: no column cut or scrolled out of view. */
async function tableFits(selector: string): Promise<void> {
  const [scroll, client] = await page.evaluate<[number, number]>(
    `(() => { const t = document.querySelector(${JSON.stringify(selector)}); const box = t.closest('.table-scroll') ?? t.parentElement; return [t.scrollWidth, box.clientWidth] })()`,
  )
  assert.ok(scroll <= client, `${selector} is ${scroll} px wide in a ${client} px box`)
}

before(async () => {
  srv = await startConsoleServer()
  browser = await launchChromium()
  context = await browser.newContext({ viewport: WIDE })
  page = await context.newPage()
  page.setDefaultTimeout(15_000)
  narrow = await context.newPage()
  await narrow.setViewportSize(NARROW)
  narrow.setDefaultTimeout(15_000)
})

after(async () => {
  await context?.close()
  await browser?.close()
  await srv?.close()
})

describe('a new account, from sign-in to clean-up, in the console', () => {
  test('the first visit loads without an error response or a missing icon', async () => {
    page.on('response', (res) => {
      if (res.status() >= 400) loadFailures.push(`${res.status()} ${res.url()}`)
    })
    page.on('console', (msg) => {
      if (msg.type() === 'error') loadFailures.push(`console: ${msg.text()}`)
    })
    await page.goto(`${srv.url}/console`)
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor()
    await page.waitForLoadState('networkidle')
    assert.deepEqual(loadFailures, [])
    assert.match((await page.locator('link[rel="icon"]').getAttribute('href')) ?? '', /^data:/)
  })

  test('a wrong secret reads as advice, then the right one signs in', async () => {
    await page.getByLabel('AccessKey ID').fill(CONSOLE_ACCESS_KEY_ID)
    await page.getByLabel('AccessKey secret').fill('not-the-secret')
    await page.getByRole('button', { name: 'Sign in' }).click()
    const alert = page.getByRole('alert')
    await alert.filter({ hasText: 'does not belong to this AccessKey ID' }).waitFor()
    assert.match(
      (await alert.textContent()) ?? '',
      /Copy AccessKeySecret from \.eniplane\/credentials/,
    )
    assert.equal(
      await alert.locator('[data-role="error-code"]').textContent(),
      'SignatureDoesNotMatch',
    )
    await screenshot(page, 'first-sign-in-error')
    await narrow.goto(`${srv.url}/console`)
    await narrow.getByLabel('AccessKey ID').fill(CONSOLE_ACCESS_KEY_ID)
    await narrow.getByLabel('AccessKey secret').fill('not-the-secret')
    await narrow.getByRole('button', { name: 'Sign in' }).click()
    await narrow.getByRole('alert').filter({ hasText: 'does not belong' }).waitFor()
    await screenshot(narrow, 'first-sign-in-error')
    await page.getByLabel('AccessKey secret').fill(CONSOLE_ACCESS_KEY_SECRET)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Network Interfaces' }).waitFor()
  })

  test('every empty page says what to do next, with the button', async () => {
    const empty = page.locator('.empty')
    await empty.filter({ hasText: 'No network interfaces in this region yet' }).waitFor()
    await empty.getByRole('button', { name: 'Create ENI' }).waitFor()
    await both('empty-network-interfaces', (p) => p.locator('.empty').waitFor())
    await nav('Instances')
    await empty.filter({ hasText: 'No instances in this region yet' }).waitFor()
    await empty.getByRole('button', { name: 'Create Instance' }).waitFor()
    await nav('Security Groups')
    await empty.filter({ hasText: 'Create VPC on the VPCs and vSwitches page first' }).waitFor()
    await page.getByRole('link', { name: 'Go to VPCs and vSwitches' }).click()
    await empty.filter({ hasText: 'No VPC in this region yet' }).waitFor()
    await both('empty-vpcs', (p) => p.locator('.empty').waitFor())
  })

  test('Create VPC, then Create vSwitch in it', async () => {
    await page.locator('.empty').getByRole('button', { name: 'Create VPC' }).click()
    const d = dialog('Create VPC')
    assert.equal(await d.getByLabel('IPv4 CIDR block').inputValue(), '192.168.0.0/16')
    await d.getByLabel('VPC name').fill('first-vpc')
    await screenshot(page, 'first-create-vpc', false)
    await d.getByRole('button', { name: 'Create VPC' }).click()
    await d.waitFor({ state: 'detached' })
    const card = page.locator('section.vpc-card', { hasText: 'first-vpc' })
    await card.locator('header [data-status="Available"]').waitFor()
    vpcId = ((await card.getAttribute('aria-label')) ?? '').replace('VPC ', '')
    assert.match(vpcId, /^vpc-/)
    await card.getByRole('button', { name: `Create vSwitch (${vpcId})` }).click()
    const v = dialog('Create vSwitch')
    await v.getByLabel('Zone').selectOption('cn-hangzhou-h')
    const cidr = v.getByLabel('IPv4 CIDR block')
    await v
      .locator('select option', { hasText: 'first-vpc' })
      .first()
      .waitFor({ state: 'attached' })
    for (let i = 0; i < 50 && (await cidr.inputValue()) === ''; i++) await page.waitForTimeout(100)
    assert.equal(await cidr.inputValue(), '192.168.1.0/24')
    await v.getByLabel('vSwitch name').fill('first-vsw')
    await screenshot(page, 'first-create-vswitch', false)
    await v.getByRole('button', { name: 'Create vSwitch' }).click()
    await v.waitFor({ state: 'detached' })
    const vsw = page.locator('article.vsw', { hasText: 'first-vsw' })
    await vsw.locator('[data-status="Available"]').waitFor()
    vswitchId = (await vsw.locator('h3').textContent()) ?? ''
    assert.match(vswitchId, /^vsw-/)
    await both('vpcs', (p) => p.locator('article.vsw').waitFor())
  })

  test('Create Security Group', async () => {
    await nav('Security Groups')
    await page.locator('.empty').getByRole('button', { name: 'Create Security Group' }).click()
    const d = dialog('Create Security Group')
    await d.getByLabel('VPC').selectOption(vpcId)
    await d.getByLabel('Security group name').fill('first-sg')
    await d.getByRole('button', { name: 'Create Security Group' }).click()
    await d.waitFor({ state: 'detached' })
    const row = page.locator('tr', { hasText: 'first-sg' })
    await row.waitFor()
    sgId = (await row.getAttribute('data-security-group-id')) ?? ''
    assert.match(sgId, /^sg-/)
    await both('security-groups', (p) => p.locator('tr[data-security-group-id]').waitFor())
  })

  test('Create Instance ×2: the active one and the standby', async () => {
    await nav('Instances')
    await page.locator('.empty').getByRole('button', { name: 'Create Instance' }).click()
    const d = dialog('Create Instance')
    await d.getByLabel('vSwitch').selectOption(vswitchId)
    await d.getByLabel('Security group').selectOption(sgId)
    await d.getByLabel('Image').selectOption('ubuntu_22_04_x64_20G_alibase_20240926.vhd')
    assert.equal(await d.getByLabel('Instance type').inputValue(), 'ecs.g7.large')
    assert.match(
      (await d.getByLabel('Instance type').locator('option:checked').textContent()) ?? '',
      /6 private IPs per ENI/,
    )
    await d.getByLabel('Instance name').fill('web')
    await d.getByLabel('Quantity').fill('2')
    await screenshot(page, 'first-create-instance', false)
    await narrow.goto('about:blank')
    await narrow.goto(`${srv.url}/console/#/instances`)
    await narrow.locator('.empty').getByRole('button', { name: 'Create Instance' }).click()
    await narrow
      .getByRole('dialog', { name: 'Create Instance' })
      .getByLabel('Image')
      .locator('option')
      .nth(1)
      .waitFor({ state: 'attached' })
    await screenshot(narrow, 'first-create-instance', false)
    await narrow.keyboard.press('Escape')
    await d.getByRole('button', { name: 'Create Instance' }).click()
    await d.waitFor({ state: 'detached' })
    const running = page.locator('tr[data-instance-id][data-status="Running"]')
    await running.nth(1).waitFor()
    const ids = [
      (await running.nth(0).getAttribute('data-instance-id')) ?? '',
      (await running.nth(1).getAttribute('data-instance-id')) ?? '',
    ]
    const sorted = ids.sort()
    active = sorted[0] ?? ''
    standby = sorted[1] ?? ''
    assert.match(active, /^i-/)
    assert.match(standby, /^i-/)
    await tableFits('table.data-table')
    const id = page.locator(`tr[data-instance-id="${active}"] td[data-label="Instance"] .mono`)
    const clipped = await id.evaluate((el) => el.scrollWidth > el.clientWidth + 1)
    assert.equal(clipped, false, 'the instance ID is shown whole')
    await both('instances', (p) => p.locator('tr[data-instance-id]').first().waitFor())
  })

  test('Create ENI; the Manage dialog shows the Available limit and stops at it', async () => {
    await nav('Network Interfaces')
    await page.locator('.page-actions').getByRole('button', { name: 'Create ENI' }).click()
    const c = dialog('Create ENI')
    await c.getByLabel('vSwitch').selectOption(vswitchId)
    await c.getByLabel('Security group').selectOption(sgId)
    await c.getByLabel('Name (optional)').fill('floating')
    await c.getByRole('button', { name: 'Create', exact: true }).click()
    await c.waitFor({ state: 'detached' })
    const created = page.locator('tr', { hasText: 'floating' })
    await created.waitFor()
    eniId = (await created.getAttribute('data-eni-id')) ?? ''
    await eniRow()
      .getByRole('button', { name: `${MANAGE} (${eniId})` })
      .click()
    const d = dialog(MANAGE)
    const limit = d.locator('[data-role="ip-limit"]')
    await limit.filter({ hasText: 'At most 10 secondary private IP addresses' }).waitFor()
    assert.match(
      (await limit.textContent()) ?? '',
      /Available.*quota profile seed.*0 assigned; 10 more fit\./,
    )
    const add = d.getByRole('button', { name: 'Assign New IP' })
    for (let i = 0; i < 10; i++) await add.click()
    assert.equal(await add.isDisabled(), true, 'no eleventh row is offered')
    assert.equal(await d.locator('[data-role="new-ip-row"]').count(), 10)
    assert.match((await limit.textContent()) ?? '', /10 new; No more fit/)
    await screenshot(page, 'first-manage-limit', false)
    for (let i = 10; i > 2; i--) {
      await d.getByRole('button', { name: `Remove new IP row ${i}` }).click()
    }
    typedIp = '192.168.1.50'
    await d.getByLabel('New IP 1').fill(typedIp)
    await d.getByRole('button', { name: 'Modify' }).click()
    await d.getByRole('heading', { name: 'All changes were applied.' }).waitFor()
    await limit.filter({ hasText: '2 assigned; 8 more fit.' }).waitFor()
    await page.keyboard.press('Escape')
    await d.waitFor({ state: 'detached' })
    const shown = await eniRow().locator('[data-role="secondary-ips"] li').allTextContents()
    assert.equal(shown.length, 2)
    assert.deepEqual(
      shown,
      [...shown].sort((a, b) => Number(a.split('.')[3]) - Number(b.split('.')[3])),
    )
    assert.ok(shown.includes(typedIp))
  })

  test('attached to the active instance, the limit is its type’s', async () => {
    await eniRow()
      .getByRole('button', { name: `Attach (${eniId})` })
      .click()
    const a = dialog('Attach network interface')
    await a.getByLabel('Instance').selectOption(active)
    await a.getByRole('button', { name: 'Attach', exact: true }).click()
    await page.locator(`tr[data-eni-id="${eniId}"][data-status="InUse"]`).waitFor()
    await tableFits('table.eni-table')
    await both('network-interfaces', (p) => p.locator(`tr[data-eni-id="${eniId}"]`).waitFor())
    await eniRow()
      .getByRole('button', { name: `${MANAGE} (${eniId})` })
      .click()
    const d = dialog(MANAGE)
    const limit = d.locator('[data-role="ip-limit"]')
    await limit.filter({ hasText: 'At most 5 secondary' }).waitFor()
    assert.match(
      (await limit.textContent()) ?? '',
      new RegExp(
        `attached to ${active}, an ecs\\.g7\\.large, which allows 6 private IP addresses per ENI, primary included.*2 assigned; 3 more fit\\.`,
      ),
    )
    const add = d.getByRole('button', { name: 'Assign New IP' })
    for (let i = 0; i < 3; i++) await add.click()
    assert.equal(await add.isDisabled(), true)
    await screenshot(page, 'first-manage-inuse', false)
    await narrow.goto('about:blank')
    await narrow.goto(`${srv.url}/console/#/network-interfaces`)
    await narrow
      .locator(`tr[data-eni-id="${eniId}"]`)
      .getByRole('button', { name: `${MANAGE} (${eniId})` })
      .click()
    await narrow
      .getByRole('dialog', { name: MANAGE })
      .locator('[data-role="ip-limit"]')
      .filter({ hasText: 'At most 5' })
      .waitFor()
    await screenshot(narrow, 'first-manage-inuse', false)
    await narrow.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await d.waitFor({ state: 'detached' })
  })

  test('fails over to the standby with its addresses', async () => {
    const before = secondaryIps(await describeEni(srv.api, eniId))
    await eniRow()
      .getByRole('button', { name: `Detach (${eniId})` })
      .click()
    await dialog('Detach network interface').getByRole('button', { name: 'Detach' }).click()
    await page.locator(`tr[data-eni-id="${eniId}"][data-status="Available"]`).waitFor()
    const notices = await page.locator('.notices').textContent()
    assert.doesNotMatch(notices ?? '', /Detaching/, 'no notice claims a state that has passed')
    await eniRow()
      .getByRole('button', { name: `Attach (${eniId})` })
      .click()
    const a = dialog('Attach network interface')
    await a.getByLabel('Instance').selectOption(standby)
    await a.getByRole('button', { name: 'Attach', exact: true }).click()
    await page.locator(`tr[data-eni-id="${eniId}"][data-status="InUse"]`).waitFor()
    assert.match((await eniRow().textContent()) ?? '', new RegExp(standby))
    assert.deepEqual(secondaryIps(await describeEni(srv.api, eniId)), before)
    await nav('Instances')
    await page.locator(`tr[data-instance-id="${standby}"]`, { hasText: eniId }).waitFor()
    await both('instances-failover', (p) =>
      p.locator(`tr[data-instance-id="${standby}"]`).waitFor(),
    )
  })

  test('cleans up: the ENI, both instances, the group, the vSwitch and the VPC', async () => {
    await nav('Network Interfaces')
    await eniRow()
      .getByRole('button', { name: `Detach (${eniId})` })
      .click()
    await dialog('Detach network interface').getByRole('button', { name: 'Detach' }).click()
    await page.locator(`tr[data-eni-id="${eniId}"][data-status="Available"]`).waitFor()
    await eniRow()
      .getByRole('button', { name: `Delete (${eniId})` })
      .click()
    await dialog('Delete network interface').getByRole('button', { name: 'Delete' }).click()
    await eniRow().waitFor({ state: 'detached' })

    await nav('Instances')
    for (const id of [active, standby]) {
      await page
        .locator(`tr[data-instance-id="${id}"]`)
        .getByRole('button', { name: `Release (${id})` })
        .click()
      await dialog('Release instance').getByRole('button', { name: 'Release' }).click()
      await page.locator(`tr[data-instance-id="${id}"]`).waitFor({ state: 'detached' })
    }
    await page.locator('.empty').getByRole('button', { name: 'Create Instance' }).waitFor()

    await nav('Security Groups')
    await page.getByRole('button', { name: `Delete (${sgId})` }).click()
    await dialog('Delete security group').getByRole('button', { name: 'Delete' }).click()
    await page.locator('.empty').waitFor()

    await nav('VPCs and vSwitches')
    await page.getByRole('button', { name: `Delete (${vswitchId})` }).click()
    await dialog('Delete vSwitch').getByRole('button', { name: 'Delete' }).click()
    await page.locator(`[data-vswitch-id="${vswitchId}"]`).waitFor({ state: 'detached' })
    await page.getByRole('button', { name: `Delete (${vpcId})` }).click()
    await dialog('Delete VPC').getByRole('button', { name: 'Delete' }).click()
    await page.locator('.empty').filter({ hasText: 'No VPC in this region yet' }).waitFor()

    const left = await Promise.all([
      callAs<{ TotalCount: number }>(srv.api, 'DescribeVpcs'),
      callAs<{ TotalCount: number }>(srv.api, 'DescribeSecurityGroups'),
      callAs<{ Instances: { Instance: unknown[] } }>(srv.api, 'DescribeInstances'),
      callAs<{ NetworkInterfaceSets: { NetworkInterfaceSet: unknown[] } }>(
        srv.api,
        'DescribeNetworkInterfaces',
      ),
    ])
    assert.deepEqual(
      [
        left[0].TotalCount,
        left[1].TotalCount,
        left[2].Instances.Instance.length,
        left[3].NetworkInterfaceSets.NetworkInterfaceSet.length,
      ],
      [0, 0, 0, 0],
    )
    await both('clean', (p) => p.locator('.empty').waitFor())
  })
})
