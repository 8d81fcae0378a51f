import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { paramsOf, type RawRpcRequest } from './raw-rpc-request.js'

function raw(params: Record<string, string>, headers: Record<string, string>): RawRpcRequest {
  return { method: 'POST', path: '/', rawQuery: '', headers, body: '', params }
}

describe('paramsOf maps x-acs-action / x-acs-version', () => {
  test('V3: the signed headers supply Action and Version', () => {
    const p = paramsOf(
      raw(
        { RegionId: 'cn-hangzhou' },
        {
          authorization: 'ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host,Signature=00',
          'x-acs-action': 'AssignPrivateIpAddresses',
          'x-acs-version': '2014-05-26',
        },
      ),
    )
    assert.equal(p.str('Action'), 'AssignPrivateIpAddresses')
    assert.equal(p.str('Version'), '2014-05-26')
    assert.equal(p.str('RegionId'), 'cn-hangzhou')
  })

  test("V1: the signed parameter wins over pop-core's unsigned, un-capitalised header", () => {
    const p = paramsOf(
      raw(
        { Action: 'AssignPrivateIpAddresses', Version: '2014-05-26' },
        { 'x-acs-action': 'assignPrivateIpAddresses', 'x-acs-version': '2016-04-28' },
      ),
    )
    assert.equal(p.str('Action'), 'AssignPrivateIpAddresses')
    assert.equal(p.str('Version'), '2014-05-26')
  })

  test('a header fills an absent parameter', () => {
    const p = paramsOf(raw({}, { 'x-acs-action': 'EniplaneNoOp' }))
    assert.equal(p.str('Action'), 'EniplaneNoOp')
    assert.equal(p.str('Version'), undefined)
  })

  test('raw.params itself is left untouched (it is what V1 signs)', () => {
    const r = raw({ A: '1' }, { 'x-acs-action': 'X' })
    paramsOf(r)
    assert.deepEqual(r.params, { A: '1' })
  })
})
