// Planned actions as iproute2 argv (no shell), in the forms of spec/guest-os.md §4 and §13, and
// the runner that executes them. The runner is injected so tests need no root.
import { execFile } from 'node:child_process'
import type { Action } from './plan-changes.js'

/** Runs `ip` with these arguments; resolves with stdout, rejects on a non-zero exit. */
export type IpRunner = (args: readonly string[]) => Promise<string>

export function execIpRunner(binary = 'ip', timeoutMs = 10_000): IpRunner {
  return (args) =>
    new Promise((resolve, reject) => {
      execFile(
        binary,
        [...args],
        { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
        (e, out, err) => {
          if (e) reject(new Error(`ip ${args.join(' ')}: ${err.trim() || e.message}`, { cause: e }))
          else resolve(out)
        },
      )
    })
}

export function ipArgs(action: Action): string[] {
  switch (action.kind) {
    case 'addr-add':
      return [
        '-4',
        'addr',
        'add',
        `${action.ip}/${action.prefixLength}`,
        'brd',
        '+',
        'dev',
        action.ifname,
        ...(action.label === undefined ? [] : ['label', action.label]),
      ]
    case 'addr-del':
      return ['-4', 'addr', 'del', `${action.ip}/${action.prefixLength}`, 'dev', action.ifname]
    case 'route-replace':
      return [
        '-4',
        'route',
        'replace',
        action.dst,
        ...(action.gateway === undefined ? [] : ['via', action.gateway]),
        'dev',
        action.ifname,
        ...(action.src === undefined ? [] : ['src', action.src]),
        'table',
        String(action.table),
      ]
    case 'table-flush':
      return ['-4', 'route', 'flush', 'table', String(action.table)]
    case 'rule-add':
    case 'rule-del':
      return [
        '-4',
        'rule',
        action.kind === 'rule-add' ? 'add' : 'del',
        'from',
        action.from,
        'lookup',
        String(action.table),
        'priority',
        String(action.priority),
      ]
  }
}

/** One log line per change. */
export function describeAction(action: Action): string {
  return `${action.eniId}: ip ${ipArgs(action).join(' ')}`
}
