import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ApiError } from '../domain/errors.js'
import {
  ActionRegistry,
  ECS_VERSION,
  VPC_VERSION,
  type ActionDefinition,
  type ApiVersion,
} from './action-registry.js'
import { eniplaneNoOpAction } from './actions/no-op.js'

function def(version: ApiVersion, action: string): ActionDefinition {
  return { version, action, handler: async () => ({ version }) }
}

function throwsApi(fn: () => unknown, code: string, status: number): void {
  assert.throws(
    fn,
    (e: unknown) => e instanceof ApiError && e.code === code && e.httpStatus === status,
  )
}

describe('ActionRegistry', () => {
  const registry = new ActionRegistry()
    .registerAction(eniplaneNoOpAction())
    .registerAction(def(ECS_VERSION, 'DescribeRegions'))
    .registerAction(def(VPC_VERSION, 'DescribeRegions'))
    .registerAction(def(VPC_VERSION, 'CreateVpc'))

  test('resolves by Action and Version', () => {
    assert.equal(registry.resolve('EniplaneNoOp', ECS_VERSION).action, 'EniplaneNoOp')
    assert.equal(registry.resolve('DescribeRegions', VPC_VERSION).version, VPC_VERSION)
    assert.equal(registry.resolve('DescribeRegions', ECS_VERSION).version, ECS_VERSION)
  })

  test('a missing or empty Version → MissingParameter 400, even when the Action is unambiguous', () => {
    throwsApi(() => registry.resolve('CreateVpc', undefined), 'MissingParameter', 400)
    throwsApi(() => registry.resolve('EniplaneNoOp', ''), 'MissingParameter', 400)
    throwsApi(() => registry.resolve('DescribeRegions', undefined), 'MissingParameter', 400)
  })

  test('unknown Action, or Action under the wrong Version → InvalidAction.NotFound 404', () => {
    throwsApi(() => registry.resolve('Nope', ECS_VERSION), 'InvalidAction.NotFound', 404)
    throwsApi(() => registry.resolve('CreateVpc', ECS_VERSION), 'InvalidAction.NotFound', 404)
    throwsApi(() => registry.resolve('CreateVpc', '2099-01-01'), 'InvalidAction.NotFound', 404)
    throwsApi(() => registry.resolve('createVpc', VPC_VERSION), 'InvalidAction.NotFound', 404)
  })

  test('missing Action → MissingParameter', () => {
    throwsApi(() => registry.resolve(undefined, ECS_VERSION), 'MissingParameter', 400)
    throwsApi(() => registry.resolve('', ECS_VERSION), 'MissingParameter', 400)
  })

  test('registering twice, or under an unknown version, is a programming error', () => {
    assert.throws(() =>
      new ActionRegistry()
        .registerAction(def(ECS_VERSION, 'A'))
        .registerAction(def(ECS_VERSION, 'A')),
    )
    assert.throws(() => new ActionRegistry().registerAction(def('2000-01-01' as ApiVersion, 'A')))
  })

  test('definitions() lists registrations in order', () => {
    assert.deepEqual(
      registry.definitions().map((d) => `${d.version} ${d.action}`),
      [
        `${ECS_VERSION} EniplaneNoOp`,
        `${ECS_VERSION} DescribeRegions`,
        `${VPC_VERSION} DescribeRegions`,
        `${VPC_VERSION} CreateVpc`,
      ],
    )
  })
})
