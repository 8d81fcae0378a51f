// VPC tag errors (extensions.md §1.4).
import { make } from './api-error.js'

export const vpcTagErrors = {
  invalidTagKey: make('InvalidTagKey', 400, 'The tag keys are not valid.'),
  invalidTagValue: make('InvalidTagValue', 400, 'The tag values are not valid.'),
  invalidVpcResourceType: make(
    'InvalidInstanceType.NotFound',
    400,
    'The instance type is not found',
  ),
  invalidVpcResourceIds: make('InvalidInstanceIds.NotFound', 400, 'The instanceIds are not found'),
  forbiddenTagKeys: make(
    'Forbidden.TagKeys',
    400,
    'The request do not allow to operate the tag keys',
  ),
  quotaExceededTagNum: make('QuotaExceeded.TagNum', 400, 'Custom Tags quota exceeded'),
  forbiddenTagKeyDuplicated: make(
    'Forbidden.TagKey.Duplicated',
    400,
    'The specified tag key already exists.',
  ),
  sizeLimitExceededTagNum: make(
    'SizeLimitExceeded.TagNum',
    400,
    'The maximum number of tags is exceeded.',
  ),
  sizeLimitExceededResourceId: make(
    'SizeLimitExceeded.ResourceId',
    400,
    'The maximum number of resource IDs is exceeded.',
  ),
  bothEmptyTagsAndResources: make(
    'BothEmpty.TagsAndResources',
    403,
    'The specified Tags and ResourcesIds are not allow to both empty.',
  ),

  invalidDescriptionMalformed: make(
    'InvalidDescription.Malformed',
    400,
    'The specified description is not valid.',
  ),
} as const
