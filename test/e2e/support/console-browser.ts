// Debian's Chromium driven by playwright-core (no browser download), headless, 127.0.0.1 only;
// screenshots go to test-results/console/<name>-<width>.png.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

export const SCREENSHOT_DIR = join('test-results', 'console')
export const WIDE = { width: 1280, height: 800 }
export const NARROW = { width: 390, height: 844 }

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  })
}

/** The whole page, or (`fullPage: false`, for dialogs) what the viewport shows. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true })
  const width = page.viewportSize()?.width ?? 0
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage })
}
