// --persist: the OS configuration files for the reconciled state, rendered by guest/render and
// written under a root directory (`/` on a real guest, a temporary directory in tests). Only the
// `file` entries are written and the `rm -f` lines of the scripts applied: the runtime change is
// already made with `ip`, so reload steps (ifup, nmcli reapply, netplan apply) are not run.
import { isAbsolute, join, normalize, sep } from 'node:path'
import type { GuestOs, InterfaceDescription } from '../render/index.js'
import { renderGuestConfig } from '../render/index.js'
import { removeFile, writeFileAtomic } from './state-file.js'

/** Linux targets the agent can persist (Windows has its own agent story). */
export const PERSIST_OS: readonly GuestOs[] = [
  'rhel',
  'rhel-nm',
  'rhel-ipaddrn',
  'nm-keyfile',
  'debian',
  'sles',
  'netplan',
  'networkd',
  'ip',
]

export interface PersistTarget {
  readonly os: GuestOs
  /** directory that stands for `/` */
  readonly root: string
}

function underRoot(root: string, path: string): string | undefined {
  if (!isAbsolute(path)) return undefined
  const base = normalize(root + sep)
  const full = normalize(join(root, path))
  return full.startsWith(base) ? full : undefined
}

/** Paths removed by a script's `rm -f <absolute path>` lines. */
export function removedPaths(script: string): string[] {
  const paths: string[] = []
  for (const line of script.split('\n')) {
    const m = /^rm -f (\/\S+)$/.exec(line.trim())
    if (m?.[1] !== undefined) paths.push(m[1])
  }
  return paths
}

/**
 * Renders `iface` (add mode, or revoke mode for `revoked`) and writes the files; returns one
 * log line per file written or removed.
 */
export async function persistInterface(
  target: PersistTarget,
  iface: InterfaceDescription,
  revoked: readonly string[],
): Promise<string[]> {
  const files = renderGuestConfig(
    target.os,
    revoked.length === 0 ? { iface, mode: 'add' } : { iface, mode: 'revoke', revoked },
  )
  const changes: string[] = []
  for (const file of files) {
    if (file.mode === 'file') {
      const path = underRoot(target.root, file.path)
      if (path === undefined) continue
      if (await writeFileAtomic(path, file.content, file.fileMode ?? 0o644)) {
        changes.push(`wrote ${path}`)
      }
      continue
    }
    for (const removed of removedPaths(file.content)) {
      const path = underRoot(target.root, removed)
      if (path !== undefined && (await removeFile(path))) changes.push(`removed ${path}`)
    }
  }
  return changes
}
