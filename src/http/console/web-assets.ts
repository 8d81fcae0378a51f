// The console's static files, held in memory. Decision (so `npm start` never serves stale or
// absent assets): at startup the server reads `web/dist/manifest.json`; when it is missing, or
// any input listed there is missing or newer than the build, the bundle is rebuilt once in
// memory with esbuild (web/dist is left alone; `npm run build:web` rewrites it). Without esbuild
// (a production install without it) an existing web/dist is served as it is.
import { createHash } from 'node:crypto'
import { readFile, readdir, stat } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { MANIFEST_FILE, bundleWeb, type WebManifest } from './web-bundle.js'

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
  readonly source: 'web/dist' | 'rebuilt in memory'
}

export type WebAssetsLog = (message: string, err?: unknown) => void

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
  if (staleReason === undefined) return { files: await readDist(distDir), source: 'web/dist' }
  try {
    const bundle = await bundleWeb(rootDir)
    log(
      `console assets rebuilt in memory (${staleReason}); run npm run build:web to refresh web/dist`,
    )
    const files = new Map<string, WebAsset>()
    for (const [name, content] of bundle.files) files.set(name, asset(name, Buffer.from(content)))
    return { files, source: 'rebuilt in memory' }
  } catch (e: unknown) {
    if (staleReason === 'web/dist is missing') throw e
    log(`console assets could not be rebuilt (${staleReason}); serving web/dist as built`, e)
    return { files: await readDist(distDir), source: 'web/dist' }
  }
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
