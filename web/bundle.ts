// Builds the console's browser assets with esbuild: `web/src/main.ts` (which imports its CSS)
// → `assets/main-<hash>.js` + `assets/main-<hash>.css`, and `web/index.html` with the hashed
// names filled in. `npm run build:web` (run by `prepare`, so `npm ci` builds them) writes them
// to `web/dist/`. Build tooling only: the server never bundles; it serves web/dist and warns
// when an input listed in `manifest.json` is newer than the build (src/http/console/web-assets.ts).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { MANIFEST_FILE, type WebManifest } from '../src/http/console/web-manifest.js'

export interface WebBundle {
  /** Output path relative to the dist root (`index.html`, `assets/main-…js`) → content. */
  readonly files: ReadonlyMap<string, Uint8Array>
  readonly manifest: WebManifest
}

/** Bundles in memory; `rootDir` is the project root (the folder holding `web/`). */
export async function bundleWeb(rootDir: string): Promise<WebBundle> {
  const esbuild = await import('esbuild')
  const webDir = join(rootDir, 'web')
  const outdir = join(webDir, 'dist', 'assets')
  // Taken before reading the sources, so an edit made during the build still counts as newer.
  const builtAt = Date.now()
  const result = await esbuild.build({
    absWorkingDir: rootDir,
    entryPoints: [join(webDir, 'src', 'main.ts')],
    tsconfig: join(webDir, 'tsconfig.json'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    minify: true,
    sourcemap: 'linked',
    entryNames: '[name]-[hash]',
    outdir,
    metafile: true,
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  })
  const files = new Map<string, Uint8Array>()
  let js = ''
  let css = ''
  for (const out of result.outputFiles) {
    const name = relative(join(webDir, 'dist'), out.path).split('\\').join('/')
    files.set(name, out.contents)
    if (name.endsWith('.js')) js = name
    if (name.endsWith('.css')) css = name
  }
  const template = await readFile(join(webDir, 'index.html'), 'utf8')
  const html = template.replaceAll('%MAIN_JS%', js).replaceAll('%MAIN_CSS%', css)
  files.set('index.html', new TextEncoder().encode(html))
  const inputs = [...Object.keys(result.metafile.inputs), 'web/index.html'].sort()
  const manifest: WebManifest = { builtAt, inputs }
  files.set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n'))
  return { files, manifest }
}

/** Replaces `distDir` with the bundle's files. */
export async function writeWebBundle(bundle: WebBundle, distDir: string): Promise<void> {
  await rm(distDir, { recursive: true, force: true })
  for (const [name, content] of bundle.files) {
    const path = join(distDir, name)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, content)
  }
}
