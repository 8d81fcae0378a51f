// The two quota profiles of DESIGN.md: `seed` (the product document's rules, default) and
// `current` (today's public API). One table, read by the rules in eni-rules.ts.

export type QuotaProfileName = 'seed' | 'current'

export interface QuotaProfile {
  readonly name: QuotaProfileName
  /** attach: must the ENI and the instance share the vSwitch (VPC and zone always). */
  readonly attachRequiresSameVSwitch: boolean
  /** secondary private IPs an `Available` ENI may hold. */
  readonly availableSecondaryIpCap: number
  /** private IPs (primary included) on an `InUse` ENI; undefined = the type's value alone. */
  readonly inUsePrivateIpCeiling: number | undefined
  /** private IPs per normal security group (primary and secondary, all member ENIs). */
  readonly normalSecurityGroupIpCap: number
  /** private IPs per enterprise security group. */
  readonly enterpriseSecurityGroupIpCap: number
}

export const QUOTA_PROFILES: Readonly<Record<QuotaProfileName, QuotaProfile>> = {
  seed: {
    name: 'seed',
    attachRequiresSameVSwitch: true,
    availableSecondaryIpCap: 10,
    inUsePrivateIpCeiling: 20,
    normalSecurityGroupIpCap: 2000,
    enterpriseSecurityGroupIpCap: 2000,
  },
  current: {
    name: 'current',
    attachRequiresSameVSwitch: false,
    availableSecondaryIpCap: 49,
    inUsePrivateIpCeiling: undefined,
    normalSecurityGroupIpCap: 2000,
    enterpriseSecurityGroupIpCap: 65536,
  },
}

export function isQuotaProfileName(s: string): s is QuotaProfileName {
  return s === 'seed' || s === 'current'
}

/** Region-level quotas (spec/eni-api.md §5); configurable per server. */
export interface RegionQuotas {
  readonly enisPerRegion: number
  readonly vpcsPerRegion: number
  readonly vswitchesPerVpc: number
  readonly securityGroupsPerRegion: number
  readonly securityGroupsPerEni: number
}

export const DEFAULT_REGION_QUOTAS: RegionQuotas = {
  enisPerRegion: 100,
  vpcsPerRegion: 10,
  vswitchesPerVpc: 150,
  securityGroupsPerRegion: 100,
  securityGroupsPerEni: 5,
}
