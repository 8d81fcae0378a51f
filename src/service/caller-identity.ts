// GetCallerIdentity (STS 2015-04-01, extensions.md §5.1): who the verified AccessKey belongs to.
// eniplane's keys are account keys (no RAM users or roles), so the identity is the account
// itself — `IdentityType: "Account"`, the account's root ARN — and UserId and PrincipalId repeat
// the account id (the spec's "ours").
import type { Caller } from './context.js'

export interface CallerIdentity {
  readonly accountId: string
  readonly userId: string
  readonly principalId: string
  readonly arn: string
  readonly identityType: 'Account'
}

export function getCallerIdentity(caller: Caller): CallerIdentity {
  return {
    accountId: caller.accountId,
    userId: caller.accountId,
    principalId: caller.accountId,
    arn: `acs:ram::${caller.accountId}:root`,
    identityType: 'Account',
  }
}
