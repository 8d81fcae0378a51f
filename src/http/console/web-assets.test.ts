// web/dist as the server reads it: served as built, a warning when its sources are newer, and
// no console (rather than a bundler at run time) when it was never built.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { loadWebAssets } from './web-assets.js'
import { MANIFEST_FILE } from './web-manifest.js'

const roots: string[] = []
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })))

/** A project root with web/src/main.ts and, when `builtAt` is given, a built web/dist. */
function project(builtAt?: number): string {
  const root = mkdtempSync(join(tmpdir(), 'eniplane-web-'))
  roots.push(root)
  mkdirSync(join(root, 'web', 'src'), { recursive: true })
  writeFileSync(join(root, 'web', 'src', 'main.ts'), 'export {}\n')
  utimesSync(join(root, 'web', 'src', 'main.ts'), 2_000, 2_000)
  if (builtAt !== undefined) {
    mkdirSync(join(root, 'web', 'dist', 'assets'), { recursive: true })
    writeFileSync(join(root, 'web', 'dist', 'index.html'), '<!doctype html>')
    writeFileSync(join(root, 'web', 'dist', 'assets', 'main-X.js'), 'console.log(1)')
    const manifest = { builtAt, inputs: ['web/src/main.ts'] }
    writeFileSync(join(root, 'web', 'dist', MANIFEST_FILE), JSON.stringify(manifest))
  }
  return root
}

test('serves an up-to-date web/dist without a word', async () => {
  const logged: string[] = []
  const assets = await loadWebAssets(project(3_000_000), (m) => logged.push(m))
  assert.deepEqual([...assets.files.keys()].sort(), [
    'assets/main-X.js',
    'index.html',
    MANIFEST_FILE,
  ])
  assert.equal(assets.files.get('assets/main-X.js')?.immutable, true)
  assert.deepEqual(logged, [])
})

test('serves a stale web/dist as built and says to rebuild it', async () => {
  const logged: string[] = []
  const assets = await loadWebAssets(project(1_000_000), (m) => logged.push(m))
  assert.equal(assets.source, 'web/dist')
  assert.equal(assets.files.get('index.html')?.body.toString(), '<!doctype html>')
  assert.equal(logged.length, 1)
  assert.match(logged[0]!, /web\/src\/main\.ts changed after the build.*npm run build:web/)
})

test('without web/dist the console is unavailable (the server never bundles)', async () => {
  await assert.rejects(
    loadWebAssets(project(), () => undefined),
    /web\/dist is missing; run npm run build:web/,
  )
})
