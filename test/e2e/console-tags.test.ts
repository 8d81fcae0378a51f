// Tags in the web console, in a real Chromium: the Network Interfaces table shows each ENI's
// tags, the tag key/value filter narrows the list (DescribeNetworkInterfaces Tag.1), and the
// Edit tags dialog adds, overwrites and removes tags through TagResources/UntagResources; a tag
// the server refuses shows its Code. Checked in the UI and through the signed API.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { launchChromium, screenshot, WIDE } from './support/console-browser.js'
import {
  CONSOLE_ACCESS_KEY_ID,
  CONSOLE_ACCESS_KEY_SECRET,
  startConsoleServer,
  type ConsoleServer,
} from './support/console-server.js'
import { callAs, seedWorld, type ConsoleWorld } from './support/console-world.js'

let srv: ConsoleServer
let world: ConsoleWorld
let browser: Browser
let context: BrowserContext
let page: Page
let taggedId = ''
let plainId = ''

const row = (id: string): Locator => page.locator(`tr[data-eni-id="${id}"]`)

type TagRows = { TagResources: { TagResource: { TagKey: string; TagValue: string }[] } }

async function apiTags(id: string): Promise<string[]> {
  const res = await callAs<TagRows>(srv.api, 'ListTagResources', {
    ResourceType: 'eni',
    'ResourceId.1': id,
  })
  return res.TagResources.TagResource.map((t) => `${t.TagKey}=${t.TagValue}`)
}

async function createEni(name: string, tags: Record<string, string>): Promise<string> {
  const params: Record<string, string> = {
    VSwitchId: world.vswitchId,
    SecurityGroupId: world.securityGroupId,
    NetworkInterfaceName: name,
  }
  Object.entries(tags).forEach(([key, value], i) => {
    params[`Tag.${i + 1}.Key`] = key
    params[`Tag.${i + 1}.Value`] = value
  })
  const res = await callAs<{ NetworkInterfaceId: string }>(
    srv.api,
    'CreateNetworkInterface',
    params,
  )
  return res.NetworkInterfaceId
}

before(async () => {
  srv = await startConsoleServer()
  world = await seedWorld(srv.api)
  taggedId = await createEni('tagged-eni', { creator: 'terway', 'cilium-eni-index': '1' })
  plainId = await createEni('plain-eni', {})
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

describe('web console: tags', () => {
  test('the table shows each ENI’s tags', async () => {
    const tags = row(taggedId).locator('[data-role="tags"] li')
    await tags.first().waitFor()
    assert.deepEqual(await tags.allTextContents(), ['cilium-eni-index=1', 'creator=terway'])
    assert.equal(await row(plainId).locator('[data-role="tags"]').count(), 0)
  })

  test('the tag filter narrows the list by key, and by key and value', async () => {
    await page.getByLabel('Tag key').fill('creator')
    await page.getByRole('button', { name: 'Search' }).click()
    await row(plainId).waitFor({ state: 'detached' })
    await row(taggedId).waitFor()
    await screenshot(page, 'tags-filtered')
    await page.getByLabel('Tag value').fill('terraform')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.getByText('No network interface matches these filters.').waitFor()
    await page.getByRole('button', { name: 'Reset' }).click()
    await row(plainId).waitFor()
    await row(taggedId).waitFor()
  })

  test('Edit tags adds, overwrites and removes tags; a refused key shows its Code', async () => {
    await row(plainId)
      .getByRole('button', { name: `Edit tags (${plainId})` })
      .click()
    const d = page.getByRole('dialog', { name: 'Edit tags' })
    await d.getByText('No tags.').waitFor()
    await d.getByLabel('Key').fill('env')
    await d.getByLabel('Value').fill('lab')
    await d.getByRole('button', { name: 'Add tag' }).click()
    await d.locator('li[data-tag-key="env"]', { hasText: 'lab' }).waitFor()
    await d.getByLabel('Key').fill('owner')
    await d.getByLabel('Value').fill('ops')
    await d.getByRole('button', { name: 'Add tag' }).click()
    await d.locator('li[data-tag-key="owner"]').waitFor()
    await d.getByLabel('Key').fill('env')
    await d.getByLabel('Value').fill('prod')
    await d.getByRole('button', { name: 'Add tag' }).click()
    await d.locator('li[data-tag-key="env"]', { hasText: 'prod' }).waitFor()
    assert.deepEqual(await apiTags(plainId), ['env=prod', 'owner=ops'])

    await d.getByLabel('Key').fill('aliyun-reserved')
    await d.getByRole('button', { name: 'Add tag' }).click()
    await d.getByRole('alert').filter({ hasText: 'InvalidTagKey.Malformed' }).waitFor()
    await screenshot(page, 'tags-dialog', false)
    assert.deepEqual(await apiTags(plainId), ['env=prod', 'owner=ops'])

    await d.getByRole('button', { name: 'Remove tag owner' }).click()
    await d.locator('li[data-tag-key="owner"]').waitFor({ state: 'detached' })
    assert.deepEqual(await apiTags(plainId), ['env=prod'])
    await d.getByRole('button', { name: 'Done' }).click()
    await d.waitFor({ state: 'detached' })
    await row(plainId).locator('[data-role="tags"] li', { hasText: 'env=prod' }).waitFor()
    assert.deepEqual(await row(plainId).locator('[data-role="tags"] li').allTextContents(), [
      'env=prod',
    ])
    await screenshot(page, 'tags-table')
  })
})
