// The console build's manifest (web/dist/manifest.json), written by `npm run build:web`
// (web/bundle.ts) and read by the server to tell whether web/dist is older than its sources.

export interface WebManifest {
  /** Epoch milliseconds of the build. */
  readonly builtAt: number
  /** Every source file the bundle was made from, relative to the project root. */
  readonly inputs: readonly string[]
}

export const MANIFEST_FILE = 'manifest.json'
