import assert from 'node:assert/strict'
import { test } from 'node:test'
import { percentEncode } from './percent-encode.js'

test('percentEncode follows RFC 3986 the way Alibaba signs', () => {
  const cases: [string, string][] = [
    ['', ''],
    ['AZaz09-_.~', 'AZaz09-_.~'],
    [' ', '%20'],
    ['*', '%2A'],
    ["!'()", '%21%27%28%29'],
    ['+/=&:', '%2B%2F%3D%26%3A'],
    ['2024-05-26T12:00:00Z', '2024-05-26T12%3A00%3A00Z'],
    ['中', '%E4%B8%AD'],
    ['é', '%C3%A9'],
    ['😀', '%F0%9F%98%80'],
    ['%', '%25'],
    ["a b*c~d!e'f(g)h+i/j=k&l中", 'a%20b%2Ac~d%21e%27f%28g%29h%2Bi%2Fj%3Dk%26l%E4%B8%AD'],
  ]
  for (const [input, want] of cases) assert.equal(percentEncode(input), want, input)
})

test('percentEncode matches encodeURIComponent plus the five extra characters', () => {
  const sample = "Hello, World! (x*y) 'q' ~_.- ü 中文 😀 \u0000\u007f"
  const reference = encodeURIComponent(sample).replace(
    /[!'()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
  )
  assert.equal(percentEncode(sample), reference)
})

test('a lone surrogate encodes as U+FFFD instead of throwing', () => {
  assert.equal(percentEncode('a\ud800b'), 'a%EF%BF%BDb')
  assert.equal(percentEncode('\udc00'), '%EF%BF%BD')
})

test('every fast path agrees with the hand-written encoder, code unit by code unit', () => {
  // each BMP code unit alone and between unreserved letters, plus pairs and lone halves
  const inputs: string[] = []
  for (let cp = 0; cp < 0x10000; cp += cp < 0x3000 ? 1 : 61) {
    const ch = String.fromCharCode(cp)
    inputs.push(ch, `a${ch}Z`)
  }
  inputs.push('😀x', 'x\ud83d', '\ude00x', 'T12:00:00Z', 'AZaz09-_.~')
  for (const input of inputs) {
    const expected = [...input]
      .map((ch) => {
        const unit = ch.codePointAt(0)!
        const lone = ch.length === 1 && unit >= 0xd800 && unit <= 0xdfff
        const bytes = new TextEncoder().encode(lone ? '\ufffd' : ch)
        if (/^[A-Za-z0-9\-_.~]$/.test(ch)) return ch
        return [...bytes].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join('')
      })
      .join('')
    assert.equal(percentEncode(input), expected, JSON.stringify(input))
  }
})
