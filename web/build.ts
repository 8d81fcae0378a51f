// `npm run build:web` (and `prepare`, so `npm ci` builds it): bundles the console into web/dist.
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { bundleWeb, writeWebBundle } from './bundle.js'

const rootDir = fileURLToPath(new URL('..', import.meta.url))
const bundle = await bundleWeb(rootDir)
await writeWebBundle(bundle, join(rootDir, 'web', 'dist'))
const names = [...bundle.files.keys()].filter((name) => !name.endsWith('.map'))
console.log(`web/dist: ${names.join(', ')}`)
