import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ApiError } from '../domain/errors.js'
import { Params, mergeParamSources } from './params.js'

function throwsApi(fn: () => unknown, code: string, status: number): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ApiError, `expected ApiError, got ${String(e)}`)
    assert.equal(e.code, code)
    assert.equal(e.httpStatus, status)
    return true
  })
}

const invalid = (fn: () => unknown) => throwsApi(fn, 'InvalidParameter', 400)
const missing = (fn: () => unknown) => throwsApi(fn, 'MissingParameter', 400)

describe('mergeParamSources', () => {
  test('decodes query and form body into one record', () => {
    const merged = mergeParamSources('A=1&B=x%20y&C=a+b&D=%2B&E=', 'F=%E4%B8%AD&G')
    assert.deepEqual({ ...merged }, { A: '1', B: 'x y', C: 'a b', D: '+', E: '', F: '中', G: '' })
  })

  test('skips empty segments and names', () => {
    assert.deepEqual({ ...mergeParamSources('&&A=1&=x&') }, { A: '1' })
  })

  test('refuses a name sent twice, in one part or across query and body', () => {
    invalid(() => mergeParamSources('A=1&A=2'))
    invalid(() => mergeParamSources('A=1', 'A=1'))
  })

  test('has a null prototype, so "__proto__" and "toString" are plain names', () => {
    const merged = mergeParamSources('__proto__=x&toString=y')
    assert.equal(merged['__proto__'], 'x')
    assert.equal(Object.getPrototypeOf(merged), null)
    assert.equal(new Params(mergeParamSources('')).str('toString'), undefined)
  })

  test('malformed percent-encoding does not throw', () => {
    assert.equal(typeof mergeParamSources('A=%ZZ%')['A'], 'string')
  })
})

describe('Params scalars', () => {
  const p = new Params({ S: 'v', Empty: '', N: '42', Neg: '-3', T: 'true', F: 'false' })

  test('str / requiredStr', () => {
    assert.equal(p.str('S'), 'v')
    assert.equal(p.str('Empty'), '')
    assert.equal(p.str('Nope'), undefined)
    assert.equal(p.requiredStr('S'), 'v')
    missing(() => p.requiredStr('Nope'))
    missing(() => p.requiredStr('Empty'))
  })

  test('int accepts decimal integers in range', () => {
    assert.equal(p.int('N'), 42)
    assert.equal(p.int('Neg'), -3)
    assert.equal(p.int('N', { min: 1, max: 42 }), 42)
    assert.equal(p.int('Nope'), undefined)
    assert.equal(p.requiredInt('N'), 42)
    missing(() => p.requiredInt('Nope'))
  })

  for (const bad of ['', 'abc', '1.5', '1e3', '0x10', ' 1', '99999999999999999', 'null']) {
    test(`int refuses ${JSON.stringify(bad)}`, () => {
      invalid(() => new Params({ N: bad }).int('N'))
    })
  }

  test('int refuses values out of range', () => {
    invalid(() => p.int('N', { max: 41 }))
    invalid(() => p.int('N', { min: 43 }))
  })

  test('bool is true/false only', () => {
    assert.equal(p.bool('T'), true)
    assert.equal(p.bool('F'), false)
    assert.equal(p.bool('Nope'), undefined)
    for (const bad of ['', 'True', '1', 'yes']) invalid(() => new Params({ B: bad }).bool('B'))
  })

  test('has sees exact names and flattened elements', () => {
    const q = new Params({ X: '', 'Tag.1.Key': 'k', 'PrivateIpAddress.1': 'ip' })
    assert.equal(q.has('X'), true)
    assert.equal(q.has('Tag'), true)
    assert.equal(q.has('PrivateIpAddress'), true)
    assert.equal(q.has('Private'), false)
  })
})

describe('Params.list', () => {
  test('rebuilds by numeric index whatever the wire order', () => {
    const values: Record<string, string> = {}
    for (const i of [10, 2, 11, 1, 3, 4, 5, 6, 7, 8, 9]) values[`Ip.${i}`] = `v${i}`
    assert.deepEqual(
      new Params(values).list('Ip'),
      Array.from({ length: 11 }, (_, i) => `v${i + 1}`),
    )
  })

  test('absent → [], struct fields and other names are not elements', () => {
    const p = new Params({ Ip: 'bare', 'Ip.1.Key': 'k', 'IpCount.1': 'x', 'Ip.abc': 'y' })
    assert.deepEqual(p.list('Ip'), [])
    assert.deepEqual(p.list('Nope'), [])
  })

  test('keeps empty values', () => {
    assert.deepEqual(new Params({ 'L.1': '', 'L.2': 'b' }).list('L'), ['', 'b'])
  })

  for (const [name, values] of [
    ['a gap', { 'L.1': 'a', 'L.3': 'c' }],
    ['no index 1', { 'L.2': 'b' }],
    ['index 0', { 'L.0': 'a', 'L.1': 'b' }],
    ['a leading zero', { 'L.01': 'a' }],
    ['a huge sparse index', { 'L.1': 'a', 'L.99999999999999999999': 'b' }],
  ] as const) {
    test(`refuses ${name}`, () => {
      invalid(() => new Params(values).list('L'))
    })
  }

  test('max', () => {
    const p = new Params({ 'L.1': 'a', 'L.2': 'b' })
    assert.deepEqual(p.list('L', { max: 2 }), ['a', 'b'])
    invalid(() => p.list('L', { max: 1 }))
  })
})

describe('Params.structList', () => {
  test('Tag.N.Key / Tag.N.Value, empty value kept, missing field absent', () => {
    const p = new Params({
      'Tag.2.Key': 'team',
      'Tag.1.Value': '',
      'Tag.1.Key': 'env',
      'Tag.3.Value': 'orphan',
      'Tag.3.Other': 'ignored',
    })
    assert.deepEqual(p.structList('Tag', ['Key', 'Value']), [
      { Key: 'env', Value: '' },
      { Key: 'team' },
      { Value: 'orphan' },
    ])
  })

  test('gaps and bad indices are refused; absent → []', () => {
    invalid(() => new Params({ 'Tag.2.Key': 'a' }).structList('Tag', ['Key']))
    invalid(() => new Params({ 'Tag.0.Key': 'a' }).structList('Tag', ['Key']))
    assert.deepEqual(new Params({ 'Tag.1.Other': 'a' }).structList('Tag', ['Key']), [])
  })

  test('nested lists are reachable through list()', () => {
    const p = new Params({
      'NetworkInterface.1.VSwitchId': 'vsw-1',
      'NetworkInterface.1.SecurityGroupIds.1': 'sg-1',
      'NetworkInterface.1.SecurityGroupIds.2': 'sg-2',
    })
    assert.deepEqual(p.structList('NetworkInterface', ['VSwitchId']), [{ VSwitchId: 'vsw-1' }])
    assert.deepEqual(p.list('NetworkInterface.1.SecurityGroupIds'), ['sg-1', 'sg-2'])
  })

  test('max', () => {
    invalid(() => new Params({ 'T.1.K': 'a', 'T.2.K': 'b' }).structList('T', ['K'], { max: 1 }))
  })
})

describe('Params.jsonList / struct', () => {
  test('jsonList parses a JSON array of strings', () => {
    assert.deepEqual(new Params({ Ids: '["i-a","i-b"]' }).jsonList('Ids'), ['i-a', 'i-b'])
    assert.deepEqual(new Params({ Ids: '[]' }).jsonList('Ids'), [])
    assert.deepEqual(new Params({ Ids: '' }).jsonList('Ids'), [])
    assert.deepEqual(new Params({}).jsonList('Ids'), [])
  })

  for (const bad of ['i-a', '["i-a"', '{"a":1}', '[1]', '[null]', '"i-a"']) {
    test(`jsonList refuses ${bad}`, () => {
      invalid(() => new Params({ Ids: bad }).jsonList('Ids'))
    })
  }

  test('jsonList max', () => {
    invalid(() => new Params({ Ids: '["a","b"]' }).jsonList('Ids', { max: 1 }))
  })

  test('struct reads the flattened and the JSON form alike', () => {
    const fields = ['TcpEstablishedTimeout', 'UdpTimeout'] as const
    const flat = new Params({ 'Ct.TcpEstablishedTimeout': '910' })
    const json = new Params({ Ct: '{"TcpEstablishedTimeout":910,"Extra":true}' })
    assert.deepEqual(flat.struct('Ct', fields), { TcpEstablishedTimeout: '910' })
    assert.deepEqual(json.struct('Ct', fields), { TcpEstablishedTimeout: '910' })
    assert.equal(new Params({}).struct('Ct', fields), undefined)
    invalid(() => new Params({ Ct: '[1]' }).struct('Ct', fields))
    invalid(() => new Params({ Ct: '{"UdpTimeout":{}}' }).struct('Ct', fields))
    invalid(() => new Params({ Ct: 'nope' }).struct('Ct', fields))
  })
})

test('apiParams drops transport and signature names and sorts the rest', () => {
  const p = new Params({
    Signature: 's',
    Action: 'A',
    Version: 'v',
    Timestamp: 't',
    AccessKeyId: 'ak',
    SignatureNonce: 'n',
    Format: 'JSON',
    'PrivateIpAddress.2': 'b',
    RegionId: 'cn-hangzhou',
    'PrivateIpAddress.1': 'a',
    ClientToken: 'tok',
  })
  assert.deepEqual(p.apiParams(), [
    ['ClientToken', 'tok'],
    ['PrivateIpAddress.1', 'a'],
    ['PrivateIpAddress.2', 'b'],
    ['RegionId', 'cn-hangzhou'],
  ])
})
