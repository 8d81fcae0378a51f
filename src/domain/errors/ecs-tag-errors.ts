// ECS tag errors (extensions.md §1.1, §1.3).
import { make } from './api-error.js'

export const ecsTagErrors = {
  duplicateTagKey: make('Duplicate.TagKey', 400, 'The Tag.N.Key contain duplicate key.'),
  invalidTagKeyMalformed: make(
    'InvalidTagKey.Malformed',
    400,
    'The specified Tag.n.Key is not valid.',
  ),
  invalidTagValueMalformed: make(
    'InvalidTagValue.Malformed',
    400,
    'The specified Tag.n.Value is not valid.',
  ),
  invalidTagMismatch: make(
    'InvalidTag.Mismatch',
    400,
    'The specified Tag.n.Key and Tag.n.Value are not match.',
  ),
  quotaExceedTags: make('QuotaExceed.Tags', 403, 'The maximum number of tags is exceeded.'),
  numberExceedTags: make(
    'NumberExceed.Tags',
    400,
    "The Tags parameter's number is exceed , Valid : 20",
  ),
  numberExceedResourceIds: make(
    'NumberExceed.ResourceIds',
    400,
    "The ResourceIds parameter's number is exceed , Valid : 50",
  ),
  tagQuotaExceededOnResource: make(
    'OperationDenied.QuotaExceed',
    400,
    'The quota of tags on resource is beyond permitted range.',
  ),
  missingParameterResourceType: make(
    'MissingParameter.ResourceType',
    404,
    'The parameter - ResourceType should not be null',
  ),
  missingParameterTags: make(
    'MissingParameter.Tags',
    404,
    'The parameter - Tags should not be null',
  ),
  missingParameterRegionId: make(
    'MissingParameter.RegionId',
    404,
    'The parameter - RegionId should not be null',
  ),
  invalidResourceIdNotFound: make(
    'InvalidResourceId.NotFound',
    404,
    'The specified ResourceIds are not found in our records.',
  ),
  invalidResourceTypeNotFound: make(
    'InvalidResourceType.NotFound',
    404,
    'The ResourceType provided does not exist in our records.',
  ),
  invalidParameterTagValue: make(
    'InvalidParameter.TagValue',
    400,
    'The Tag.N.Value is specified without Tag.N.Key.',
  ),

  invalidTagCount: make(
    'InvalidTagCount',
    400,
    'The specified tags are beyond the permitted range.',
  ),
  invalidResourceIdNotSupported: make(
    'InvalidResourceId.NotSupported',
    403,
    'The specified ResourceId does not support tagging.',
  ),
} as const
