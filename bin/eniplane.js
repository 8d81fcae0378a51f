#!/usr/bin/env node
// Runs the compiled CLI in dist/ (plain JavaScript: no TypeScript compiler or bundler at run time).
// `npm ci` builds dist/ through `prepare`, `npm test` through `pretest`; after editing src/ run
// `npm run build` (about a second), or run the sources directly with `npm run dev -- <command>`.
try {
  await import('../dist/cli/main.js')
} catch (e) {
  if (e?.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist/cli/main.js')) {
    console.error('eniplane: dist/ is not built; run `npm run build` first')
    process.exit(1)
  }
  throw e
}
