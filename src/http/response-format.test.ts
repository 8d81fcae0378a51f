import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { wrap } from './list-wrapper.js'
import {
  JSON_CONTENT_TYPE,
  XML_CONTENT_TYPE,
  escapeXml,
  renderError,
  renderSuccess,
  responseFormatOf,
  toXml,
} from './response-format.js'

const PROLOG = '<?xml version="1.0" encoding="UTF-8"?>'

describe('responseFormatOf', () => {
  for (const [input, expected] of [
    [undefined, 'JSON'],
    ['JSON', 'JSON'],
    ['json', 'JSON'],
    ['XML', 'XML'],
    ['xml', 'XML'],
    ['yaml', 'JSON'],
  ] as const) {
    test(`${String(input)} → ${expected}`, () => assert.equal(responseFormatOf(input), expected))
  }
})

describe('toXml', () => {
  test('arrays inside double wrappers become repeated elements', () => {
    const body = {
      RequestId: 'R',
      AssignedPrivateIpAddressesSet: {
        NetworkInterfaceId: 'eni-1',
        ...wrap('PrivateIpSet', 'PrivateIpAddress', ['10.0.0.10', '10.0.0.11']),
      },
    }
    assert.equal(
      toXml('AssignPrivateIpAddressesResponse', body),
      PROLOG +
        '<AssignPrivateIpAddressesResponse><RequestId>R</RequestId>' +
        '<AssignedPrivateIpAddressesSet><NetworkInterfaceId>eni-1</NetworkInterfaceId>' +
        '<PrivateIpSet><PrivateIpAddress>10.0.0.10</PrivateIpAddress>' +
        '<PrivateIpAddress>10.0.0.11</PrivateIpAddress></PrivateIpSet>' +
        '</AssignedPrivateIpAddressesSet></AssignPrivateIpAddressesResponse>',
    )
  })

  test('lists of objects, scalars, empty lists and null fields', () => {
    const body = {
      TotalCount: 2,
      Primary: false,
      Missing: null,
      Gone: undefined,
      ...wrap('Tags', 'Tag', [{ TagKey: 'a', TagValue: '' }]),
      ...wrap('Empty', 'Item', []),
    }
    assert.equal(
      toXml('R', body),
      PROLOG +
        '<R><TotalCount>2</TotalCount><Primary>false</Primary>' +
        '<Tags><Tag><TagKey>a</TagKey><TagValue></TagValue></Tag></Tags><Empty></Empty></R>',
    )
  })

  test('escapes markup and replaces characters XML cannot carry', () => {
    assert.equal(
      escapeXml(`<a href="x">&'</a>`),
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;',
    )
    assert.equal(escapeXml('a\u0000b\u001Fc\tline\n'), 'a\uFFFDb\uFFFDc\tline\n')
    assert.equal(escapeXml('\uD800x😀'), '\uFFFDx😀')
  })

  test('odd keys become legal element names', () => {
    assert.equal(toXml('R', { '1a b': 'x', '': 'y' }), `${PROLOG}<R><_1a_b>x</_1a_b><_>y</_></R>`)
  })
})

describe('render', () => {
  test('JSON success and error', () => {
    const ok = renderSuccess('JSON', 'DescribeX', { RequestId: 'R', A: [] })
    assert.equal(ok.contentType, JSON_CONTENT_TYPE)
    assert.deepEqual(JSON.parse(ok.payload), { RequestId: 'R', A: [] })
    const err = renderError('JSON', { RequestId: 'R', Code: 'C' })
    assert.equal(err.contentType, JSON_CONTENT_TYPE)
    assert.deepEqual(JSON.parse(err.payload), { RequestId: 'R', Code: 'C' })
  })

  test('XML success root is <ActionResponse>, error root is <Error>', () => {
    const ok = renderSuccess('XML', 'DescribeX', { RequestId: 'R' })
    assert.equal(ok.contentType, XML_CONTENT_TYPE)
    assert.equal(
      ok.payload,
      `${PROLOG}<DescribeXResponse><RequestId>R</RequestId></DescribeXResponse>`,
    )
    const err = renderError('XML', { RequestId: 'R', Code: 'C' })
    assert.equal(err.contentType, XML_CONTENT_TYPE)
    assert.equal(err.payload, `${PROLOG}<Error><RequestId>R</RequestId><Code>C</Code></Error>`)
  })
})
