// RFC 3986 percent-encoding exactly as Alibaba's signers do it (wire-protocol.md §4 step 1):
// UTF-8 bytes, keep A-Z a-z 0-9 - _ . ~, every other byte becomes %XX with upper-case hex.
// Every name and value of every signed request passes through here, on both sides: most (ids,
// actions, nonces, counts) need nothing and are returned as they are; the rest go through the
// engine's encodeURIComponent plus the five characters it keeps and RFC 3986 does not. A lone
// surrogate, which encodeURIComponent refuses with a URIError, takes the hand-written encoder.

const HEX = '0123456789ABCDEF'

function isUnreserved(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x30 && c <= 0x39) || // 0-9
    c === 0x2d || // -
    c === 0x5f || // _
    c === 0x2e || // .
    c === 0x7e // ~
  )
}

function byte(b: number): string {
  return '%' + HEX.charAt(b >> 4) + HEX.charAt(b & 0x0f)
}

const ALL_UNRESERVED = /^[A-Za-z0-9\-_.~]*$/
const KEPT_BY_ENCODE_URI = /[!'()*]/g

export function percentEncode(s: string): string {
  if (ALL_UNRESERVED.test(s)) return s
  let encoded: string
  try {
    encoded = encodeURIComponent(s)
  } catch {
    return encodeByHand(s)
  }
  return encoded.replace(KEPT_BY_ENCODE_URI, (c) => byte(c.charCodeAt(0)))
}

/** The same encoding one code unit at a time; a lone surrogate becomes U+FFFD's bytes. */
function encodeByHand(s: string): string {
  let out = ''
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i)
    if (cp < 0x80) {
      out += isUnreserved(cp) ? s.charAt(i) : byte(cp)
      continue
    }
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00)
        i++
      } else {
        cp = 0xfffd // lone high surrogate: encode U+FFFD, as TextEncoder would
      }
    } else if (cp >= 0xdc00 && cp <= 0xdfff) {
      cp = 0xfffd // lone low surrogate
    }
    if (cp < 0x800) {
      out += byte(0xc0 | (cp >> 6)) + byte(0x80 | (cp & 0x3f))
    } else if (cp < 0x10000) {
      out += byte(0xe0 | (cp >> 12)) + byte(0x80 | ((cp >> 6) & 0x3f)) + byte(0x80 | (cp & 0x3f))
    } else {
      out +=
        byte(0xf0 | (cp >> 18)) +
        byte(0x80 | ((cp >> 12) & 0x3f)) +
        byte(0x80 | ((cp >> 6) & 0x3f)) +
        byte(0x80 | (cp & 0x3f))
    }
  }
  return out
}
