// GetCallerIdentity (STS 2015-04-01, extensions.md §5.1) on the same endpoint as ECS and VPC:
// Terraform's provider calls it to learn the account id when `account_id` is not configured.
// No action parameters; every field is a string.
import { getCallerIdentity } from '../../service/caller-identity.js'
import { STS_VERSION, type ActionDefinition } from '../action-registry.js'

export function getCallerIdentityAction(): ActionDefinition {
  return {
    version: STS_VERSION,
    action: 'GetCallerIdentity',
    handler: async ({ accountId }) => {
      const identity = getCallerIdentity({ accountId })
      return {
        AccountId: identity.accountId,
        UserId: identity.userId,
        PrincipalId: identity.principalId,
        Arn: identity.arn,
        IdentityType: identity.identityType,
      }
    },
  }
}
