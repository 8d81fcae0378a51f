// The console's static files, held in memory. They are built by `npm run build:web` (which
// `npm ci` runs through `prepare`) into web/dist; the server never bundles (no bundler at run
// time). At startup it reads `web/dist/manifest.json`: when it is missing the console is
// unavailable, and when an input listed there is missing or newer than the build the server logs
// a warning to run `npm run build:web` and serves web/dist as built.
import { createHash } from 'node:crypto'
import { readFile, readdir, stat } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { MANIFEST_FILE, type WebManifest } from './web-manifest.js'

export interface WebAsset {
  readonly body: Buffer
  readonly contentType: string
  readonly etag: string
  /** Hashed file names never change content: cache them for a year. */
  readonly immutable: boolean
}

export interface WebAssets {
  /** Path relative to `/console/` (`index.html`, `assets/main-….js`) → file. */
  readonly files: ReadonlyMap<string, WebAsset>
  readonly source: 'web/dist'
}

export type WebAssetsLog = (message: string) => void

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
}

const cache = new Map<string, Promise<WebAssets>>()

/** Loads (once per process and root) the assets of the project at `rootDir`. */
export function loadWebAssets(rootDir: string, log: WebAssetsLog): Promise<WebAssets> {
  let loading = cache.get(rootDir)
  if (loading === undefined) {
    loading = load(rootDir, log)
    cache.set(rootDir, loading)
    // A failed load is retried by the next server start rather than cached forever.
    loading.catch(() => cache.delete(rootDir))
  }
  return loading
}

async function load(rootDir: string, log: WebAssetsLog): Promise<WebAssets> {
  const distDir = join(rootDir, 'web', 'dist')
  const staleReason = await whyStale(rootDir, distDir)
  if (staleReason === 'web/dist is missing') {
    throw new Error('console assets: web/dist is missing; run npm run build:web')
  }
  if (staleReason !== undefined) {
    log(`console assets in web/dist are stale (${staleReason}); run npm run build:web`)
  }
  return { files: await readDist(distDir), source: 'web/dist' }
}

/** `undefined` when web/dist is up to date; otherwise why it is not. */
async function whyStale(rootDir: string, distDir: string): Promise<string | undefined> {
  let manifest: WebManifest
  try {
    manifest = JSON.parse(await readFile(join(distDir, MANIFEST_FILE), 'utf8')) as WebManifest
  } catch {
    return 'web/dist is missing'
  }
  for (const input of manifest.inputs) {
    try {
      const info = await stat(join(rootDir, input))
      if (info.mtimeMs > manifest.builtAt) return `${input} changed after the build`
    } catch {
      return `${input} no longer exists`
    }
  }
  return undefined
}

async function readDist(distDir: string): Promise<Map<string, WebAsset>> {
  const files = new Map<string, WebAsset>()
  const entries = await readdir(distDir, { recursive: true, withFileTypes: true })
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    const name = relative(distDir, path).split('\\').join('/')
    files.set(name, asset(name, await readFile(path)))
  }
  return files
}

function asset(name: string, body: Buffer): WebAsset {
  const ext = name.slice(name.lastIndexOf('.') + 1)
  return {
    body,
    contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    immutable: name.startsWith('assets/'),
  }
}
