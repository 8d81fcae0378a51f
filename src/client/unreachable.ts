// A request that never reached a server (nothing listening, a wrong host, a TLS mismatch) fails
// in fetch with `TypeError: fetch failed` and the reason in `cause`. This turns it into a
// sentence that names the endpoint and says what to do; anything else is not ours to explain.

/** The sentence for a failed connection to `endpoint`, or `undefined` if `e` is something else. */
export function unreachableMessage(e: unknown, endpoint: string): string | undefined {
  if (!(e instanceof TypeError) || e.message !== 'fetch failed') return undefined
  const cause = e.cause as { code?: unknown; message?: unknown } | undefined
  const code = typeof cause?.code === 'string' ? cause.code : undefined
  const reason =
    code === 'ECONNREFUSED'
      ? 'nothing is listening there'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'the host name does not resolve'
        : typeof cause?.message === 'string'
          ? cause.message
          : 'the connection failed'
  return (
    `Cannot reach the eniplane API at ${endpoint}: ${reason}${code === undefined ? '' : ` (${code})`}. ` +
    'Start the server (npm start, or npx eniplane serve), or point --endpoint or ENIPLANE_ENDPOINT at a running one.'
  )
}
