// Response bodies: JSON by default, XML when a V1 caller sends `Format=XML` (wire-protocol.md
// §7, §8.1). XML successes are `<ActionNameResponse>…</ActionNameResponse>`, errors `<Error>…`;
// every JSON field becomes a child element and every array a run of repeated elements named
// after its key, so `{"PrivateIpSet":{"PrivateIpAddress":["a","b"]}}` becomes
// `<PrivateIpSet><PrivateIpAddress>a</PrivateIpAddress><PrivateIpAddress>b</PrivateIpAddress></PrivateIpSet>`.

export type ResponseFormat = 'JSON' | 'XML'

export interface RenderedBody {
  contentType: string
  payload: string
}

export const JSON_CONTENT_TYPE = 'application/json;charset=utf-8'
/** The exact value core-v3/tea-v3 require before they parse an XML error. */
export const XML_CONTENT_TYPE = 'text/xml;charset=utf-8'

/** `XML` in any case → XML; absent, `JSON` or anything else → JSON. */
export function responseFormatOf(format: string | undefined): ResponseFormat {
  return format !== undefined && format.trim().toUpperCase() === 'XML' ? 'XML' : 'JSON'
}

/** A success body; `rootName` is the Action, the XML root gets `Response` appended. */
export function renderBody(format: ResponseFormat, rootName: string, body: object): RenderedBody {
  if (format === 'XML') return { contentType: XML_CONTENT_TYPE, payload: toXml(rootName, body) }
  return { contentType: JSON_CONTENT_TYPE, payload: JSON.stringify(body) }
}

export function renderSuccess(format: ResponseFormat, action: string, body: object): RenderedBody {
  return renderBody(format, `${action}Response`, body)
}

export function renderError(format: ResponseFormat, envelope: object): RenderedBody {
  return renderBody(format, 'Error', envelope)
}

/** `<?xml …?><root>…</root>`; `null`/`undefined` fields are left out, `[]` adds nothing. */
export function toXml(root: string, value: object): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${element(root, value)}`
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map((item: unknown) => element(name, item)).join('')
  const tag = xmlName(name)
  if (typeof value === 'object') {
    let inner = ''
    for (const [key, child] of Object.entries(value)) inner += element(key, child)
    return `<${tag}>${inner}</${tag}>`
  }
  return `<${tag}>${escapeXml(scalarText(value))}</${tag}>`
}

function scalarText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value)
    default:
      return ''
  }
}

const NAME_START = /^[A-Za-z_]/
const NOT_NAME_CHAR = /[^A-Za-z0-9_.-]/g

/** Names already made legal: a Describe answer repeats the same few keys thousands of times. */
const xmlNames = new Map<string, string>()
const MAX_CACHED_NAMES = 10_000

/** Keys are Alibaba PascalCase names; anything else is made into a legal element name. */
function xmlName(name: string): string {
  let tag = xmlNames.get(name)
  if (tag === undefined) {
    const cleaned = name.replace(NOT_NAME_CHAR, '_')
    tag = NAME_START.test(cleaned) ? cleaned : `_${cleaned}`
    if (xmlNames.size < MAX_CACHED_NAMES) xmlNames.set(name, tag)
  }
  return tag
}

// Characters XML 1.0 cannot carry at all, even escaped (lone surrogates included).
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
}

// Text escapeXml leaves as it is (no markup character, nothing XML cannot carry): most values
// (ids, addresses, times) are, and skip both replacements.
const UNCHANGED =
  /^[\t\n\r\u0020\u0021\u0023-\u0025\u0028-\u003B\u003D\u003F-\uD7FF\uE000-\uFFFD]*$/

export function escapeXml(text: string): string {
  if (UNCHANGED.test(text)) return text
  return text.replace(NOT_XML_CHAR, '\uFFFD').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
}
