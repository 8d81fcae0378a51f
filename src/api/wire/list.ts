// Alibaba's XML-derived list wrappers as types: `SecurityGroupIds: Wrapped<'SecurityGroupId',
// string>` is `{ SecurityGroupId: string[] }`. An empty list is `[]`, never absent.
export type Wrapped<Inner extends string, T> = { [K in Inner]: T[] }

/** ECS tags (`TagKey`/`TagValue`); VPC-product tags use `Key`/`Value` instead. */
export type WireEcsTag = { TagKey: string; TagValue: string }
export type WireVpcTag = { Key: string; Value: string }
