// Resource groups (extensions.md §7): eniplane models none, but round-trips the ID a client
// gives, and a resource created without one belongs to its account's default group, whose ID is
// fixed per account (Alibaba's default groups read `rg-acfm…`; ours: `rg-acfm` + 11 characters
// derived from the account ID, so every replica and every restart names the same group).

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'
const SUFFIX_LENGTH = 11

/** FNV-1a, 64-bit: a stable, dependency-free digest (not a secret: the ID is shown to clients). */
function fnv1a64(text: string): bigint {
  let hash = 0xcbf29ce484222325n
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i))
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return hash
}

/** The account's default resource group: `rg-acfm` + 11 base-36 characters. */
export function defaultResourceGroupId(accountId: string): string {
  let n = fnv1a64(`eniplane-resource-group:${accountId}`)
  let suffix = ''
  for (let i = 0; i < SUFFIX_LENGTH; i++) {
    suffix += ALPHABET[Number(n % 36n)]
    n /= 36n
  }
  return `rg-acfm${suffix}`
}

const RESOURCE_GROUP_ID = /^rg-[a-z0-9]{1,64}$/

/** What a client may name: `rg-` and 1–64 lower-case letters or digits (Alibaba's shape). */
export function isResourceGroupId(id: string): boolean {
  return RESOURCE_GROUP_ID.test(id)
}
