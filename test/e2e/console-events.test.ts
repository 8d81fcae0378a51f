// The console's Events page in a real Chromium: an injected failure and a success appear with
// their Code, outcome and AccessKey; the Action filter narrows the list; the fault rules in force
// are listed with their counters for the bootstrap account.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { RpcError } from '../../src/client/rpc-error.js'
import { launchChromium, screenshot, WIDE } from './support/console-browser.js'
import {
  CONSOLE_ACCESS_KEY_ID,
  CONSOLE_ACCESS_KEY_SECRET,
  startConsoleServer,
  type ConsoleServer,
} from './support/console-server.js'
import { callAs } from './support/console-world.js'

let srv: ConsoleServer
let browser: Browser
let page: Page

before(async () => {
  srv = await startConsoleServer()
  browser = await launchChromium()
  page = await (await browser.newContext({ viewport: WIDE })).newPage()
  page.setDefaultTimeout(10_000)
})

after(async () => {
  await browser?.close()
  await srv?.close()
})

describe('console Events page', () => {
  test('shows injected and successful calls, filters by Action, lists fault rules', async () => {
    await callAs(srv.api, 'EniplaneAddFaultRules', {
      Rules: JSON.stringify([
        { action: 'CreateVpc', code: 'InternalError', httpStatus: 500, times: 1 },
      ]),
    })
    await assert.rejects(
      callAs(srv.api, 'CreateVpc', { CidrBlock: '10.0.0.0/8' }),
      (e: unknown) => e instanceof RpcError && e.code === 'InternalError',
    )
    const { VpcId: vpcId } = await callAs<{ VpcId: string }>(srv.api, 'CreateVpc', {
      CidrBlock: '10.0.0.0/8',
    })

    await page.goto(`${srv.url}/console`)
    await page.getByLabel('AccessKey ID').fill(CONSOLE_ACCESS_KEY_ID)
    await page.getByLabel('AccessKey secret').fill(CONSOLE_ACCESS_KEY_SECRET)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Network Interfaces' }).waitFor()
    await page.getByRole('link', { name: 'Events' }).click()
    await page.getByRole('heading', { name: 'Events', exact: true }).waitFor()

    const rows = page.locator('.events-table tbody tr')
    const injected = rows.filter({ hasText: 'CreateVpc' }).filter({ hasText: 'InternalError' })
    await injected.waitFor()
    assert.equal(await injected.locator('[data-outcome]').getAttribute('data-outcome'), 'injected')
    assert.match((await injected.textContent()) ?? '', new RegExp(CONSOLE_ACCESS_KEY_ID))
    const succeeded = rows.filter({ hasText: vpcId })
    await succeeded.waitFor()
    assert.equal(await succeeded.locator('[data-outcome]').getAttribute('data-outcome'), 'success')

    const rule = page.locator('#fault-rules tr[data-rule="fr-1"]')
    await rule.waitFor()
    const cells = await rule.locator('td').allTextContents()
    assert.deepEqual(cells, ['fr-1', 'CreateVpc', 'InternalError 500', '1 time', '1', '1', 'spent'])
    await screenshot(page, 'events')

    await page.getByLabel('Action').fill('EniplaneAddFaultRules')
    await page.getByRole('button', { name: 'Search' }).click()
    await rows.filter({ hasText: 'CreateVpc' }).first().waitFor({ state: 'detached' })
    assert.deepEqual(await rows.locator('td:nth-child(2)').allTextContents(), [
      'EniplaneAddFaultRules',
    ])
  })
})
