// The two ways to ask for secondary private IPs (spec §7.1, §7.8): chosen addresses
// (`PrivateIpAddress.N`) or a count of automatic ones (`SecondaryPrivateIpAddressCount`).
import { errors } from '../domain/errors.js'

export const MAX_ADDRESSES_PER_CALL = 32

export interface AddressRequest {
  readonly chosen: readonly string[]
  readonly count: number | undefined
}

/** Both given → `InvalidParameter.Conflict`; a count must be a whole number ≥ 1. */
export function checkAddressRequest(
  privateIpAddresses: readonly string[] | undefined,
  secondaryPrivateIpAddressCount: number | undefined,
): AddressRequest {
  const chosen = privateIpAddresses ?? []
  const count = secondaryPrivateIpAddressCount
  if (chosen.length > 0 && count !== undefined) {
    throw errors.invalidParameterConflict('PrivateIpAddress.N', 'SecondaryPrivateIpAddressCount')
  }
  if (count !== undefined && (!Number.isInteger(count) || count < 1)) {
    throw errors.invalidParameter('SecondaryPrivateIpAddressCount')
  }
  if (chosen.length > MAX_ADDRESSES_PER_CALL) throw errors.invalidParameter('PrivateIpAddress.N')
  return { chosen, count }
}
