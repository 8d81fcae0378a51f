// Files the agent writes: the ledger (JSON) and, with --persist, the rendered OS configuration.
// Every write is atomic: a temporary file in the same directory, under a name no network loader
// reads (leading dot, trailing `~`, spec/guest-os.md §0.3 rule 6), renamed into place; an
// unchanged file is not rewritten.
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Ledger } from './ledger.js'
import { EMPTY_LEDGER, parseLedger } from './ledger.js'

export const DEFAULT_STATE_FILE = '/var/lib/eniplane/agent-state.json'

function isMissing(e: unknown): boolean {
  return (e as { code?: unknown }).code === 'ENOENT'
}

/** Writes `content` to `path` atomically unless it already has it; true when written. */
export async function writeFileAtomic(
  path: string,
  content: string,
  mode = 0o644,
): Promise<boolean> {
  try {
    if ((await readFile(path, 'utf8')) === content) return false
  } catch (e: unknown) {
    if (!isMissing(e)) throw e
  }
  await mkdir(dirname(path), { recursive: true })
  const temp = join(dirname(path), `.${basename(path)}.eniplane-${process.pid}~`)
  try {
    const handle = await open(temp, 'w', mode)
    try {
      await handle.writeFile(content)
      await handle.chmod(mode)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (e: unknown) {
    await rm(temp, { force: true })
    throw e
  }
  return true
}

/** Removes `path`; true when it existed. */
export async function removeFile(path: string): Promise<boolean> {
  try {
    await rm(path)
    return true
  } catch (e: unknown) {
    if (isMissing(e)) return false
    throw e
  }
}

/**
 * The stored ledger; an absent file is an empty ledger. An unreadable one is set aside as
 * `<file>.corrupt` and replaced by an empty ledger: the agent then owns nothing and removes
 * nothing, which is the safe direction.
 */
export async function loadLedger(path: string, log: (line: string) => void): Promise<Ledger> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e: unknown) {
    if (isMissing(e)) return EMPTY_LEDGER
    throw e
  }
  const ledger = parseLedger(text)
  if (ledger !== undefined) return ledger
  log(`state file ${path} is not a ledger; kept as ${path}.corrupt, starting empty`)
  await writeFile(`${path}.corrupt`, text)
  return EMPTY_LEDGER
}

export async function saveLedger(path: string, ledger: Ledger): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(ledger, null, 2)}\n`, 0o600)
}

/**
 * Takes `<state>.lock` (one reconcile at a time per host, spec §15.1); a lock whose process is
 * gone is taken over. Resolves with the release function, or undefined when another run holds it.
 */
export async function acquireLock(statePath: string): Promise<(() => Promise<void>) | undefined> {
  const lock = `${statePath}.lock`
  await mkdir(dirname(lock), { recursive: true })
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lock, 'wx', 0o600)
      await handle.writeFile(String(process.pid))
      await handle.close()
      return async () => {
        await rm(lock, { force: true })
      }
    } catch (e: unknown) {
      if ((e as { code?: unknown }).code !== 'EEXIST') throw e
      const holder = Number((await readFile(lock, 'utf8').catch(() => '')).trim())
      if (Number.isInteger(holder) && holder > 0 && processAlive(holder)) return undefined
      await rm(lock, { force: true })
    }
  }
  return undefined
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e: unknown) {
    return (e as { code?: unknown }).code === 'EPERM'
  }
}
