// `npm run build` (run by `prepare`, so `npm ci` builds it, and by `pretest`): transpiles src/
// into dist/ with esbuild, one .js file per .ts file, keeping the module layout, so `bin/` and
// `npm start` run plain JavaScript and load no TypeScript compiler or bundler. Type checking stays
// with `npm run typecheck` (tsc). JSON imports are inlined into the module that imports them
// (Node 20 would warn that JSON modules are experimental); every other import is left as written.
import { readdirSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const srcDir = join(root, 'src')
const outDir = join(root, 'dist')

/** Test-only code never ships: tests, the store contract suite and the test data builders. */
function ships(path: string): boolean {
  const rel = relative(srcDir, path).split('\\').join('/')
  if (!rel.endsWith('.ts') || rel.endsWith('.test.ts') || rel.endsWith('.d.ts')) return false
  return !rel.startsWith('testing/') && !rel.startsWith('storage/contract/')
}

const entryPoints = readdirSync(srcDir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => join(e.parentPath, e.name))
  .filter(ships)
  .sort()

/** Keeps every import external (so each file stays its own module) except JSON, which is inlined. */
const onlyJsonInlined: Plugin = {
  name: 'only-json-inlined',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point' || args.path.endsWith('.json')) return undefined
      return { path: args.path, external: true }
    })
  },
}

const started = performance.now()
rmSync(outDir, { recursive: true, force: true })
await build({
  absWorkingDir: root,
  entryPoints,
  outbase: srcDir,
  outdir: outDir,
  bundle: true,
  plugins: [onlyJsonInlined],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
})
const ms = Math.round(performance.now() - started)
console.log(`dist/: ${entryPoints.length} modules from src/ in ${ms} ms`)
