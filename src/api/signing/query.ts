// Query strings and form bodies as ordered (name, value) pairs (wire-protocol.md §3.2 "Server
// parsing"): UTF-8 percent-decoding with `+` as space, no interpretation of dots or brackets.
import { percentEncode } from './percent-encode.js'

export type Pair = readonly [name: string, value: string]

function decodeComponent(s: string): string {
  const spaced = s.replaceAll('+', ' ')
  if (!spaced.includes('%')) return spaced
  try {
    return decodeURIComponent(spaced)
  } catch {
    return decodeLeniently(spaced)
  }
}

// Malformed input (a stray `%`, invalid UTF-8) must not throw: it decodes to something the
// client did not sign, and the signature check rejects it.
function decodeLeniently(s: string): string {
  const bytes: number[] = []
  const utf8 = new TextEncoder()
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i)
    const hex = s.slice(i + 1, i + 3)
    if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16))
      i += 2
    } else {
      const cp = s.codePointAt(i) ?? 0
      const ch = String.fromCodePoint(cp)
      for (const b of utf8.encode(ch)) bytes.push(b)
      i += ch.length - 1
    }
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(new Uint8Array(bytes))
}

/** Parses `a=1&b=2` (no leading `?`) into decoded pairs in wire order. Empty segments are skipped. */
export function parseQuery(raw: string): Pair[] {
  const pairs: Pair[] = []
  if (raw === '') return pairs
  for (const segment of raw.split('&')) {
    if (segment === '') continue
    const eq = segment.indexOf('=')
    const name = eq < 0 ? segment : segment.slice(0, eq)
    const value = eq < 0 ? '' : segment.slice(eq + 1)
    pairs.push([decodeComponent(name), decodeComponent(value)])
  }
  return pairs
}

/** Plain code-unit order, case-sensitive and non-numeric (`.1` < `.10` < `.2`). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** A sorted copy; stable, so repeated names keep their wire order. */
export function sortPairs(pairs: Iterable<Pair>): Pair[] {
  return [...pairs].sort((x, y) => compareNames(x[0], y[0]))
}

/** `name=value&…` with both sides RFC 3986 encoded, in the order given. */
export function formatQuery(pairs: Iterable<Pair>): string {
  const parts: string[] = []
  for (const [name, value] of pairs) parts.push(percentEncode(name) + '=' + percentEncode(value))
  return parts.join('&')
}

/** Accepts either pairs or a plain record. */
export function toPairs(params: Iterable<Pair> | Readonly<Record<string, string>>): Pair[] {
  if (Symbol.iterator in params) return [...params]
  return Object.entries(params)
}
