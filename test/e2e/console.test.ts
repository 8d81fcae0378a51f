// The web console in a real Chromium: the product document's walk (Network Interfaces → Manage
// Secondary Private IP Address → Assign New IP → Modify → read the addresses), checked in the UI
// and through the signed API, plus validation, partial failures, attach/detach, the guest
// configuration, the other pages, keyboard use and the cross-site guard.
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
import {
  describeEni,
  secondaryIps,
  seedWorld,
  VSWITCH_CIDR,
  type ConsoleWorld,
} from './support/console-world.js'
import { consoleCall, freeAddress, signedInCookie, waitForStatus } from './support/console-steps.js'

let srv: ConsoleServer
let world: ConsoleWorld
let browser: Browser
let context: BrowserContext
let page: Page
let eniId = ''
let typedIp = ''
let autoIp = ''

const MANAGE = 'Manage Secondary Private IP Address'
const row = (): Locator => page.locator(`tr[data-eni-id="${eniId}"]`)
const dialog = (name: string): Locator => page.getByRole('dialog', { name })

async function openManageDialog(): Promise<Locator> {
  await row()
    .getByRole('button', { name: `${MANAGE} (${eniId})` })
    .click()
  const d = dialog(MANAGE)
  await d.locator('[data-role="cidr"]', { hasText: VSWITCH_CIDR }).waitFor()
  return d
}

before(async () => {
  srv = await startConsoleServer()
  world = await seedWorld(srv.api)
  browser = await launchChromium()
  context = await browser.newContext({ viewport: WIDE })
  page = await context.newPage()
  page.setDefaultTimeout(10_000)
})

after(async () => {
  await context?.close()
  await browser?.close()
  await srv?.close()
})

describe('web console', () => {
  test('signs in with an AccessKey pair; a wrong secret is refused with its Code', async () => {
    await page.goto(`${srv.url}/console`)
    await page.getByLabel('AccessKey ID').fill(CONSOLE_ACCESS_KEY_ID)
    await page.getByLabel('AccessKey secret').fill('wrong-secret')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').filter({ hasText: 'SignatureDoesNotMatch' }).waitFor()
    await screenshot(page, 'sign-in-error')
    await page.getByLabel('AccessKey secret').fill(CONSOLE_ACCESS_KEY_SECRET)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Network Interfaces' }).waitFor()
    const cookie = (await context.cookies()).find((c) => c.name === 'eniplane_console')
    assert.ok(cookie)
    assert.equal(cookie.httpOnly, true)
    assert.equal(cookie.sameSite, 'Strict')
    assert.equal(cookie.path, '/console')
    assert.equal(await page.evaluate('document.cookie'), '')
  })

  test('creates an ENI through the Create ENI dialog', async () => {
    await page.getByRole('button', { name: 'Create ENI' }).click()
    const d = dialog('Create ENI')
    await d.getByLabel('vSwitch').selectOption(world.vswitchId)
    await d.getByLabel('Security group').selectOption(world.securityGroupId)
    await d.getByLabel('Primary private IP (optional)').fill('10.9.9.9')
    await d.getByText(`Not inside the IPv4 private CIDR ${VSWITCH_CIDR}.`).waitFor()
    await d.getByLabel('Primary private IP (optional)').fill('')
    await d.getByLabel('Name (optional)').fill('console-eni')
    await d.getByRole('button', { name: 'Create', exact: true }).click()
    await d.waitFor({ state: 'detached' })
    const created = page.locator('tr', { hasText: 'console-eni' })
    await created.waitFor()
    eniId = (await created.getAttribute('data-eni-id')) ?? ''
    assert.match(eniId, /^eni-/)
    assert.equal(await row().getAttribute('data-status'), 'Available')
    await screenshot(page, 'network-interfaces')
  })

  test('Assign New IP twice (one typed, one blank), Modify, and read both addresses', async () => {
    typedIp = await freeAddress(srv.api, world.vswitchId, 50)
    const d = await openManageDialog()
    const assignNew = d.getByRole('button', { name: 'Assign New IP' })
    await assignNew.click()
    await assignNew.click()
    assert.equal(await d.locator('[data-role="new-ip-row"]').count(), 2)
    await d.getByLabel('New IP 1').fill(typedIp)
    await d.getByRole('button', { name: 'Modify' }).click()
    await d.getByRole('heading', { name: 'All changes were applied.' }).waitFor()
    autoIp = ((await d.locator('[data-role="auto-assigned"]').textContent()) ?? '').trim()
    assert.match(autoIp, /^192\.168\.1\.\d+$/)
    await d.locator(`li[data-ip="${typedIp}"]`).waitFor()
    await d.locator(`li[data-ip="${autoIp}"]`).waitFor()
    await screenshot(page, 'manage-ips-result', false)
    await d.getByRole('button', { name: 'Close', exact: true }).click()
    await row().locator('[data-role="secondary-ips"]', { hasText: autoIp }).waitFor()
    const shown = await row().locator('[data-role="secondary-ips"] li').allTextContents()
    assert.deepEqual(shown.sort(), [autoIp, typedIp].sort())
    assert.deepEqual(secondaryIps(await describeEni(srv.api, eniId)), [autoIp, typedIp].sort())
  })

  test('attaches to the instance, shows Attaching, and settles InUse', async () => {
    await row()
      .getByRole('button', { name: `Attach (${eniId})` })
      .click()
    const d = dialog('Attach network interface')
    await d.getByLabel('Instance').selectOption(world.instanceId)
    await d.getByRole('button', { name: 'Attach', exact: true }).click()
    await page.locator(`tr[data-eni-id="${eniId}"][data-status="Attaching"] .spinner`).waitFor()
    await screenshot(page, 'attaching')
    await page.locator(`tr[data-eni-id="${eniId}"][data-status="InUse"]`).waitFor()
    assert.equal((await describeEni(srv.api, eniId))?.Status, 'InUse')
    assert.match((await row().textContent()) ?? '', new RegExp(world.instanceId))
  })

  test('renders the guest configuration for the attached ENI, netplan first for Ubuntu', async () => {
    await row()
      .getByRole('button', { name: `Guest config (${eniId})` })
      .click()
    const d = dialog('Guest configuration')
    const selected = d.getByRole('tab', { selected: true })
    await selected.waitFor()
    assert.equal(await selected.textContent(), 'netplan')
    const panel = d.getByRole('tabpanel')
    await panel.getByText(autoIp).first().waitFor()
    await screenshot(page, 'guest-config', false)
    await selected.press('ArrowLeft')
    assert.equal(await d.getByRole('tab', { selected: true }).textContent(), 'sles')
    await panel
      .getByText(/IPADDR_/)
      .first()
      .waitFor()
    await page.keyboard.press('Escape')
    await d.waitFor({ state: 'detached' })
  })

  test('marks an address for removal and Modify unassigns it', async () => {
    const d = await openManageDialog()
    await d.getByRole('button', { name: `Remove ${typedIp}` }).click()
    await d.locator(`li[data-ip="${typedIp}"]`, { hasText: 'Will be removed' }).waitFor()
    await d.getByRole('button', { name: 'Modify' }).click()
    await d.getByRole('heading', { name: 'All changes were applied.' }).waitFor()
    await d.locator(`li[data-ip="${typedIp}"]`).waitFor({ state: 'detached' })
    assert.deepEqual(secondaryIps(await describeEni(srv.api, eniId)), [autoIp])
    await page.keyboard.press('Escape')
    await d.waitFor({ state: 'detached' })
  })

  test('checks addresses as you type, and reports a server error step by step', async () => {
    const d = await openManageDialog()
    await d.getByRole('button', { name: 'Assign New IP' }).click()
    const input = d.getByLabel('New IP 1')
    const modify = d.getByRole('button', { name: 'Modify' })
    await input.fill('10.0.0.5')
    await d.getByText(`Not inside the IPv4 private CIDR ${VSWITCH_CIDR}.`).waitFor()
    assert.equal(await input.getAttribute('aria-invalid'), 'true')
    assert.equal(await modify.isDisabled(), true)
    await input.fill('192.168.1.254')
    await d.getByText(/is reserved/).waitFor()
    await input.fill(autoIp)
    await d.getByText(/already assigned to this ENI/).waitFor()
    await screenshot(page, 'manage-ips-inline-error', false)
    // Taken by the instance's primary ENI: only the server knows, so the call fails.
    await input.fill(world.instancePrimaryIp)
    await d.getByRole('button', { name: `Remove ${autoIp}` }).click()
    await d.getByRole('button', { name: 'Assign New IP' }).click()
    await modify.click()
    await d.getByRole('heading', { name: /1 of 3 steps were applied/ }).waitFor()
    assert.equal(await d.locator('[data-outcome="applied"]').count(), 1)
    assert.equal(await d.locator('[data-outcome="failed"]').count(), 1)
    assert.equal(await d.locator('[data-outcome="not-applied"]').count(), 1)
    assert.equal(await d.locator('[data-role="error-code"]').textContent(), 'InvalidIp.IpAssigned')
    assert.equal(await d.locator('[data-role="new-ip-row"]').count(), 2)
    await screenshot(page, 'manage-ips-server-error', false)
    assert.deepEqual(secondaryIps(await describeEni(srv.api, eniId)), [])
    await page.keyboard.press('Escape')
    await d.waitFor({ state: 'detached' })
  })

  test('a dialog takes focus, closes on Escape and gives focus back', async () => {
    const opener = row().getByRole('button', { name: `${MANAGE} (${eniId})` })
    await opener.focus()
    await page.keyboard.press('Enter')
    const d = dialog(MANAGE)
    await d.waitFor()
    assert.equal(
      await page.evaluate(
        'document.querySelector("dialog[open]").contains(document.activeElement)',
      ),
      true,
    )
    await page.keyboard.press('Escape')
    await d.waitFor({ state: 'detached' })
    assert.equal(
      await page.evaluate('document.activeElement?.getAttribute("aria-label")'),
      `${MANAGE} (${eniId})`,
    )
  })

  test('detaches and watches Detaching settle to Available', async () => {
    await row()
      .getByRole('button', { name: `Detach (${eniId})` })
      .click()
    await dialog('Detach network interface').getByRole('button', { name: 'Detach' }).click()
    await page.locator(`tr[data-eni-id="${eniId}"][data-status="Detaching"]`).waitFor()
    await page.locator(`tr[data-eni-id="${eniId}"][data-status="Available"]`).waitFor()
    await waitForStatus(srv.api, eniId, 'Available')
  })

  test('refuses cross-site and session-less calls with the API error envelope', async () => {
    const cookie = await signedInCookie(context)
    const call = { Action: 'DescribeNetworkInterfaces', Params: { RegionId: 'cn-hangzhou' } }
    const ok = await consoleCall(srv.url, call, { cookie })
    assert.equal(ok.status, 200)
    const crossSite = [
      { cookie, origin: 'http://evil.example' },
      { cookie, 'sec-fetch-site': 'cross-site' },
      { cookie, 'content-type': 'text/plain' },
    ]
    for (const headers of crossSite) {
      const res = await consoleCall(srv.url, call, headers)
      assert.equal(res.status, 403)
      assert.equal(res.body['Code'], 'Forbidden.CrossSite')
      assert.ok(typeof res.body['RequestId'] === 'string' && typeof res.body['HostId'] === 'string')
    }
    const noSession = await consoleCall(srv.url, call, {})
    assert.equal(noSession.status, 403)
    assert.equal(noSession.body['Code'], 'Forbidden.Session')
    const apiError = await consoleCall(
      srv.url,
      {
        Action: 'DescribeNetworkInterfaceAttribute',
        Params: { RegionId: 'cn-hangzhou', NetworkInterfaceId: 'eni-missing' },
      },
      { cookie },
    )
    assert.equal(apiError.status, 404)
    assert.equal(apiError.body['Code'], 'InvalidEniId.NotFound')
  })

  test('shows instances and each vSwitch address space', async () => {
    await page.getByRole('link', { name: 'Instances' }).click()
    const instance = page.locator(`tr[data-instance-id="${world.instanceId}"]`)
    await instance.waitFor()
    assert.equal(await instance.getAttribute('data-status'), 'Running')
    await screenshot(page, 'instances')
    await page.getByRole('link', { name: 'VPCs and vSwitches' }).click()
    const vsw = page.locator(`[data-vswitch-id="${world.vswitchId}"]`)
    await vsw.locator('.addr-grid').waitFor()
    assert.equal(await vsw.locator('.addr-cell').count(), 256)
    assert.equal(await vsw.locator('[data-count="reserved"]').textContent(), '4')
    assert.equal(await vsw.locator('[data-count="primary"]').textContent(), '2')
    assert.equal(await vsw.locator('[data-count="secondary"]').textContent(), '0')
    await screenshot(page, 'vpcs')
  })

  test('works on a narrow screen', async () => {
    const narrow = await context.newPage()
    await narrow.setViewportSize(NARROW)
    await narrow.goto(`${srv.url}/console/#/network-interfaces`)
    await narrow.locator(`tr[data-eni-id="${eniId}"]`).waitFor()
    await screenshot(narrow, 'network-interfaces')
    await narrow
      .locator(`tr[data-eni-id="${eniId}"]`)
      .getByRole('button', { name: `${MANAGE} (${eniId})` })
      .click()
    const d = narrow.getByRole('dialog', { name: MANAGE })
    await d.getByRole('button', { name: 'Assign New IP' }).click()
    await d.getByLabel('New IP 1').fill('192.168.2.1')
    await d.getByText(/Not inside the IPv4 private CIDR/).waitFor()
    await screenshot(narrow, 'manage-ips', false)
    await narrow.keyboard.press('Escape')
    await narrow.goto(`${srv.url}/console/#/vpcs`)
    await narrow.locator('.addr-grid').waitFor()
    await screenshot(narrow, 'vpcs')
    await narrow.getByRole('button', { name: 'Sign out' }).click()
    await narrow.getByRole('heading', { name: 'Sign in to the console' }).waitFor()
    await screenshot(narrow, 'sign-in')
    await narrow.close()
  })
})
