export { cryptoFrom, type Crypto, type HashModule } from './crypto.js'
export { percentEncode } from './percent-encode.js'
export { compareNames, formatQuery, parseQuery, sortPairs, toPairs, type Pair } from './query.js'
export {
  V1_SIGNATURE_METHOD,
  V1_SIGNATURE_VERSION,
  canonicalizeV1,
  signV1,
  stringToSignV1,
} from './v1.js'
export {
  EMPTY_PAYLOAD_SHA256,
  V3_ALGORITHM,
  canonicalHeadersV3,
  canonicalQueryV3,
  canonicalRequestV3,
  formatAuthorizationV3,
  normalizeSignedHeaders,
  parseAuthorizationV3,
  signV3,
  stringToSignV3,
  type AuthorizationV3,
  type CanonicalRequestV3Input,
  type ParsedAuthorization,
} from './v3.js'
